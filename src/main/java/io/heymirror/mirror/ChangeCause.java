package io.heymirror.mirror;

import java.util.Locale;

/** Why the mirror changed a contact, as the change log records it. */
public enum ChangeCause {

	/** An incremental walk from the watermark. */
	WALK,

	/** A repair of a count gap. */
	REPAIR,

	/** A periodic full reconciliation. */
	RECONCILE,

	/** A Heymarket webhook delivery. */
	WEBHOOK,

	/** A refresh asked for through the API. */
	REFRESH,

	/** A full re-sync asked for by an operator. */
	FULL_RESYNC,

	/** The state the mirror held when the change log was created. */
	BASELINE;

	/**
	 * The name the log stores and the change feed serves, such as {@code full-resync}.
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
