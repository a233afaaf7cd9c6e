package io.heymirror.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The daily purge, at {@code heymirror.retention.schedule}. It runs in every replica
 * without a lock: the deletes are idempotent and cheap, so a second replica finds nothing
 * left to delete, and a lock would only add a way for the purge to be skipped.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionScheduling implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RetentionScheduling.class);

	private final Retention retention;

	private final RetentionProperties properties;

	RetentionScheduling(Retention retention, RetentionProperties properties) {
		this.retention = retention;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addCronTask(this::purge, this.properties.schedule());
	}

	void purge() {
		try {
			this.retention.purge();
		}
		catch (RuntimeException ex) {
			log.error("Retention purge failed; the next scheduled run tries again: {}", ex.getMessage());
		}
	}

}
