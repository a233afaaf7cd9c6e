package io.heymirror.changes;

import java.util.List;

/**
 * Entries read from the change log after a cursor.
 *
 * @param entries in log order
 * @param next the cursor to read on from (and to keep as the reader's position)
 * @param hasMore whether more entries could be read right away
 */
public record ChangeBatch(List<ChangeEntry> entries, ChangeCursor next, boolean hasMore) {

	public ChangeBatch {
		entries = List.copyOf(entries);
	}

}
