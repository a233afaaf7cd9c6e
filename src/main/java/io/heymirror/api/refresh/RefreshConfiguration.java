package io.heymirror.api.refresh;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.heymirror.api.security.ApiProperties;
import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.HeymarketAccounts;
import io.heymirror.heymarket.HeymarketProperties;
import io.heymirror.heymarket.PostgresBuckets;
import io.heymirror.sync.ContactRefresher;
import io.heymirror.sync.SyncControl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assembles the refreshes' limits: the per-key limit, each account's share of its
 * upstream budget (shared through PostgreSQL by every replica, like the budget itself,
 * unless the budget is per process), and the queue with its worker and depth gauge.
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
	UpstreamShares upstreamShares(DataSource dataSource, HeymarketAccounts accounts, SyncControl sync) {
		Map<String, UpstreamShare> shares = new LinkedHashMap<>();
		for (Account account : accounts.all()) {
			String name = account.name();
			shares.put(name, new UpstreamShare(bucket(dataSource, name, account.upstream()),
					() -> sync.isSyncingAnywhere(name)));
		}
		return new UpstreamShares(shares);
	}

	@Bean
	RefreshQueueWorker refreshQueueWorker(RefreshQueue queue, UpstreamShares shares, ContactRefresher refresher,
			HeymarketAccounts accounts, Clock clock) {
		return new RefreshQueueWorker(queue, shares, refresher, accounts.names(), clock);
	}

	@Bean
	Refreshes refreshes(ContactRefresher refresher, ApiProperties api, UpstreamShares shares, RefreshQueue queue,
			RefreshQueueWorker worker) {
		return new Refreshes(refresher, new RefreshLimits(api.refreshPerMinute()), shares, queue, worker);
	}

	/**
	 * The bucket of an account's share: its part of the account's own requests per
	 * minute, in PostgreSQL when the budget is shared.
	 */
	private static Bucket bucket(DataSource dataSource, String account, HeymarketProperties upstream) {
		int permits = UpstreamShare.permits(upstream.requestsPerMinute());
		Bandwidth limit = UpstreamShare.bandwidth(permits);
		if (!upstream.sharedBudget()) {
			return Bucket.builder().addLimit(limit).build();
		}
		BucketConfiguration configuration = BucketConfiguration.builder().addLimit(limit).build();
		return PostgresBuckets.bucket(dataSource, bucketKey(account, upstream, permits), configuration);
	}

	/**
	 * An account's share's row in the {@code bucket} table: the replicas share it; a
	 * changed rate or base URL starts a new one. {@code default} keeps the id its share
	 * had before there were accounts, so replicas upgraded one by one share it.
	 */
	static String bucketKey(String account, HeymarketProperties upstream, int permits) {
		return "heymirror-refresh-share|" + (Account.DEFAULT.equals(account) ? "" : account + "|") + upstream.baseUrl()
				+ "|" + permits;
	}

}
