package io.heymirror.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * How long Heymirror keeps what it no longer needs.
 *
 * @param deletedContacts contacts soft-deleted (gone upstream) longer ago than this are
 * removed for good; they are personal data, so keep it short
 * @param syncRuns sync run history older than this is removed
 * @param schedule when the purge runs: a Spring cron expression (second minute hour day
 * month weekday), in the server's time zone
 */
@Validated
@ConfigurationProperties("heymirror.retention")
record RetentionProperties(@DefaultValue("P30D") @NotNull @DurationMin(minutes = 1) Duration deletedContacts,
		@DefaultValue("P90D") @NotNull @DurationMin(minutes = 1) Duration syncRuns,
		@DefaultValue("0 17 3 * * *") @NotBlank String schedule) {

	RetentionProperties {
		if (schedule != null && !CronExpression.isValidExpression(schedule)) {
			throw new IllegalArgumentException(
					"heymirror.retention.schedule is not a valid cron expression: " + schedule);
		}
	}

}
