package io.heymirror.mirror;

import java.util.Collection;

/**
 * Entries one write appended to the change log, by operation; published inside the
 * writing transaction, so listeners that count only committed work listen after commit.
 *
 * @param created contacts new to the mirror
 * @param updated contacts whose JSON changed
 * @param deleted contacts found deleted upstream (soft deletes)
 * @param restored deleted contacts that came back
 */
public record ChangesAppended(int created, int updated, int deleted, int restored) {

	/** Counts operations as the log stores them ({@code created}, ...). */
	static ChangesAppended of(Collection<String> operations) {
		int created = 0;
		int updated = 0;
		int deleted = 0;
		int restored = 0;
		for (String operation : operations) {
			switch (operation) {
				case "created" -> created++;
				case "updated" -> updated++;
				case "deleted" -> deleted++;
				case "restored" -> restored++;
				default -> throw new IllegalArgumentException("Unknown change operation " + operation);
			}
		}
		return new ChangesAppended(created, updated, deleted, restored);
	}

	public int total() {
		return this.created + this.updated + this.deleted + this.restored;
	}

}
