package io.heymirror.ops;

import java.time.Instant;

import io.heymirror.delivery.SinkStatus;
import org.jspecify.annotations.Nullable;

/**
 * A sink as {@code /actuator/changes}, the {@code changes} health component and the
 * dashboard show it.
 *
 * @param name the sink (a webhook subscriber's name, {@code kafka})
 * @param kind {@code webhook} or {@code kafka}
 * @param state {@code active}, {@code failing}, {@code disabled} (the receiver answered
 * 410) or {@code expired} (changes it had not received were purged)
 * @param cursor its position, in the form {@code GET /api/changes} uses
 * @param lag change log entries it has not received yet
 * @param oldestUndelivered when the oldest of them was written
 * @param retentionHeld whether it holds the retention purge back
 * @param lastDeliveryAt when it last acknowledged an event
 * @param failingSince its first failed attempt since it last delivered something
 * @param lastError its last failure
 * @param delivered events it acknowledged (all replicas)
 * @param failed attempts that failed (all replicas)
 */
record SinkView(String name, String kind, String state, String cursor, long lag, @Nullable Instant oldestUndelivered,
		boolean retentionHeld, @Nullable Instant lastDeliveryAt, @Nullable Instant failingSince,
		@Nullable String lastError, long delivered, long failed) {

	static SinkView of(SinkStatus status) {
		return new SinkView(status.name(), status.kind(), status.state().label(), status.cursor(), status.lag(),
				status.oldestUndelivered(), status.retentionHeld(), status.lastDeliveryAt(), status.failingSince(),
				status.lastError(), status.delivered(), status.failed());
	}

}
