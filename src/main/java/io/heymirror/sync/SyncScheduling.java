package io.heymirror.sync;

import java.time.Duration;

import io.heymirror.heymarket.HeymarketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The scheduled sync: the first run right after start, then every
 * {@code heymirror.sync.interval} after the previous run ends. The job is thin: it asks
 * {@link SyncControl} for a run, which another replica may be holding.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "heymirror.sync.enabled", matchIfMissing = true)
class SyncScheduling implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SyncScheduling.class);

	private final SyncControl control;

	private final SyncProperties properties;

	SyncScheduling(SyncControl control, SyncProperties properties) {
		this.control = control;
		this.properties = properties;
	}

	@Bean
	static SmartInitializingSingleton upstreamCredentialsCheck(HeymarketClient client) {
		return () -> {
			if (!client.isConfigured()) {
				throw new MissingUpstreamCredentialsException();
			}
		};
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::runScheduled, this.properties.interval(), Duration.ZERO));
	}

	void runScheduled() {
		try {
			this.control.runNow(SyncMode.INCREMENTAL, "schedule");
		}
		catch (SyncInProgressException ex) {
			log.debug("Scheduled sync skipped: a run is in progress (here or in another replica)");
		}
		catch (RuntimeException ex) {
			log.error("Scheduled sync could not start: {}", ex.getMessage());
		}
	}

}
