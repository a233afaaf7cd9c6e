package io.heymirror.api.refresh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.heymirror.api.security.ApiProperties;
import io.heymirror.heymarket.HeymarketProperties;
import io.heymirror.sync.ContactRefresher;
import io.heymirror.sync.SyncControl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assembles the refreshes' limits: the per-key limit, the share of the upstream budget
 * (shared through PostgreSQL by every replica, like the budget itself, unless the budget
 * is per process), and the queue with its worker and depth gauge.
 */
@Configuration(proxyBeanMethods = false)
class RefreshConfiguration {

	@Bean
	RefreshQueue refreshQueue(JdbcClient jdbc, MeterRegistry registry) {
		RefreshQueue queue = new RefreshQueue(jdbc);
		Gauge.builder("heymirror.refresh.queue.depth", queue, RefreshQueue::depth)
			.description("Webhook refreshes waiting in the queue")
			.register(registry);
		return queue;
	}

	@Bean
	UpstreamShare upstreamShare(DataSource dataSource, HeymarketProperties upstream, SyncControl sync) {
		int permits = UpstreamShare.permits(upstream.requestsPerMinute());
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(UpstreamShare.bandwidth(permits))
			.build();
		Bucket bucket = upstream.sharedBudget()
				? Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
					.table("bucket")
					.idColumn("id")
					.stateColumn("state")
					.expiresAtColumn("expires_at")
					.build()
					.builder()
					.build(bucketId(upstream, permits), () -> configuration)
				: Bucket.builder().addLimit(UpstreamShare.bandwidth(permits)).build();
		return new UpstreamShare(bucket, sync::isSyncingAnywhere);
	}

	@Bean
	RefreshQueueWorker refreshQueueWorker(RefreshQueue queue, UpstreamShare share, ContactRefresher refresher,
			Clock clock) {
		return new RefreshQueueWorker(queue, share, refresher, clock);
	}

	@Bean
	Refreshes refreshes(ContactRefresher refresher, ApiProperties api, UpstreamShare share, RefreshQueue queue,
			RefreshQueueWorker worker) {
		return new Refreshes(refresher, new RefreshLimits(api.refreshPerMinute()), share, queue, worker);
	}

	/**
	 * The share's row in the {@code bucket} table: replicas against the same Heymarket at
	 * the same rate share it; a changed rate starts a new one.
	 */
	static long bucketId(HeymarketProperties upstream, int permits) {
		String key = "heymirror-refresh-share|" + upstream.baseUrl() + "|" + permits;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
