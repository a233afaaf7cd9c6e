package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;

import io.heymirror.changes.ChangeRetention;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.sync.SyncRunPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Removes what is past its retention: soft-deleted contacts, old run history and old
 * change log entries, each through the operation of the feature that owns it. Each purge
 * is idempotent, so every replica may run it.
 */
@Component
class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final ContactDeletions contacts;

	private final SyncRunPurge runs;

	private final ChangeRetention changes;

	private final RetentionProperties properties;

	private final Clock clock;

	Retention(ContactDeletions contacts, SyncRunPurge runs, ChangeRetention changes, RetentionProperties properties,
			Clock clock) {
		this.contacts = contacts;
		this.runs = runs;
		this.changes = changes;
		this.properties = properties;
		this.clock = clock;
	}

	Purged purge() {
		Instant now = this.clock.instant();
		Instant contactCutoff = now.minus(this.properties.deletedContacts());
		Instant runCutoff = now.minus(this.properties.syncRuns());
		int contactRows = this.contacts.purgeDeletedBefore(contactCutoff);
		int runRows = this.runs.purgeStartedBefore(runCutoff);
		long changeRows = this.changes.purge();
		Purged purged = new Purged(contactRows, runRows, changeRows);
		log.info("Retention: purged {} contacts deleted before {}, {} sync runs started before {} and {} change "
				+ "log entries", purged.contacts(), contactCutoff, purged.runs(), runCutoff, purged.changes());
		return purged;
	}

	/**
	 * What a purge removed.
	 *
	 * @param contacts soft-deleted contacts removed
	 * @param runs sync run rows removed
	 * @param changes change log entries removed (past retention or superseded)
	 */
	record Purged(int contacts, int runs, long changes) {
	}

}
