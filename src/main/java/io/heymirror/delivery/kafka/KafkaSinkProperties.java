package io.heymirror.delivery.kafka;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka sink: where the change log is published. The broker connection is Boot's
 * {@code spring.kafka.*}.
 *
 * @param topic the topic every change is published to; unset (or blank) turns the sink
 * off
 * @param tombstones after each deleted event, publish a tombstone (null value) with the
 * same key, so that a compacted topic forgets the contact
 * @param accounts the accounts whose changes are published (empty: all)
 * @param sendTimeout the longest a batch waits for the broker (connecting, metadata, and
 * acknowledgements: the producer's {@code max.block.ms} and {@code delivery.timeout.ms})
 * before the delivery fails and is retried
 * @param maxRetryDuration how long deliveries may fail without progress (the broker
 * unreachable, say) before the sink is reported failing; it keeps its cursor and goes on
 * retrying
 */
@Validated
@ConfigurationProperties("heymirror.changes.kafka")
public record KafkaSinkProperties(@Nullable @Pattern(regexp = "(?!\\.{1,2}$)[a-zA-Z0-9._-]{1,249}",
		message = "must be a Kafka topic name: 1 to 249 of a-z, A-Z, 0-9, '.', '_' and '-' (not '.' or '..')") String topic,
		@DefaultValue("true") boolean tombstones, @DefaultValue @NotNull List<@NotBlank String> accounts,
		@DefaultValue("PT30S") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration sendTimeout,
		@DefaultValue("P1D") @NotNull @DurationMin(seconds = 1) Duration maxRetryDuration) {

	public KafkaSinkProperties {
		topic = (topic == null || topic.isBlank()) ? null : topic.strip();
		accounts = List.copyOf(accounts);
	}

	/** Whether the sink publishes at all. */
	public boolean enabled() {
		return this.topic != null;
	}

}
