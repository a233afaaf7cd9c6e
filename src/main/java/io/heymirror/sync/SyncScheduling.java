package io.heymirror.sync;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.heymirror.heymarket.HeymarketAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled sync of every account: its first run right after start, then its
 * {@code interval} after its previous run ends. Each account's runs are scheduled apart
 * (Spring's fixed-delay tasks would all share one thread), and wait for a free run of the
 * replica ({@code heymirror.sync.max-concurrent-accounts}) in the order they come due.
 * The job is thin: it asks {@link SyncControl} for a run, which another replica may be
 * holding.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "heymirror.sync.enabled", matchIfMissing = true)
class SyncScheduling implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SyncScheduling.class);

	private final SyncControl control;

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("heymirror-sync-schedule").factory());

	private final ExecutorService runs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("heymirror-sync-scheduled-", 0).factory());

	private volatile boolean running;

	SyncScheduling(SyncControl control) {
		this.control = control;
	}

	@Bean
	static SmartInitializingSingleton upstreamCredentialsCheck(HeymarketAccounts accounts) {
		return () -> {
			if (accounts.all().stream().anyMatch((account) -> !account.client().isConfigured())) {
				throw new MissingUpstreamCredentialsException();
			}
		};
	}

	@Override
	public void start() {
		this.running = true;
		for (String account : this.control.accounts()) {
			due(account, Duration.ZERO);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.timer.shutdownNow();
		this.runs.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void due(String account, Duration delay) {
		try {
			this.timer.schedule(() -> this.runs.submit(() -> runScheduled(account)), delay.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	void runScheduled(String account) {
		try {
			this.control.runNow(account, SyncMode.INCREMENTAL, "schedule");
		}
		catch (SyncInProgressException ex) {
			log.debug("Scheduled sync of account {} skipped: a run is in progress (here or in another replica)",
					account);
		}
		catch (RuntimeException ex) {
			log.error("Scheduled sync of account {} could not start: {}", account, ex.getMessage());
		}
		finally {
			due(account, this.control.properties(account).interval());
		}
	}

}
