package io.heymirror.sync;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses to start with a connection pool too small for
 * {@code heymirror.sync.max-concurrent-accounts}: each run may hold two connections at
 * once (its writer's transaction and a read), and the API, the refresh queue and the
 * lock's keep-alive need a few more. Runs waiting for connections would time out instead.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionPoolCheck {

	/** Connections kept for everything but the runs. */
	static final int RESERVE = 2;

	@Bean
	static SmartInitializingSingleton connectionPoolSizeCheck(DataSource dataSource, SyncProperties properties) {
		return () -> {
			if (dataSource instanceof HikariDataSource hikari) {
				int needed = needed(properties.maxConcurrentAccounts());
				if (hikari.getMaximumPoolSize() < needed) {
					throw new PoolTooSmallException(hikari.getMaximumPoolSize(), properties.maxConcurrentAccounts(),
							needed);
				}
			}
		};
	}

	static int needed(int maxConcurrentAccounts) {
		return 2 * maxConcurrentAccounts + RESERVE;
	}

	/** The pool cannot serve the runs the replica may have at once. */
	static class PoolTooSmallException extends RuntimeException {

		PoolTooSmallException(int size, int maxConcurrentAccounts, int needed) {
			super("spring.datasource.hikari.maximum-pool-size (DATABASE_POOL_SIZE) is " + size
					+ ", too small for heymirror.sync.max-concurrent-accounts=" + maxConcurrentAccounts
					+ ": set the pool to at least " + needed + " or run fewer accounts at once");
		}

	}

}
