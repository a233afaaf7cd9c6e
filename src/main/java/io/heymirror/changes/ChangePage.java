package io.heymirror.changes;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A page of the change feed.
 *
 * @param changes the events, in feed order
 * @param next pass as {@code after} to read on; keep it as the consumer's position
 * @param hasMore whether more changes can be read right away
 */
@Schema(name = "ChangePage")
record ChangePage(List<ChangeEvent> changes,
		@Schema(description = "Pass as 'after' to read on; keep it as your position.") String next,
		@Schema(description = "Whether more changes can be read right away.") boolean hasMore) {

}
