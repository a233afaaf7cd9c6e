package io.heymirror.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.heymirror.changes.ChangeCursor;
import io.heymirror.changes.ChangeLogReader;
import io.heymirror.changes.ChangeLogStats.Backlog;
import io.heymirror.changes.ChangePosition;
import io.heymirror.changes.ChangeWait;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery framework against the real change log and cursor table: every change
 * reaches a sink in order, the cursor moves only past what it acknowledged, failures are
 * retried without loss, 410 disables and a rewind re-enables, a slow sink delays no
 * other, and one loop at a time delivers to a sink.
 */
@IntegrationTest
class DeliveryTests {

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SinkCursors cursors;

	@Autowired
	private ChangeLogReader reader;

	@Autowired
	private ChangeWait changes;

	@Autowired
	private SinkLocks locks;

	@Autowired
	private SinkMetrics metrics;

	@Autowired
	private DeliveryProperties retry;

	private TestLog log;

	private final List<String> started = new ArrayList<>();

	private final List<SinkLoop> loops = new ArrayList<>();

	@BeforeEach
	void emptyLog() {
		this.log = new TestLog(this.jdbc);
		this.log.clear();
	}

	@AfterEach
	void stopSinks() {
		this.started.forEach(this.deliveries::stop);
		this.loops.forEach((loop) -> loop.stop(Duration.ofSeconds(10)));
	}

