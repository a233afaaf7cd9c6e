package io.heymirror.sync;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.UpstreamStats;
import io.heymirror.mirror.UpsertResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's counters, updated by the fetching and the writing thread alike. Upstream
 * traffic is the difference between the client's counters now and at the start of the
 * run.
 */
final class Tally {

	private static final Logger log = LoggerFactory.getLogger(Tally.class);

	private final AtomicInteger pages = new AtomicInteger();

	private final AtomicInteger seen = new AtomicInteger();

	private final AtomicInteger inserted = new AtomicInteger();

	private final AtomicInteger updated = new AtomicInteger();

	private final AtomicInteger deleted = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	private final Supplier<UpstreamStats> upstream;

	private final UpstreamStats atStart;

	Tally(Supplier<UpstreamStats> upstream) {
		this.upstream = upstream;
		this.atStart = upstream.get();
	}

	ContactPage fetched(ContactPage page) {
		this.pages.incrementAndGet();
		this.seen.addAndGet(page.contacts().size());
		this.skipped.addAndGet(page.rejected().size());
		for (ContactPage.RejectedContact rejected : page.rejected()) {
			log.warn("Skipping an upstream contact that cannot be read: id={} ({}), X-Request-Id {}", rejected.id(),
					rejected.reason(), page.requestId());
		}
		return page;
	}

	void stored(UpsertResult result) {
		this.inserted.addAndGet(result.inserted());
		this.updated.addAndGet(result.updated());
		this.skipped.addAndGet(result.skippedIds().size());
	}

	void deleted(int count) {
		this.deleted.addAndGet(count);
	}

	int seen() {
		return this.seen.get();
	}

	RunCounters snapshot() {
		UpstreamStats traffic = this.upstream.get().minus(this.atStart);
		return new RunCounters(this.pages.get(), (int) traffic.requests(), (int) traffic.retries(),
				(int) traffic.throttled(), this.seen.get(), this.inserted.get(), this.updated.get(), this.deleted.get(),
				this.skipped.get());
	}

}
