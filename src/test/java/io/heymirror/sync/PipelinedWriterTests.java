package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.UpstreamStats;
import io.heymirror.mirror.UpsertResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The writer's grouping, in memory: a fake group writer records the groups and charges a
 * fake clock for each contact it writes, so the work estimate is exact.
 */
class PipelinedWriterTests {

	private final AtomicLong clock = new AtomicLong();

	private final List<List<Batch>> groups = Collections.synchronizedList(new ArrayList<>());

	@Test
	void writesEveryBatchOnceInOrder() {
		List<Batch> batches = batches(200, 30);
		try (PipelinedWriter writer = writer(1_000, (group) -> {
		})) {
			batches.forEach(writer);
		}

		assertThat(this.groups.stream().flatMap(List::stream)).containsExactlyElementsOf(batches);
	}

	@Test
	void writesTheBatchesQueuedDuringASlowWriteAsOneGroup() throws InterruptedException {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Batch> batches = batches(6, 30);
		try (PipelinedWriter writer = writer(1_000, (group) -> {
			if (this.groups.size() == 3) {
				writing.countDown();
				awaitQuietly(release);
			}
		})) {
			for (int i = 0; i < 3; i++) {
				writer.accept(batches.get(i));
				int written = i + 1;
				await().until(() -> this.groups.size() == written);
			}
			// the third write hangs while the walk queues three more pages
			assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
			batches.subList(3, 6).forEach(writer);
			release.countDown();
		}

		assertThat(this.groups).containsExactly(List.of(batches.get(0)), List.of(batches.get(1)),
				List.of(batches.get(2)), batches.subList(3, 6));
	}

	@Test
	void aGroupHoldsAtMostTheWorkOfGroupWork() throws InterruptedException {
		long nanosPerContact = 1_000_000;
		CountDownLatch release = new CountDownLatch(1);
		PipelinedWriter writer = writer(nanosPerContact, (group) -> {
			if (this.groups.size() == 9) {
				awaitQuietly(release);
			}
		});
		Thread walk = Thread.ofVirtual().start(() -> batches(300, 30).forEach(writer));
		// the ninth write hangs until the walk has queued a full group
		await().during(Duration.ofMillis(100))
			.until(() -> walk.getState() == Thread.State.WAITING && this.groups.size() == 9);
		release.countDown();
		walk.join();
		writer.close();

		long cap = PipelinedWriter.GROUP_WORK.toNanos();
		assertThat(this.groups).allSatisfy((group) -> {
			if (group.size() > 1) {
				assertThat(contacts(group) * nanosPerContact).isLessThanOrEqualTo(cap);
			}
		});
		// the tenth group could hold ten pages, but only eight fit in GROUP_WORK
		assertThat(this.groups.get(9)).hasSize((int) (cap / nanosPerContact / 30));
	}

	@Test
	void groupsGrowByOnePageAtATime() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		List<Batch> batches = batches(100, 1);
		PipelinedWriter writer = writer(1, (group) -> awaitQuietly(release));
		Thread walk = Thread.ofVirtual().start(() -> batches.forEach(writer));
		await().until(() -> walk.getState() == Thread.State.WAITING);
		release.countDown();
		walk.join();
		writer.close();

		for (int i = 0; i < this.groups.size(); i++) {
			assertThat(this.groups.get(i)).hasSizeLessThanOrEqualTo(i + 1);
		}
		assertThat(this.groups.stream().flatMap(List::stream)).containsExactlyElementsOf(batches);
	}

	@Test
	void theWalkRunsAtMostOneGroupAhead() throws InterruptedException {
		long nanosPerContact = 1_000_000;
		AtomicInteger accepted = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		PipelinedWriter writer = writer(nanosPerContact, (group) -> {
			if (this.groups.size() == 3) {
				awaitQuietly(release);
			}
		});
		Thread walk = Thread.ofVirtual().start(() -> batches(100, 30).forEach((batch) -> {
			writer.accept(batch);
			accepted.incrementAndGet();
		}));
		// the third write hangs: the walk fills one group's worth of work and waits
		await().during(Duration.ofMillis(100))
			.until(() -> walk.getState() == Thread.State.WAITING && this.groups.size() == 3);
		int written = this.groups.stream().mapToInt(List::size).sum();
		long aheadContacts = (accepted.get() - written) * 30L;
		assertThat(aheadContacts * nanosPerContact)
			.isLessThanOrEqualTo(PipelinedWriter.GROUP_WORK.toNanos() + 30 * nanosPerContact);
		release.countDown();
		walk.join();
		writer.close();

		assertThat(this.groups.stream().mapToInt(List::size).sum()).isEqualTo(100);
	}

	@Test
	void aFailedWriteIsRethrownAndNothingAfterItIsWritten() {
		List<Batch> batches = batches(50, 30);
		PipelinedWriter writer = writer(1_000, (group) -> {
			if (group.contains(batches.get(10))) {
				throw new IllegalStateException("write failed");
			}
		});

		assertThatIllegalStateException().isThrownBy(() -> {
			try (writer) {
				batches.forEach(writer);
			}
		}).withMessage("write failed");
		List<Batch> written = this.groups.stream().flatMap(List::stream).toList();
		int failedGroup = this.groups.size() - 1;
		assertThat(this.groups.get(failedGroup)).contains(batches.get(10));
		assertThat(written).containsExactlyElementsOf(batches.subList(0, written.size()));
	}

	@Test
	void aGroupIsStoredAsOneBatchWithTheLastCheckpointReached() {
		Boundary first = new Boundary(Instant.parse("2025-01-01T00:00:00Z"), 0);
		Boundary last = new Boundary(Instant.parse("2025-01-02T00:00:00Z"), 0);
		List<Batch> group = List.of(new Batch(contacts(0, 2), 1, first, Direction.ASC, new PageCaps(30, 0)),
				new Batch(contacts(2, 2), 0, last, null, new PageCaps(20, 100)),
				new Batch(contacts(4, 1), 2, null, null, PageCaps.UNKNOWN));

		Batch merged = CheckpointWriter.merged(group);

		assertThat(merged.contacts()).extracting(HeymarketContact::id).containsExactly(0L, 1L, 2L, 3L, 4L);
		assertThat(merged.rejected()).isEqualTo(3);
		assertThat(merged.reached()).isEqualTo(last);
		assertThat(merged.direction()).isEqualTo(Direction.ASC);
		assertThat(merged.caps()).isEqualTo(new PageCaps(30, 100));
	}

	/** Records each group, charges the fake clock, then runs {@code during}. */
	private PipelinedWriter writer(long nanosPerContact, Consumer<List<Batch>> during) {
		Tally tally = new Tally(() -> new UpstreamStats(0, 0, 0));
		return new PipelinedWriter((group) -> {
			this.groups.add(group);
			during.accept(group);
			this.clock.addAndGet(contacts(group) * nanosPerContact);
			return UpsertResult.EMPTY;
		}, tally, this.clock::get);
	}

	private static List<Batch> batches(int count, int size) {
		return IntStream.range(0, count).mapToObj((i) -> Batch.unchecked(contacts(i * size, size), 0)).toList();
	}

	private static List<HeymarketContact> contacts(int firstId, int count) {
		Instant updated = Instant.parse("2025-01-01T00:00:00Z");
		return IntStream.range(firstId, firstId + count)
			.mapToObj((id) -> new HeymarketContact(id, null, null, null, null, null, null, null, null, null, null, null,
					updated, updated.toString(), 0, null, null, null, "{}"))
			.toList();
	}

	private static long contacts(List<Batch> group) {
		return group.stream().mapToLong((batch) -> batch.contacts().size()).sum();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
