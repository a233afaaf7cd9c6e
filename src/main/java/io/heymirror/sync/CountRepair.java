package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Repairs a gap between the mirror's count and upstream's (design.md rule 4) without a
 * full re-sync: it narrows the gap down with {@code POST /v1/contacts/count}'s
 * {@code date} (bisecting on the mirror's own median {@code updated}) to windows of at
 * most {@code heymirror.sync.repair-window} contacts, re-reads only those windows, and
 * confirms each mirrored contact the window no longer holds before soft-deleting it.
 */
@Component
class CountRepair {

	private static final Logger log = LoggerFactory.getLogger(CountRepair.class);

	private static final Instant FAR_PAST = Instant.parse("1970-01-01T00:00:00Z");

	private static final int MAX_DEPTH = 64;

	private final HeymarketClient client;

	private final ContactRepository contacts;

	private final CheckpointWriter writer;

	private final DeletionConfirmer deletions;

	private final SyncProperties properties;

	CountRepair(HeymarketClient client, ContactRepository contacts, CheckpointWriter writer,
			DeletionConfirmer deletions, SyncProperties properties) {
		this.client = client;
		this.contacts = contacts;
		this.writer = writer;
		this.deletions = deletions;
		this.properties = properties;
	}

	/**
	 * Repairs everything; {@code upstreamTotal} is upstream's count without a date.
	 * {@code runId} is the run repairing, which the change log records.
	 */
	void repair(long upstreamTotal, Tally tally, @Nullable Long runId) {
		Bisection bisection = new Bisection(tally, new ChangeOrigin(ChangeCause.REPAIR, runId));
		bisection.learnInclusivity();
		bisection.window(null, null, upstreamTotal, 0, 0);
	}

	/**
	 * One repair. Whether count's {@code date} is inclusive is not documented: a window
	 * is {@code (after, upTo]} if it is exclusive and {@code [after, upTo)} if inclusive,
	 * and the first window that matches one reading and not the other settles it.
	 */
	private final class Bisection {

		private final Tally tally;

		private final ChangeOrigin origin;

		private @Nullable Boolean inclusive;

		Bisection(Tally tally, ChangeOrigin origin) {
			this.tally = tally;
			this.origin = origin;
		}

		/**
		 * One count with the newest mirrored {@code updated} as {@code date}: right after
		 * catching up, an exclusive count finds nothing there and an inclusive one finds
		 * that group. Anything else (changes under way) leaves it to the windows.
		 */
		void learnInclusivity() {
			Instant newest = CountRepair.this.contacts.findMaxLiveUpdated();
			if (newest == null) {
				return;
			}
			long group = CountRepair.this.contacts.countLiveFrom(newest, newest.plusNanos(1000));
			long counted = CountRepair.this.client.count(text(newest));
			if (counted == 0) {
				this.inclusive = false;
			}
			else if (counted == group) {
				this.inclusive = true;
			}
		}

		/**
		 * One window; null bounds are open. {@code upAfter} and {@code upUpTo} are
		 * upstream's counts with each bound as {@code date}.
		 */
		void window(@Nullable Instant after, @Nullable Instant upTo, long upAfter, long upUpTo, int depth) {
			long upstream = upAfter - upUpTo;
			long exclusiveCount = CountRepair.this.contacts.countLiveIn(orPast(after), orFuture(upTo));
			long inclusiveCount = CountRepair.this.contacts.countLiveFrom(orPast(after), orFuture(upTo));
			if (this.inclusive == null && exclusiveCount != inclusiveCount) {
				if (upstream == exclusiveCount) {
					this.inclusive = false;
				}
				else if (upstream == inclusiveCount) {
					this.inclusive = true;
				}
			}
			long local = Boolean.TRUE.equals(this.inclusive) ? inclusiveCount : exclusiveCount;
			if (upstream == local) {
				return;
			}
			Instant split = (upstream > CountRepair.this.properties.repairWindow() && depth < MAX_DEPTH)
					? split(after, upTo) : null;
			if (split == null) {
				log.info("Count gap in ({}, {}]: upstream {} vs mirror {}; re-reading that window", text(after),
						text(upTo), upstream, local);
				reread(after, upTo, this.tally, this.origin);
				return;
			}
			long upSplit = CountRepair.this.client.count(text(split));
			window(after, split, upAfter, upSplit, depth + 1);
			window(split, upTo, upSplit, upUpTo, depth + 1);
		}

	}

	/**
	 * A point strictly inside the window: the mirror's median, else the middle in time.
	 */
	private @Nullable Instant split(@Nullable Instant after, @Nullable Instant upTo) {
		Instant median = this.contacts.findMedianUpdatedIn(orPast(after), orFuture(upTo));
		if (median != null && (after == null || median.isAfter(after)) && (upTo == null || median.isBefore(upTo))) {
			return median;
		}
		Instant low = (after != null) ? after : FAR_PAST;
		Instant high = (upTo != null) ? upTo : Instant.now().plus(Duration.ofDays(1));
		Duration span = Duration.between(low, high);
		if (span.compareTo(Duration.ofNanos(2000)) < 0) {
			return null;
		}
		Instant middle = low.plus(span.dividedBy(2));
		if (span.compareTo(Duration.ofSeconds(4)) > 0) {
			middle = middle.truncatedTo(ChronoUnit.SECONDS);
		}
		else {
			middle = middle.truncatedTo(ChronoUnit.MICROS);
		}
		return (middle.isAfter(low) && middle.isBefore(high)) ? middle : null;
	}

	/** Re-reads the window by offset, stores it, and confirms what it no longer holds. */
	private void reread(@Nullable Instant after, @Nullable Instant upTo, Tally tally, ChangeOrigin origin) {
		Set<Long> seen = new HashSet<>();
		String date = (after != null) ? text(after) : null;
		int limit = this.properties.v2PageSize();
		for (int page = 0; page < this.properties.maxDrainPages(); page++) {
			ContactPage contacts = this.client.contactsV2(new V2ListRequest(limit, page, date, true));
			tally.fetched(contacts);
			if (contacts.size() == 0) {
				break;
			}
			tally.stored(this.writer.write(new Batch(contacts.contacts(), contacts.rejected().size(), null, null),
					CheckpointWriter.Checkpoint.NONE, origin));
			boolean beyond = false;
			for (HeymarketContact contact : contacts.contacts()) {
				seen.add(contact.id());
				beyond |= upTo != null && contact.updated().isAfter(upTo);
			}
			// a short page may be upstream capping the page size: only an empty one ends
			// it
			if (beyond) {
				break;
			}
		}
		// whichever reading of date holds, the window's contacts are within [after, upTo]
		List<Long> suspects = this.contacts.findLiveIdsBetween(orPast(after), orFuture(upTo))
			.stream()
			.filter((id) -> !seen.contains(id))
			.toList();
		this.deletions.confirm(suspects, tally, origin);
	}

	private static Instant orPast(@Nullable Instant instant) {
		return (instant != null) ? instant : Instant.parse("0001-01-01T00:00:00Z");
	}

	private static Instant orFuture(@Nullable Instant instant) {
		return (instant != null) ? instant : Instant.parse("9999-12-31T00:00:00Z");
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? Boundary.format(instant, 6) : null;
	}

}
