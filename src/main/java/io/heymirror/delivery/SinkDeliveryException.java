package io.heymirror.delivery;

import org.jspecify.annotations.Nullable;

/**
 * A delivery that stopped part-way: only the first {@link #delivered()} events were
 * acknowledged. The cursor moves past those, and the rest is retried, unless the receiver
 * asked never to be called again ({@link #gone()}, a webhook's {@code 410}).
 */
public class SinkDeliveryException extends Exception {

	private final int delivered;

	private final boolean gone;

	/**
	 * @param message what failed, for the log and the health (no contact data, no secret)
	 * @param delivered how many leading events were acknowledged
	 * @param gone whether the receiver asked never to be called again
	 * @param cause the underlying failure, if any
	 */
	public SinkDeliveryException(String message, int delivered, boolean gone, @Nullable Throwable cause) {
		super(message, cause);
		this.delivered = delivered;
		this.gone = gone;
	}

	/** How many leading events were acknowledged. */
	public int delivered() {
		return this.delivered;
	}

	/** Whether the receiver asked never to be called again (410). */
	public boolean gone() {
		return this.gone;
	}

}
