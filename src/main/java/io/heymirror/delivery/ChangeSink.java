package io.heymirror.delivery;

import java.time.Duration;
import java.util.List;

import io.heymirror.changes.ChangeEvent;

/**
 * A destination the change feed is pushed to. Each sink is a Spring bean (or comes from a
 * {@link ChangeSinks} bean); the framework finds them all, and runs one delivery loop per
 * sink.
 */
public interface ChangeSink {

	/**
	 * Unique, stable name ({@code [a-z0-9-]+}): the cursor row, the per-sink lock, the
	 * metrics tag. Kafka's is {@code kafka}.
	 */
	String name();

	/** {@code webhook} or {@code kafka}: for health, metrics and the dashboard. */
	String kind();

	/**
	 * Where a sink without a stored cursor starts: true = the oldest retained change,
	 * false = the head ("latest").
	 */
	boolean startsAtBeginning();

	/**
	 * Whether it wants this event (types / accounts filters). Skipped events still move
	 * its cursor.
	 */
	boolean accepts(ChangeEvent event);

	/**
	 * Delivers the events in order, returning only once all are acknowledged.
	 * @throws SinkDeliveryException after delivering (acknowledged) only the first
	 * {@code delivered()} of them
	 */
	void deliver(List<ChangeEvent> events) throws SinkDeliveryException;

	/**
	 * How long deliveries may fail without progress before the sink is reported failing
	 * (it keeps its cursor and goes on retrying).
	 */
	default Duration maxRetryDuration() {
		return Duration.ofDays(1);
	}

	/** The most events handed to one {@link #deliver} call. */
	default int batchSize() {
		return 100;
	}

}
