package io.heymirror.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.heymirror.support.IntegrationTest;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sync} health component over real sync state. The shared test context runs
 * with scheduled sync off, so the verdict of a scheduling replica is taken from
 * {@link SyncAssessment} with {@code scheduled = true}, on the status read from the
 * database.
 */
@IntegrationTest
class SyncHealthTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SyncControl control;

	@Autowired
	SyncProperties properties;

	@Autowired
	SyncHealthIndicator indicator;

	OpsFixtures fixtures;

	Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@BeforeEach
	void resetState() {
		this.fixtures = new OpsFixtures(this.jdbc);
		this.fixtures.reset();
	}

	@AfterEach
	void cleanUp() {
		this.fixtures.reset();
	}

	@Test
	void isUpWhenTheLastSuccessIsRecentAndCountsMatch() {
		this.fixtures.synced(this.now.minusSeconds(60), 20_000, 20_000, this.now.minusSeconds(90));
		long runId = this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(80), 5, 2, 0, 20_000));

		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("fresh", true)
			.containsEntry("complete", true)
			.containsEntry("running", false)
			.containsEntry("mirrorCount", 20_000L)
			.containsEntry("upstreamCount", 20_000L)
			.containsEntry("watermark", this.now.minusSeconds(90).toString())
			.containsEntry("lastSuccessAt", this.now.minusSeconds(60).toString())
			.containsEntry("lastRunId", runId)
			.containsEntry("lastRunOutcome", "SUCCEEDED")
			.containsKey("lastRunEndedAt");
	}

	@Test
	void isDownWhenTheLastSuccessIsOlderThanStaleAfter() {
		Duration staleAfter = this.properties.effectiveStaleAfter();
		this.fixtures.synced(this.now.minus(staleAfter).minusSeconds(1), 100, 100, this.now.minus(staleAfter));

		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("fresh", false)
			.containsEntry("complete", true)
			.containsEntry("staleAfter", staleAfter.toString());
	}

	@Test
	void isDownWhenTheLastCompletenessCheckFoundFewerContacts() {
		this.fixtures.synced(this.now.minusSeconds(60), 20_000, 19_990, this.now.minusSeconds(90));

		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("fresh", true)
			.containsEntry("complete", false)
			.containsEntry("mirrorCount", 19_990L)
			.containsEntry("upstreamCount", 20_000L);
	}

	@Test
	void isDownWhileAWindowOfTheMirrorIsKnownToMissContactsEvenDuringARun() {
		this.fixtures.synced(this.now.minusSeconds(60), 20_000, 20_000, this.now.minusSeconds(90));
		this.jdbc.update("UPDATE sync_state SET failed_after = NULL, failed_up_to = ? WHERE account = 'default'",
				java.sql.Timestamp.from(this.now.minusSeconds(70)));
		this.fixtures.lockHeldElsewhere();

		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("complete", false)
			.containsEntry("failedWindow", "(beginning, " + this.now.minusSeconds(70) + "]");
	}

	@Test
	void isDownBeforeTheFirstSuccessfulRun() {
		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("fresh", false).doesNotContainKey("lastSuccessAt");
	}

	@Test
	void isUpWhileAnotherReplicaRunsEvenIfStale() {
		this.fixtures.lockHeldElsewhere();

		Health health = scheduledHealth();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("running", true).containsEntry("fresh", false);
	}

	@Test
	void isUnknownWithAReasonInAReplicaWhoseScheduledSyncIsOff() {
		this.fixtures.synced(this.now.minusSeconds(60), 7, 7, this.now.minusSeconds(90));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("scheduled", false)
			.containsEntry("fresh", true)
			.containsEntry("complete", true)
			.containsKey("reason");
	}

	private Health scheduledHealth() {
		var status = this.control.status();
		SyncAssessment assessment = SyncAssessment.of(status, true, this.control.isSyncingAnywhere(),
				this.properties.effectiveStaleAfter(), Instant.now());
		return SyncHealthIndicator.health(status, assessment);
	}

}
