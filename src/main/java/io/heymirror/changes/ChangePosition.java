package io.heymirror.changes;

import java.util.Comparator;

/**
 * Where an entry stands in the change log: its writing transaction, then its order of
 * appending. Positions are served in this order, and only below the oldest transaction
 * still in flight, so no entry ever appears behind a position already served.
 *
 * @param txid the writing transaction ({@code pg_current_xact_id()})
 * @param seq the order of appending
 */
public record ChangePosition(long txid, long seq) implements Comparable<ChangePosition> {

	/** Before every entry. */
	public static final ChangePosition BEGINNING = new ChangePosition(0, 0);

	private static final Comparator<ChangePosition> ORDER = Comparator.comparingLong(ChangePosition::txid)
		.thenComparingLong(ChangePosition::seq);

	/**
	 * After every entry of the transactions below {@code horizon} and before every entry
	 * of the others.
	 */
	static ChangePosition below(long horizon) {
		return new ChangePosition(horizon, 0);
	}

	@Override
	public int compareTo(ChangePosition other) {
		return ORDER.compare(this, other);
	}

	ChangePosition max(ChangePosition other) {
		return (compareTo(other) >= 0) ? this : other;
	}

}
