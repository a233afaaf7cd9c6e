package io.heymirror.sync;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the checks and repairs read from the mirror: live contacts by {@code updated}, at
 * the mirror's microsecond resolution (instants are cut to whole microseconds first).
 */
interface MirrorView {

	/** The database's clock: the ceiling of checkpoints and the end of closed windows. */
	Instant now();

	/** Ids of live contacts updated at exactly this instant. */
	Set<Long> liveIdsAt(Instant at);

	/**
	 * Live contacts in a window.
	 * @param withBounds true: {@code [from, upTo]}; false: {@code (from, upTo)}
	 */
	long countLive(Window window, boolean withBounds);

	/** Ids of live contacts updated in {@code [from, upTo]}. */
	List<Long> liveIdsIn(Window window);

	/** The median {@code updated} of live contacts in {@code (from, upTo]}. */
	@Nullable Instant medianIn(Window window);

}
