package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.Optional;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.errors.Failures;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.sync.ContactRefresher;
import io.heymirror.sync.RefreshOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes of one contact from Heymarket, within what they may cost. A refresh asked for
 * through the API counts against its key's limit and, while a sync of its account runs,
 * against the refreshes' share of that account's upstream budget; beyond either it is
 * refused with 429. A webhook refresh is an opt-out or opt-in, a compliance matter, so it
 * is never refused: when the share is spent, others of its account wait before it, or
 * Heymarket cannot be asked, it is queued.
 */
public class Refreshes {

	private static final Logger log = LoggerFactory.getLogger(Refreshes.class);

	private final ContactRefresher refresher;

	private final RefreshLimits limits;

	private final UpstreamShares shares;

	private final RefreshQueue queue;

	private final RefreshQueueWorker worker;

	Refreshes(ContactRefresher refresher, RefreshLimits limits, UpstreamShares shares, RefreshQueue queue,
			RefreshQueueWorker worker) {
		this.refresher = refresher;
		this.limits = limits;
		this.shares = shares;
		this.queue = queue;
		this.worker = worker;
	}

	/**
	 * Refreshes contact {@code id} of {@code account} for the caller with this key.
	 * @throws ApiProblem 429 beyond the key's limit or the share
	 */
	public RefreshOutcome onRequest(String keyName, String account, long id) {
		Optional<Duration> wait = this.limits.tryTake(keyName);
		if (wait.isPresent()) {
			throw ApiProblem.tooManyRequests("This API key has used its refreshes for the minute "
					+ "(heymirror.api.refresh-per-minute); try again later.", wait.get());
		}
		wait = this.shares.tryTake(account);
		if (wait.isPresent()) {
			throw ApiProblem.tooManyRequests("Refreshes of this account have used their share of its Heymarket "
					+ "request budget while a sync of it runs; try again later.", wait.get());
		}
		return this.refresher.refreshById(account, id, ChangeCause.REFRESH);
	}

	/**
	 * Refreshes the contact of {@code account} a webhook names now if it may, else queues
	 * it. Only refreshes of the same account wait before it.
	 */
	public WebhookRefresh onWebhook(String account, ContactReference reference) {
		if (this.queue.isEmpty(account) && this.shares.tryTake(account).isEmpty()) {
			try {
				return new WebhookRefresh(reference.refresh(this.refresher, account));
			}
			catch (RuntimeException ex) {
				log.warn("Webhook refresh by {} failed, queued to retry: {}", reference.kind(), Failures.types(ex));
			}
		}
		this.queue.add(account, reference);
		this.worker.wake();
		return WebhookRefresh.QUEUED;
	}

}
