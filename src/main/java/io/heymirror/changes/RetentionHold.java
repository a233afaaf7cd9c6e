package io.heymirror.changes;

import java.util.Optional;

/**
 * Entries a reader that keeps its cursor in PostgreSQL (a sink) has not received yet: the
 * retention purge keeps them, until they are older than
 * {@code heymirror.changes.max-hold}. Implemented by the feature that owns such readers,
 * so that this one does not depend on it.
 */
public interface RetentionHold {

	/**
	 * The lowest position a reader has received everything up to; entries after it are
	 * held. Empty when nothing is held.
	 */
	Optional<ChangePosition> heldAfter();

}
