package io.heymirror.sync;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One syncer across replicas: a ShedLock lock in PostgreSQL, short-lived and extended
 * while its run is alive, so a replica killed mid-run blocks the others for at most
 * {@code heymirror.sync.lock-at-most-for}.
 */
@Configuration(proxyBeanMethods = false)
class SyncLockConfiguration {

	// not a bean: a ScheduledExecutorService bean would become the executor of the
	// @Scheduled sync, and the keep-alive must never wait behind a sync run
	private final ScheduledExecutorService keepAlive = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sync-lock-keepalive").factory());

	@Bean
	LockProvider syncLockProvider(DataSource dataSource) {
		JdbcTemplateLockProvider jdbc = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
		return new KeepAliveLockProvider(jdbc, this.keepAlive);
	}

	@PreDestroy
	void stopKeepAlive() {
		this.keepAlive.shutdownNow();
	}

}
