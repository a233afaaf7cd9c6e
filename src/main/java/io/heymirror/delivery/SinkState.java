package io.heymirror.delivery;

import java.util.Locale;

/** Where a sink stands. */
public enum SinkState {

	/** Delivering, or retrying for less than its max retry duration. */
	ACTIVE,

	/**
	 * Failing for longer than its max retry duration: still retried, its cursor kept.
	 */
	FAILING,

	/** The receiver answered 410: no more deliveries until a rewind. */
	DISABLED,

	/**
	 * Entries it had not received were purged (past {@code heymirror.changes.max-hold}):
	 * no more deliveries until a rewind.
	 */
	EXPIRED;

	/** As stored and reported: {@code active}, {@code failing}, ... */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static SinkState of(String label) {
		return valueOf(label.toUpperCase(Locale.ROOT));
	}

	/** Whether the framework delivers to it. */
	boolean delivering() {
		return this == ACTIVE || this == FAILING;
	}

}
