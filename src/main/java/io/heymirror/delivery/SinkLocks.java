package io.heymirror.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One replica delivers to a sink at a time: a ShedLock lock per sink in PostgreSQL
 * ({@code shedlock}, as the sync's), held while the replica delivers and extended while
 * it lives, so a replica killed mid-delivery blocks the others for at most
 * {@link #LOCK_AT_MOST_FOR} and causes at most a redelivery. Not a {@code LockProvider}
 * bean: the sync injects the one it declares.
 */
@Component
class SinkLocks {

	/**
	 * How long a dead replica's lock lasts; the keep-alive extends a live one every half
	 * of it (ShedLock's keep-alive needs at least 30 s).
	 */
	static final Duration LOCK_AT_MOST_FOR = Duration.ofMinutes(1);

	private final ScheduledExecutorService keepAlive = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sink-lock-keepalive").factory());

	private final LockProvider locks;

	private final Clock clock;

	SinkLocks(DataSource dataSource, Clock clock) {
		this.clock = clock;
		this.locks = new KeepAliveLockProvider(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()),
				this.keepAlive);
	}

	/** The sink's lock, if no replica (this one included) holds it. */
	Optional<SimpleLock> tryLock(String sink) {
		return this.locks
			.lock(new LockConfiguration(this.clock.instant(), lockName(sink), LOCK_AT_MOST_FOR, Duration.ZERO));
	}

	static String lockName(String sink) {
		return "heymirror-sink-" + sink;
	}

	@PreDestroy
	void stopKeepAlive() {
		this.keepAlive.shutdownNow();
	}

}
