package io.heymirror.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.heymirror.changes.ChangeRetention;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention purge keeps what an enabled sink has not received (and health says so),
 * until {@code heymirror.changes.max-hold} (default 30 days): then it purges, and the
 * sink expires until it is rewound.
 */
@IntegrationTest
class RetentionHoldTests {

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private ChangeRetention retention;

	@Autowired
	private JdbcClient jdbc;

	private TestLog log;

	private final Instant now = Instant.now();

	@BeforeEach
	void emptyLog() {
		this.log = new TestLog(this.jdbc);
		this.log.clear();
	}

	@AfterEach
	void stopSink() {
		this.deliveries.stop("holding");
	}

	@Test
	void keepsWhatAFailingSinkHasNotReceivedUntilMaxHoldThenTheSinkExpires() {
		this.log.append(2, 1, "created", this.now.minus(Duration.ofDays(40)));
		String tenDaysOld = this.log.append(1, 1, "created", this.now.minus(Duration.ofDays(10)));
		String newestOfOne = this.log.append(1, 2, "updated", this.now);
		String newestOfTwo = this.log.append(2, 2, "updated", this.now);
		TestSink sink = new TestSink("holding", true);
		sink.fail(0);
		this.deliveries.start(sink);
		await().untilAsserted(() -> assertThat(sink.attempts()).isPositive());
		assertThat(this.deliveries.status("holding").retentionHeld()).as("holds entries older than retention").isTrue();

		this.retention.purge();

		assertThat(remainingIds()).as("past retention but held: kept; past max-hold: purged")
			.containsExactly(tenDaysOld, newestOfOne, newestOfTwo);

		// still failing: its next read finds what it had not received purged
		await().untilAsserted(() -> assertThat(this.deliveries.status("holding").state()).isEqualTo(SinkState.EXPIRED));
		assertThat(sink.acknowledgedIds()).isEmpty();
		sink.accept();
		assertThat(this.deliveries.heldAfter()).as("an expired sink holds nothing").isEmpty();

		this.deliveries.rewind("holding", "beginning");
		await().untilAsserted(
				() -> assertThat(sink.acknowledgedIds()).containsExactly(tenDaysOld, newestOfOne, newestOfTwo));
		assertThat(this.deliveries.status("holding").state()).isEqualTo(SinkState.ACTIVE);
	}

	@Test
	void aSinkThatReceivedEverythingHoldsNothingBack() {
		this.log.append(1, 1, "created", this.now.minus(Duration.ofDays(10)));
		String newest = this.log.append(1, 2, "updated", this.now);
		TestSink sink = new TestSink("holding", true);
		this.deliveries.start(sink);
		await().untilAsserted(() -> assertThat(this.deliveries.status("holding").lag()).isZero());
		assertThat(this.deliveries.status("holding").retentionHeld()).isFalse();

		this.retention.purge();

		assertThat(remainingIds()).containsExactly(newest);
		assertThat(this.deliveries.status("holding").state()).isEqualTo(SinkState.ACTIVE);
	}

	private List<String> remainingIds() {
		return this.jdbc.sql("SELECT seq::text FROM contact_change ORDER BY txid, seq").query(String.class).list();
	}

}