	@Test
	void deliversEveryChangeInOrderFromTheBeginning() {
		List<String> ids = appendContacts(1, 20);
		TestSink sink = start(new TestSink("from-beginning", true));

		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(ids));
		await().untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).lag()).isZero());
		SinkStatus status = this.deliveries.status(sink.name());
		assertThat(status.state()).isEqualTo(SinkState.ACTIVE);
		assertThat(status.delivered()).isEqualTo(20);
		assertThat(status.lastDeliveryAt()).isNotNull();
	}

	@Test
	void startsAtTheHeadWhenAskedForLatest() {
		appendContacts(1, 5);
		TestSink sink = start(new TestSink("from-latest", false));
		List<String> later = appendContacts(6, 3);

		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(later));
	}

	@Test
	void movesTheCursorOnlyPastAcknowledgedEventsAndRetriesTheRestWithoutLoss() {
		List<String> ids = appendContacts(1, 20);
		TestSink sink = new TestSink("partial", true);
		sink.fail(0);
		start(sink);
		await().untilAsserted(() -> assertThat(sink.attempts()).isGreaterThanOrEqualTo(3));
		SinkStatus failing = this.deliveries.status(sink.name());
		assertThat(failing.lastError()).isEqualTo("test failure");
		assertThat(failing.failingSince()).isNotNull();
		assertThat(failing.lag()).isEqualTo(20);

		// each attempt now acknowledges two events, then fails
		sink.fail(2);
		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).hasSizeGreaterThanOrEqualTo(6));
		sink.accept();

		await().untilAsserted(
				() -> assertThat(sink.acknowledgedIds()).as("each event acknowledged once, in order").isEqualTo(ids));
		await().untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).failingSince()).isNull());
		assertThat(this.deliveries.status(sink.name()).failed()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void skippedEventsStillMoveTheCursor() {
		List<String> ids = appendContacts(1, 10);
		TestSink sink = start(new TestSink("even-only", true, (event) -> Long.parseLong(event.subject()) % 2 == 0,
				Duration.ofDays(1)));

		await().untilAsserted(() -> assertThat(sink.acknowledgedIds())
			.isEqualTo(List.of(ids.get(1), ids.get(3), ids.get(5), ids.get(7), ids.get(9))));
		await().untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).lag()).isZero());
	}

	@Test
	void aGoneReceiverDisablesTheSinkUntilARewind() {
		List<String> ids = appendContacts(1, 3);
		TestSink sink = new TestSink("gone", true);
		sink.gone();
		start(sink);

		await()
			.untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).state()).isEqualTo(SinkState.DISABLED));
		assertThat(this.deliveries.status(sink.name()).lastError()).isEqualTo("receiver gone (410)");
		assertThat(this.deliveries.heldAfter()).as("a disabled sink holds no retention").isEmpty();
		List<String> later = appendContacts(4, 2);
		assertThat(sink.attempts()).isEqualTo(1);

		sink.accept();
		this.deliveries.rewind(sink.name(), "beginning");

		List<String> all = new ArrayList<>(ids);
		all.addAll(later);
		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(all));
		assertThat(this.deliveries.status(sink.name()).state()).isEqualTo(SinkState.ACTIVE);
	}

	@Test
	void aSinkFailingLongerThanItsMaxRetryDurationIsReportedFailingAndResumes() {
		List<String> ids = appendContacts(1, 4);
		TestSink sink = new TestSink("failing", true, (event) -> true, Duration.ofMillis(50));
		sink.fail(0);
		start(sink);

		await()
			.untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).state()).isEqualTo(SinkState.FAILING));
		assertThat(this.deliveries.status(sink.name()).unhealthy()).isTrue();
		assertThat(this.deliveries.heldAfter()).as("a failing sink keeps its cursor and holds retention").isPresent();

		sink.accept();
		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(ids));
		await()
			.untilAsserted(() -> assertThat(this.deliveries.status(sink.name()).state()).isEqualTo(SinkState.ACTIVE));
	}

	@Test
	void aHangingSinkDelaysNoOtherSink() {
		List<String> ids = appendContacts(1, 5);
		TestSink stuck = new TestSink("stuck", true);
		stuck.hang();
		start(stuck);
		TestSink healthy = start(new TestSink("healthy", true));

		await().untilAsserted(() -> assertThat(healthy.acknowledgedIds()).isEqualTo(ids));
		assertThat(stuck.acknowledgedIds()).isEmpty();

		stuck.release();
		await().untilAsserted(() -> assertThat(stuck.acknowledgedIds()).isEqualTo(ids));
	}

	@Test
	void rewindsToACursorOrSkipsToTheHead() {
		List<String> ids = appendContacts(1, 6);
		TestSink sink = start(new TestSink("rewound", true));
		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(ids));
		String afterThird = this.jdbc.sql("SELECT txid, seq FROM contact_change WHERE seq = :seq")
			.param("seq", Long.parseLong(ids.get(2)))
			.query((rs, row) -> new ChangeCursor(new ChangePosition(rs.getLong("txid"), rs.getLong("seq")), 0))
			.single()
			.encode();

		this.deliveries.rewind(sink.name(), afterThird);

		List<String> expected = new ArrayList<>(ids);
		expected.addAll(ids.subList(3, 6));
		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(expected));

		SinkStatus skipped = this.deliveries.rewind(sink.name(), "latest");
		assertThat(skipped.lag()).isZero();
	}

	@Test
	void oneLoopAtATimeDeliversToASink() {
		TestSink sink = new TestSink("locked", true);
		SinkLoop first = loop(sink);
		SinkLoop second = loop(sink);
		List<String> ids = appendContacts(1, 30);

		await().untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(ids));
		assertThat(sink.mostConcurrent()).as("deliveries at once").isEqualTo(1);
		assertThat(first.holding() ^ second.holding()).as("exactly one loop holds the lock").isTrue();

		SinkLoop holder = first.holding() ? first : second;
		SinkLoop other = (holder == first) ? second : first;
		holder.stop(Duration.ofSeconds(10));
		List<String> later = appendContacts(31, 5);

		List<String> all = new ArrayList<>(ids);
		all.addAll(later);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(all));
		assertThat(other.holding()).isTrue();
		assertThat(sink.mostConcurrent()).isEqualTo(1);
	}

	@Test
	void aReplicaKilledWhileHoldingTheLockHoldsDeliveryBackOnlyUntilItsLockExpires() {
		List<String> ids = appendContacts(1, 4);
		// what a replica killed mid-delivery leaves: its lock, held a little longer
		// (ShedLock writes UTC)
		this.jdbc.sql("""
				INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
				VALUES (:name, timezone('utc', now()) + interval '3 seconds', timezone('utc', now()), 'killed-replica')
				ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until, locked_at = EXCLUDED.locked_at,
				    locked_by = EXCLUDED.locked_by""").param("name", SinkLocks.lockName("after-crash")).update();
		TestSink sink = start(new TestSink("after-crash", true));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.acknowledgedIds()).isEqualTo(ids));
		assertThat(this.jdbc.sql("SELECT locked_by FROM shedlock WHERE name = :name")
			.param("name", SinkLocks.lockName("after-crash"))
			.query(String.class)
			.single()).as("this replica took the expired lock over").isNotEqualTo("killed-replica");
	}

	private SinkLoop loop(TestSink sink) {
		ChangeCursor start = new ChangeCursor(ChangePosition.BEGINNING, 0);
		this.cursors.register(sink.name(), sink.kind(), start);
		SinkLoop loop = new SinkLoop(sink, start, this.cursors, this.reader, this.changes, this.locks,
				this.metrics.register(sink, () -> new Backlog(0, null)), this.retry);
		this.loops.add(loop);
		loop.start();
		return loop;
	}

	private TestSink start(TestSink sink) {
		this.deliveries.start(sink);
		this.started.add(sink.name());
		return sink;
	}

	private List<String> appendContacts(long firstId, int count) {
		return LongStream.range(firstId, firstId + count).mapToObj((id) -> this.log.append(id, 1, "created")).toList();
	}

}
