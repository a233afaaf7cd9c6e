package io.heymirror.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a sink is doing, for health, the dashboard and the rewind endpoint.
 *
 * @param name the sink
 * @param kind {@code webhook} or {@code kafka}
 * @param state where it stands
 * @param cursor its cursor (the same form as {@code GET /api/changes} uses)
 * @param lag change log entries it has not received yet
 * @param oldestUndelivered when the oldest of them was written; null when there is none
 * @param retentionHeld whether it holds back the retention purge (it has not received
 * entries older than {@code heymirror.changes.retention})
 * @param lastDeliveryAt when an event was last acknowledged
 * @param failingSince the first failed attempt since the last one that delivered
 * something
 * @param lastError the last failure
 * @param delivered events acknowledged, all replicas
 * @param failed attempts that failed, all replicas
 */
public record SinkStatus(String name, String kind, SinkState state, String cursor, long lag,
		@Nullable Instant oldestUndelivered, boolean retentionHeld, @Nullable Instant lastDeliveryAt,
		@Nullable Instant failingSince, @Nullable String lastError, long delivered, long failed) {

	/** Whether the {@code changes} health should be DOWN for it. */
	public boolean unhealthy() {
		return this.state != SinkState.ACTIVE;
	}

}
