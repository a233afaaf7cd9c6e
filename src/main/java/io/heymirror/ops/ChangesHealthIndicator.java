package io.heymirror.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.changes.ChangesProperties;
import io.heymirror.delivery.Deliveries;
import io.heymirror.delivery.SinkStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code changes} health component: each sink's state, DOWN when one is failing,
 * disabled or expired. Part of the overall health, for alerting, and deliberately not of
 * the readiness group: a subscriber's receiver being down is no reason to stop serving
 * the mirror.
 */
@Component
class ChangesHealthIndicator implements HealthIndicator {

	private final Deliveries deliveries;

	private final ChangesProperties properties;

	ChangesHealthIndicator(Deliveries deliveries, ChangesProperties properties) {
		this.deliveries = deliveries;
		this.properties = properties;
	}

	@Override
	public Health health() {
		return health(this.deliveries.statuses(), this.properties.retention(), this.properties.maxHold());
	}

	static Health health(List<SinkStatus> statuses, Duration retention, Duration maxHold) {
		Map<String, Object> sinks = new LinkedHashMap<>();
		boolean down = false;
		for (SinkStatus status : statuses) {
			down |= status.unhealthy();
			Map<String, Object> sink = new LinkedHashMap<>();
			sink.put("kind", status.kind());
			sink.put("state", status.state().label());
			sink.put("lag", status.lag());
			put(sink, "oldestUndelivered", status.oldestUndelivered());
			put(sink, "lastDeliveryAt", status.lastDeliveryAt());
			put(sink, "failingSince", status.failingSince());
			put(sink, "lastError", status.lastError());
			if (status.retentionHeld() && status.oldestUndelivered() != null) {
				sink.put("retention",
						"retention held by subscriber " + status.name() + ": it has not received " + "changes since "
								+ status.oldestUndelivered() + " (older than heymirror.changes.retention, " + retention
								+ "); they are purged anyway, and the subscriber expires, at "
								+ status.oldestUndelivered().plus(maxHold) + " (heymirror.changes.max-hold)");
			}
			sinks.put(status.name(), sink);
		}
		return Health.status(down ? Status.DOWN : Status.UP).withDetail("sinks", sinks).build();
	}

	private static void put(Map<String, Object> sink, String name, @Nullable Object value) {
		if (value != null) {
			sink.put(name, value.toString());
		}
	}

}
