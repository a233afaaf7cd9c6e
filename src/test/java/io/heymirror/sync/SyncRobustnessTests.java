package io.heymirror.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.ListOrder;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run completes, and the mirror converges, whatever upstream throws at it: faults and
 * rate limits, changes while paging, poison data, an order it did not expect, ties it
 * cannot page through.
 */
@IntegrationTest
class SyncRobustnessTests {

	@Autowired
	private SyncHarness harness;

	@BeforeEach
	void emptyMirror() {
		this.harness.resetMirror();
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void completesThroughFaultsAndARateLimitAndRecordsThem(SyncProperties.Strategy strategy) {
		// upstream's minute passes 60 times faster: its limit of 20 a minute bites
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(3)
			.contacts(4000)
			.clock(new FastClock(60))
			.settings((settings) -> settings.requestsPerMinute(20)));
		simulator.settings()
			.faults()
			.seed(3)
			.serviceUnavailable(0.02)
			.serverErrorHtml(0.01)
			.truncatedBody(0.01)
			.connectionReset(0.01);

		SyncRun run = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).as(String.valueOf(run.getError())).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
		long faults = simulator.stats().faults().values().stream().mapToLong(Long::longValue).sum();
		assertThat(faults).isPositive();
		assertThat(simulator.stats().rateLimited()).isPositive();
		assertThat(run.getRetries()).isGreaterThanOrEqualTo((int) (faults + simulator.stats().rateLimited()));
		assertThat(run.getThrottled()).isEqualTo((int) simulator.stats().rateLimited());
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void convergesWithinOneMoreRunOnceChurnStops(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(8)
			.contacts(3000)
			.settings((settings) -> settings.precision(TimestampPrecision.MILLIS)));
		simulator.settings().churn(20, 50, 10, 10);
		simulator.settings().faults().latency(Duration.ofMillis(2));

		SyncRun during = this.harness.run(strategy, SyncMode.INCREMENTAL);
		simulator.settings().stopChurn();
		await().until(() -> simulator.stats().churn().values().stream().mapToLong(Long::longValue).sum() > 0);
		SyncRun after = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(during.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(after.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror()).isEqualTo(this.harness.upstream(simulator));
	}

	@Test
	void storesEveryUnicodeOddityAndHugeValuesWithoutStalling() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(13).contacts(400).nasty(true));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(run.getSkipped()).isZero();
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
	}

	@ParameterizedTest
	@EnumSource(TimestampPrecision.class)
	void detectsADescendingListFromTheDataAndStillMirrorsEverything(TimestampPrecision precision) {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(21)
			.contacts(500)
			.tieGroup(120, Instant.parse("2025-09-09T09:09:09Z"))
			.settings((settings) -> settings.order(ListOrder.DESCENDING).precision(precision)));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);
		simulator.dataset().create();
		SyncRun next = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(next.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(this.harness.state().direction()).isEqualTo(Direction.DESC);
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void learnsSmallerPagesThanDocumentedWithoutLosingAContact(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(55)
			.contacts(700)
			.tieGroup(75, Instant.parse("2025-05-05T05:05:05Z"))
			.settings((settings) -> settings.pageSize(25).v2MaxLimit(50)));

		SyncRun run = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
		assertThat(run.getInserted()).isEqualTo(775);
	}

	@ParameterizedTest
	@EnumSource(SyncProperties.Strategy.class)
	void drainsATieGroupThatEndsTheData(SyncProperties.Strategy strategy) {
		HeymarketSimulator simulator = TestUpstream
			.replace((builder) -> builder.seed(89).contacts(200).tieGroup(131, Instant.parse("2026-06-06T06:06:06Z")));

		SyncRun run = this.harness.run(strategy, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).as(String.valueOf(run.getError())).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(simulator).keySet());
		assertThat(this.harness.state().watermarkInstant()).isEqualTo(Instant.parse("2026-06-06T06:06:06Z"));
	}

	@Test
	void aTieThatCannotBeDrainedFailsLoudlyAndKeepsTheWatermarkBelowIt() {
		HeymarketSimulator simulator = TestUpstream.replace((builder) -> builder.seed(34).contacts(100));
		assertThat(this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.INCREMENTAL).getOutcome())
			.isEqualTo("SUCCEEDED");
		Instant before = this.harness.state().watermarkInstant();
		Instant tie = simulator.dataset().now().plusSeconds(5);
		simulator.dataset().tieGroup(250, tie);
		SyncProperties twoDrainPages = SyncHarness.properties(SyncProperties.Strategy.V1_CURSOR, Duration.ofDays(1), 2,
				Duration.ofSeconds(1));

		SyncRun stalled = this.harness.run(twoDrainPages, SyncMode.INCREMENTAL, () -> false);

		assertThat(stalled.getOutcome()).isEqualTo("FAILED");
		assertThat(stalled.getError()).contains("Tie group").contains("heymirror.sync.max-drain-pages");
		assertThat(this.harness.state().watermarkInstant()).isEqualTo(before).isBefore(tie);
	}

	/** A clock that runs {@code factor} times faster than the system clock. */
	static final class FastClock extends Clock {

		private final Instant origin = Instant.now();

		private final long startNanos = System.nanoTime();

		private final int factor;

		FastClock(int factor) {
			this.factor = factor;
		}

		@Override
		public Instant instant() {
			return this.origin.plusNanos((System.nanoTime() - this.startNanos) * this.factor);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
