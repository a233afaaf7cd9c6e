package io.heymirror.sync;

import java.time.Clock;

import io.heymirror.heymarket.Account;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.mirror.LiveContactCount;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes the runner of each account, from its client and its own sync settings. */
@Component
class SyncRunners {

	private final ContactRepository contacts;

	private final ContactDeletions deletions;

	private final LiveContactCount live;

	private final SyncStateStore state;

	private final SyncRunRepository runs;

	private final CheckpointWriter writer;

	private final SyncProperties properties;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SyncRunners(ContactRepository contacts, ContactDeletions deletions, LiveContactCount live, SyncStateStore state,
			SyncRunRepository runs, CheckpointWriter writer, SyncProperties properties, TransactionTemplate transaction,
			JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.contacts = contacts;
		this.deletions = deletions;
		this.live = live;
		this.state = state;
		this.runs = runs;
		this.writer = writer;
		this.properties = properties;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	SyncProperties properties(Account account) {
		return this.properties.forAccount(account.sync());
	}

	SyncRunner runner(Account account) {
		return new SyncRunner(account.name(), account.client(), this.contacts, this.deletions, this.live, this.state,
				this.runs, this.writer, properties(account), this.transaction, this.jdbc, this.clock, this.events);
	}

}
