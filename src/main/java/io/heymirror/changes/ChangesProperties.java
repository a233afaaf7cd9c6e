package io.heymirror.changes;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the change feed keeps and serves the change log. (Whether the log is written at
 * all, {@code heymirror.changes.enabled}, is set where it is written, in {@code mirror}.)
 *
 * @param retention entries older than this are purged on the retention schedule, except
 * the newest entry of each live contact, so that reading from the beginning still gives
 * the whole mirror
 * @param maxHold how long the purge keeps entries an enabled sink (a webhook subscriber,
 * Kafka) has not received yet; older ones are purged all the same, and that sink expires
 */
@Validated
@ConfigurationProperties("heymirror.changes")
public record ChangesProperties(@DefaultValue("P7D") @NotNull @DurationMin(minutes = 1) Duration retention,
		@DefaultValue("P30D") @NotNull @DurationMin(minutes = 1) Duration maxHold) {

}
