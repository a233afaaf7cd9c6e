package io.heymirror.delivery;

import java.time.Instant;

import io.heymirror.changes.ChangeCursor;
import org.jspecify.annotations.Nullable;

/**
 * A sink's row in {@code change_sink}.
 *
 * @param name the sink
 * @param kind {@code webhook}, {@code kafka}
 * @param cursor everything up to here was delivered
 * @param state where it stands
 * @param rewinds how often it was rewound: a write based on an older read is refused
 * @param failingSince the first failed attempt since the last one that delivered
 * something
 * @param lastDeliveryAt when an event was last acknowledged
 * @param lastError the last failure, if any
 * @param delivered events acknowledged (all replicas)
 * @param failed delivery attempts that failed (all replicas)
 */
record SinkRow(String name, String kind, ChangeCursor cursor, SinkState state, long rewinds,
		@Nullable Instant failingSince, @Nullable Instant lastDeliveryAt, @Nullable String lastError, long delivered,
		long failed) {

}
