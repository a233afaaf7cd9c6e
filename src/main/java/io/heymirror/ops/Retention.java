package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;

import io.heymirror.mirror.ContactRepository;
import io.heymirror.sync.SyncRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes soft-deleted contacts and old run history past their retention. Each delete is
 * one indexed statement and idempotent, so every replica may run it.
 */
@Component
class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final ContactRepository contacts;

	private final SyncRunRepository runs;

	private final RetentionProperties properties;

	private final TransactionTemplate transaction;

	private final Clock clock;

	Retention(ContactRepository contacts, SyncRunRepository runs, RetentionProperties properties,
			TransactionTemplate transaction, Clock clock) {
		this.contacts = contacts;
		this.runs = runs;
		this.properties = properties;
		this.transaction = transaction;
		this.clock = clock;
	}

	Purged purge() {
		Instant now = this.clock.instant();
		Instant contactCutoff = now.minus(this.properties.deletedContacts());
		Instant runCutoff = now.minus(this.properties.syncRuns());
		Integer contactRows = this.transaction.execute((tx) -> this.contacts.purgeDeletedBefore(contactCutoff));
		Integer runRows = this.transaction.execute((tx) -> this.runs.purgeStartedBefore(runCutoff));
		Purged purged = new Purged((contactRows != null) ? contactRows : 0, (runRows != null) ? runRows : 0);
		log.info("Retention: purged {} contacts deleted before {} and {} sync runs started before {}",
				purged.contacts(), contactCutoff, purged.runs(), runCutoff);
		return purged;
	}

	/**
	 * What a purge removed.
	 *
	 * @param contacts soft-deleted contacts removed
	 * @param runs sync run rows removed
	 */
	record Purged(int contacts, int runs) {
	}

}
