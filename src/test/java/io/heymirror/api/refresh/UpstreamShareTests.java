package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refreshes' share, in memory on a clock the test moves: whatever the arrivals, while
 * a sync runs the refreshes let through in any minute stay within 20% of the upstream
 * budget; when none runs, none is held back.
 */
class UpstreamShareTests {

	static Stream<Arguments> budgets() {
		return Stream.of(450, 60, 10, 100_000)
			.flatMap((rpm) -> Stream.of(1L, 2L, 3L).map((seed) -> Arguments.of(rpm, seed)));
	}

	@ParameterizedTest(name = "{0} requests a minute, seed {1}")
	@MethodSource("budgets")
	void whileASyncRunsRefreshesNeverTakeMoreThanTheirShareInAnyMinute(int rpm, long seed) {
		ManualTime time = new ManualTime();
		UpstreamShare share = share(rpm, time, () -> true);
		int allowed = rpm * UpstreamShare.PERCENT / 100;
		Random random = new Random(seed);
		Deque<Long> admitted = new ArrayDeque<>();
		for (int i = 0; i < 20_000; i++) {
			// bursts and pauses: up to a few seconds between attempts, often none
			time.advance(Duration.ofMillis(random.nextInt(4) == 0 ? random.nextInt(3000) : 0));
			if (share.tryTake().isEmpty()) {
				admitted.addLast(time.nanos);
				while (admitted.peekFirst() <= time.nanos - Duration.ofMinutes(1).toNanos()) {
					admitted.removeFirst();
				}
				assertThat(admitted).as("seed %d, attempt %d", seed, i).hasSizeLessThanOrEqualTo(Math.max(1, allowed));
			}
		}
	}

	@Test
	void saysHowLongUntilTheShareHasRoom() {
		ManualTime time = new ManualTime();
		UpstreamShare share = share(450, time, () -> true);
		while (share.tryTake().isEmpty()) {
			// spend the burst
		}

		Optional<Duration> wait = share.tryTake();

		assertThat(wait).hasValueSatisfying(
				(duration) -> assertThat(duration).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
		time.advance(wait.get().plusMillis(1));
		assertThat(share.tryTake()).isEmpty();
	}

	@Test
	void withoutASyncRunningRefreshesAreNotHeldBack() {
		AtomicBoolean syncing = new AtomicBoolean(false);
		UpstreamShare share = share(10, new ManualTime(), syncing::get);
		for (int i = 0; i < 1000; i++) {
			assertThat(share.tryTake()).isEmpty();
		}
		syncing.set(true);
		assertThat(share.tryTake()).isEmpty();
		assertThat(share.tryTake()).isPresent();
	}

	private static UpstreamShare share(int rpm, ManualTime time, BooleanSupplier syncing) {
		Bucket bucket = Bucket.builder()
			.withCustomTimePrecision(time)
			.addLimit(UpstreamShare.bandwidth(UpstreamShare.permits(rpm)))
			.build();
		return new UpstreamShare(bucket, syncing);
	}

	/** A clock the test moves. */
	static final class ManualTime implements TimeMeter {

		private long nanos;

		void advance(Duration duration) {
			this.nanos += duration.toNanos();
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
