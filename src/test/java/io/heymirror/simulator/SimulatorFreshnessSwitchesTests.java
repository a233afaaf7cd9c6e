package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.heymirror.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches that model upstream behaviour a sync can miss updates under: truncated
 * dates, unstable tie order, v2 offsets from the requested limit, pages filtered after
 * the limit, lists without {@code rev}, nanoseconds, lagging counts and contacts updated
 * while a tie is paged through. Driven in-process, as the sync's in-memory tests drive
 * them.
 */
class SimulatorFreshnessSwitchesTests {

	private static final Instant TIE = Instant.parse("2026-02-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

	private final HeymarketSimulator sim = HeymarketSimulator.builder()
		.contacts(200)
		.seed(3)
		.tieGroup(120, TIE)
		.clock(this.clock)
		.build();

	private final InProcessCalls calls = this.sim.inProcess();

	@Test
	void aTruncatedDateBoundsLikeTheCoarserOne() {
		String fine = "2026-02-01T00:00:00.5Z";
		assertThat(this.calls.count(fine)).as("full precision: the tie is before the date").isEqualTo(0);

		this.sim.settings().dateTruncated(true);

		assertThat(this.calls.count(fine)).as("cut to seconds: the tie is at the date").isEqualTo(120);
	}

	@Test
	void anUnstableTieOrderChangesWithEveryWrite() {
		this.sim.settings().unstableTieOrder(true);
		String below = "2026-01-31T23:59:59Z";
		List<Integer> before = ids(this.calls.contactsV2(100, 0, below, true));
		assertThat(ids(this.calls.contactsV2(100, 0, below, true))).as("no write, same order").isEqualTo(before);

		this.sim.dataset().touch(1);

		assertThat(ids(this.calls.contactsV2(100, 0, below, true))).isNotEqualTo(before);
	}

	@Test
	void offsetsFromTheRequestedLimitLeaveAGapAfterACappedPage() {
		this.sim.settings().v2MaxLimit(50).v2OffsetFromRequestedLimit(true);
		String below = "2026-01-31T23:59:59Z";

		List<Integer> first = ids(this.calls.contactsV2(100, 0, below, true));
		List<Integer> second = ids(this.calls.contactsV2(100, 1, below, true));

		assertThat(first).hasSize(50);
		assertThat(second).hasSize(20);
		Set<Integer> read = new HashSet<>(first);
		read.addAll(second);
		assertThat(read).as("50 of the tie were never served").hasSize(70);
	}

	@Test
	void hiddenContactsShortenPagesInTheMiddleAndLeaveEveryAnswer() {
		this.sim.settings().hiddenShare(0.3);

		List<InProcessCalls.Served> page = this.calls.contacts(null);

		assertThat(page).hasSizeLessThan(30);
		assertThat(this.calls.count(null)).isEqualTo(this.sim.visibleContacts().size()).isLessThan(320);
		int hidden = this.sim.dataset()
			.all()
			.stream()
			.filter((contact) -> !this.sim.visibleContacts().contains(contact))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(this.calls.contactById(hidden)).isEmpty();
	}

	@Test
	void listsCanLeaveRevOut() {
		this.sim.settings().listRev(false);

		InProcessCalls.Served listed = this.calls.contacts(null).get(0);

		assertThat(listed.withRev()).isFalse();
		assertThat(listed.json()).doesNotContain("\"rev\"").contains("\"updated\"");
		assertThat(this.calls.contactById(listed.contact().id()).orElseThrow().json()).contains("\"rev\"");
	}

	@Test
	void nanosecondsAreWrittenWithNineDigits() {
		this.sim.settings().precision(TimestampPrecision.NANOS);

		assertThat(this.calls.contacts(null).get(0).updatedText()).matches(".*T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");
	}

	@Test
	void aLaggingCountAnswersAsTheDatasetWasAMomentAgo() {
		this.sim.settings().countLag(Duration.ofSeconds(3));
		String recent = "2026-02-28T00:00:00Z";
		this.sim.dataset().create();
		this.sim.dataset().delete(5);

		assertThat(this.calls.count(recent)).isZero();
		assertThat(this.calls.count(null)).isEqualTo(320);

		this.clock.advance(Duration.ofSeconds(4));

		assertThat(this.calls.count(recent)).isEqualTo(1);
		assertThat(this.calls.count(null)).isEqualTo(320);
	}

	@Test
	void drainUpdatesMoveAServedContactOnAndShiftTheOffsets() {
		this.sim.settings().drainUpdates(1);
		String below = "2026-01-31T23:59:59Z";
		this.clock.advance(Duration.ofSeconds(1));

		List<Integer> first = ids(this.calls.contactsV2(50, 0, below, true));
		List<Integer> second = ids(this.calls.contactsV2(50, 1, below, true));
		List<Integer> third = ids(this.calls.contactsV2(50, 2, below, true));

		Set<Integer> read = new HashSet<>(first);
		read.addAll(second);
		read.addAll(third);
		assertThat(read).as("the moved one is read twice, the one behind it never").hasSize(119);
		assertThat(this.sim.settings().drainUpdates()).isZero();
		assertThat(this.sim.dataset().all().stream().filter((contact) -> contact.updated().equals(TIE))).hasSize(119);
	}

	private static List<Integer> ids(List<InProcessCalls.Served> page) {
		return page.stream().map((served) -> served.contact().id()).toList();
	}

}
