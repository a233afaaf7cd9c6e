package io.heymirror.mirror;

import java.util.List;
import java.util.stream.Stream;

/**
 * What one batch upsert did.
 *
 * @param inserted rows that were new
 * @param updated rows replaced by a newer version (or undeleted)
 * @param unchanged rows kept because the stored version was as new or newer
 * @param skippedIds contacts PostgreSQL refused to store; the batch went on without them
 */
public record UpsertResult(int inserted, int updated, int unchanged, List<Long> skippedIds) {

	public static final UpsertResult EMPTY = new UpsertResult(0, 0, 0, List.of());

	public UpsertResult {
		skippedIds = List.copyOf(skippedIds);
	}

	public UpsertResult plus(UpsertResult other) {
		return new UpsertResult(this.inserted + other.inserted, this.updated + other.updated,
				this.unchanged + other.unchanged,
				Stream.concat(this.skippedIds.stream(), other.skippedIds.stream()).toList());
	}

}
