package io.heymirror.sync;

import java.time.Duration;

import io.heymirror.HeymirrorApplication;
import io.heymirror.heymarket.Account;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestDatabase;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Design.md rule 6: several replicas on one database, one syncer at a time. */
@IntegrationTest
class SyncLockTests {

	@Autowired
	private SyncHarness harness;

	@Autowired
	private SyncControl control;

	@BeforeEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	@Test
	void twoInstancesOnOneDatabaseSyncOneAtATimeAndRefuseTheOtherTrigger() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(2).contacts(2000));
		simulator.settings().faults().latency(Duration.ofMillis(40));
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(HeymirrorApplication.class)
			.profiles("test")
			.run("--server.port=0", "--spring.datasource.url=" + db.url(),
					"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
					"--heymirror.heymarket.base-url=" + TestUpstream.baseUrl(),
					"--heymirror.heymarket.api-key=" + TestUpstream.API_KEY)) {
			SyncControl otherControl = other.getBean(SyncControl.class);

			assertThat(this.control.start(Account.DEFAULT, SyncMode.INCREMENTAL, "test"))
				.isEqualTo(SyncControl.Start.STARTED);
			await().until(this.control::isSyncing);

			assertThat(otherControl.start(Account.DEFAULT, SyncMode.FULL, "test")).isEqualTo(SyncControl.Start.RUNNING);
			assertThatExceptionOfType(SyncInProgressException.class)
				.isThrownBy(() -> otherControl.runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test"));
			assertThat(this.control.start(Account.DEFAULT, SyncMode.INCREMENTAL, "test")).as("refused, not queued")
				.isEqualTo(SyncControl.Start.RUNNING);

			await().atMost(Duration.ofMinutes(2)).until(() -> !this.control.isSyncing(Account.DEFAULT));
			simulator.settings().faults().none();
			assertThat(otherControl.runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test").getOutcome())
				.isEqualTo("SUCCEEDED");
		}
		assertThat(this.harness.jdbc().queryForObject("SELECT count(*) FROM sync_run", Integer.class)).isEqualTo(2);
	}

	@Test
	void aLockLeftByACrashedReplicaIsTakenOverOnceItExpires() {
		TestUpstream.replace((builder) -> builder.seed(2).contacts(10));
		this.harness.jdbc()
			.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) "
					+ "VALUES (?, now() + interval '1 minute', now(), 'crashed-replica') ON CONFLICT (name) DO UPDATE "
					+ "SET lock_until = excluded.lock_until, locked_by = excluded.locked_by", SyncControl.LOCK_NAME);
		assertThatExceptionOfType(SyncInProgressException.class)
			.isThrownBy(() -> this.control.runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test"));

		// a minute later (lock-at-most-for), the lock has expired
		this.harness.jdbc()
			.update("UPDATE shedlock SET lock_until = now() - interval '1 second' WHERE name = ?",
					SyncControl.LOCK_NAME);

		assertThat(this.control.runNow(Account.DEFAULT, SyncMode.INCREMENTAL, "test").getOutcome())
			.isEqualTo("SUCCEEDED");
	}

}
