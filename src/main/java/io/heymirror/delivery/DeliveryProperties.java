package io.heymirror.delivery;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sinks retry: a failed delivery is tried again after {@code min-backoff}, then
 * twice as long each time up to {@code max-backoff}, each wait with +-50% jitter.
 *
 * @param minBackoff the wait before the first retry of a failed delivery
 * @param maxBackoff the longest wait between two attempts (at least {@code min-backoff})
 */
@Validated
@ConfigurationProperties("heymirror.changes.retry")
public record DeliveryProperties(@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration minBackoff,
		@DefaultValue("1m") @NotNull @DurationMin(millis = 1) Duration maxBackoff) {

}
