package io.heymirror.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks upstream's contacts in ascending {@code updated} order from a boundary to the
 * end, handing each page to a sink together with the checkpoint it reaches (see
 * {@code docs/sync.md}).
 * <p>
 * Every request overlaps the previous page's boundary (it asks from one tick below it),
 * so inclusive and exclusive {@code date} read the same contacts; contacts are
 * de-duplicated by id at the boundary. A page that brings nothing new is the end only if
 * it is smaller than a page upstream has returned before and does not sit on a tie;
 * otherwise a tie group at least a page long sits at the boundary, which is drained by
 * offset ({@link OffsetReader}) before moving past it, and reported for verification. The
 * order of {@code POST /v1/contacts} is detected from the data: if it comes back
 * descending, the walk continues through v2's explicit ascending order. The checkpoint
 * never passes {@code ceiling} (the database's now plus a small skew): a contact dated
 * further ahead is stored, flagged, and read again by the next run.
 */
final class ContactWalk {

	private static final Logger log = LoggerFactory.getLogger(ContactWalk.class);

	private static final int FLAGGED_IDS_KEPT = 20;

	private final Upstream upstream;

	private final SyncProperties properties;

	private final Consumer<Batch> sink;

	private final BooleanSupplier stopRequested;

	private final Instant ceiling;

	private boolean useV2;

	private @Nullable Direction direction;

	private PageCaps caps;

	private int maxDigits;

	private @Nullable Boundary from;

	private Set<Long> idsAtFrom = Set.of();

	// the newest updated read so far; its group may continue on the next page
	private @Nullable Boundary boundary;

	// the newest updated whose group has been read completely: the checkpoint
	private @Nullable Boundary complete;

	private Set<Long> seenAtBoundary = new HashSet<>();

	private final List<Boundary> ties = new ArrayList<>();

	private final Set<Long> futureDated = new HashSet<>();

	// every contact read, when walking from a watermark: mirrored contacts newer than it
	// that the walk did not meet were deleted upstream (or changed after it passed)
	private final Set<Long> seen = new HashSet<>();

	ContactWalk(Upstream upstream, SyncProperties properties, Learned learned, Consumer<Batch> sink,
			BooleanSupplier stopRequested, Instant ceiling) {
		this.upstream = upstream;
		this.properties = properties;
		this.sink = sink;
		this.stopRequested = stopRequested;
		this.ceiling = ceiling;
		this.direction = learned.direction();
		this.caps = learned.caps();
		this.useV2 = properties.strategy() == SyncProperties.Strategy.V2_KEYSET || this.direction == Direction.DESC;
	}

	/**
	 * Walks from {@code from} (null: from the very first contact) to the end.
	 * @param from where the last checkpoint left off
	 * @param idsAtFrom ids already mirrored at exactly {@code from}, so re-reading them
	 * is not mistaken for progress
	 * @return where the walk ended and what it found on the way
	 */
	Result walk(@Nullable Boundary from, Set<Long> idsAtFrom) {
		this.from = from;
		this.idsAtFrom = idsAtFrom;
		this.boundary = from;
		this.complete = from;
		this.seenAtBoundary = new HashSet<>(idsAtFrom);
		this.maxDigits = (from != null) ? from.digits() : 0;
		while (!this.stopRequested.getAsBoolean()) {
			String date = dateBelowBoundary();
			ContactPage page = this.useV2
					? this.upstream.listV2(new V2ListRequest(this.properties.v2PageSize(), 0, date, true))
					: this.upstream.listV1(date);
			if (this.useV2) {
				OffsetReader.requireAscending(page);
			}
			else if (detectDescending(page, date)) {
				continue;
			}
			boolean isShort = this.caps.isShort(this.useV2, page.size());
			this.caps = this.caps.observe(this.useV2, page.size());
			int fresh = absorb(page);
			emit(page);
			if (fresh > 0) {
				continue;
			}
			if (page.size() == 0 || (isShort && !sitsOnATie(page))) {
				return finished();
			}
			// nothing new, and the page may have been cut by upstream's cap (or filtered
			// after it): a tie group at least a page long sits at the boundary
			Boundary tie = this.boundary;
			OffsetReader.Ending ending = drain(date, this.useV2 ? page : null);
			if (tie != null) {
				this.ties.add(tie);
			}
			if (ending == OffsetReader.Ending.END) {
				return finished();
			}
		}
		return result(false);
	}

	/**
	 * Whether the page is the boundary's group, two or more contacts long: however short,
	 * it may have been cut inside the group (pages can be filtered after the limit), so
	 * it is not the end of the data.
	 */
	private boolean sitsOnATie(ContactPage page) {
		Boundary current = this.boundary;
		if (current == null) {
			return false;
		}
		int atBoundary = 0;
		for (HeymarketContact contact : page.contacts()) {
			atBoundary += contact.updated().equals(current.at()) ? 1 : 0;
		}
		return atBoundary >= 2;
	}

	/** The end of the list: the last group is complete too. */
	private Result finished() {
		this.complete = this.boundary;
		if (this.boundary != null && isOrdered()) {
			this.sink.accept(new Batch(List.of(), 0, checkpoint(), this.direction, this.caps));
		}
		return result(true);
	}

	private Result result(boolean completed) {
		return new Result(checkpoint(), completed, new Learned(this.direction, this.caps), List.copyOf(this.ties),
				this.futureDated.size(), Math.max(this.maxDigits, (this.from != null) ? this.from.digits() : 0),
				Set.copyOf(this.seen));
	}

	/**
	 * Reads a tie group by offset from the same {@code date} until the pages move past it
	 * (or the data ends).
	 */
	private OffsetReader.Ending drain(@Nullable String date, @Nullable ContactPage firstPage) {
		Boundary tie = this.boundary;
		String what = "Tie group at " + ((tie != null) ? tie.text() : "the start");
		log.debug("Draining the {} through POST /v2/contacts/list", what);
		OffsetReader reader = new OffsetReader(this.upstream, this.properties, this.caps, this.stopRequested);
		return reader.read(what, date, tie, firstPage, (page) -> {
			this.caps = this.caps.observe(true, page.size());
			absorb(page);
			emit(page);
		});
	}

	/**
	 * Counts the contacts not seen before and moves the boundary to the page's newest.
	 */
	private int absorb(ContactPage page) {
		int fresh = 0;
		for (HeymarketContact contact : page.contacts()) {
			if (this.from != null) {
				this.seen.add(contact.id());
			}
			this.maxDigits = Math.max(this.maxDigits, contact.updatedDigits());
			if (contact.updated().isAfter(this.ceiling) && this.futureDated.add(contact.id())
					&& this.futureDated.size() <= FLAGGED_IDS_KEPT) {
				log.warn(
						"Contact id={} is dated {}, after the database's now plus heymirror.sync.max-clock-skew; "
								+ "stored, but the checkpoint stays at {}",
						contact.id(), contact.updatedText(), this.ceiling);
			}
			Boundary current = this.boundary;
			if (current == null || contact.updated().isAfter(current.at())) {
				// pages are ascending: a newer contact closes the group before it
				this.complete = current;
				this.boundary = Boundary.of(contact);
				this.seenAtBoundary = new HashSet<>();
				this.seenAtBoundary.add(contact.id());
				fresh++;
			}
			else if (contact.updated().equals(current.at())) {
				if (this.seenAtBoundary.add(contact.id())) {
					fresh++;
				}
			}
			// older than the boundary: read again because of the overlap
		}
		return fresh;
	}

	private void emit(ContactPage page) {
		if (page.size() > 0) {
			// until the order is known, a page cannot vouch for anything below its
			// boundary
			Boundary reached = isOrdered() ? checkpoint() : clamp(this.from);
			this.sink.accept(new Batch(page.contacts(), page.rejected().size(), reached, this.direction, this.caps));
		}
	}

	private @Nullable Boundary checkpoint() {
		return clamp(this.complete);
	}

	private @Nullable Boundary clamp(@Nullable Boundary reached) {
		return (reached != null) ? reached.atMost(this.ceiling) : null;
	}

	private boolean isOrdered() {
		return this.useV2 || this.direction == Direction.ASC;
	}

	private @Nullable String dateBelowBoundary() {
		return (this.boundary != null) ? this.boundary.withDigitsAtLeast(this.maxDigits).justBelow() : null;
	}

	/**
	 * Whether POST /v1/contacts turned out to be descending: a decreasing pair in a page,
	 * or contacts older than the {@code date} lower bound. From then on the walk uses v2.
	 */
	private boolean detectDescending(ContactPage page, @Nullable String date) {
		List<HeymarketContact> contacts = page.contacts();
		boolean descending = false;
		boolean ascending = false;
		for (int i = 1; i < contacts.size(); i++) {
			int order = contacts.get(i).updated().compareTo(contacts.get(i - 1).updated());
			descending |= order < 0;
			ascending |= order > 0;
		}
		if (date != null && this.boundary != null) {
			Instant lowerBound = this.boundary.at().minus(this.boundary.tick());
			for (HeymarketContact contact : contacts) {
				descending |= contact.updated().isBefore(lowerBound);
			}
			ascending |= !contacts.isEmpty() && !descending;
		}
		if (descending) {
			if (this.direction != Direction.DESC) {
				log.warn("POST /v1/contacts returns contacts in descending order; paging through "
						+ "POST /v2/contacts/list (ascending) instead");
			}
			this.direction = Direction.DESC;
			this.useV2 = true;
			// nothing read so far vouches for an ascending walk: start again where this
			// walk started
			this.boundary = this.from;
			this.complete = this.from;
			this.seenAtBoundary = new HashSet<>(this.idsAtFrom);
			return true;
		}
		if (ascending && this.direction == null) {
			this.direction = Direction.ASC;
		}
		return false;
	}

	/**
	 * What the sync knows about upstream's lists, kept in the sync state between runs.
	 *
	 * @param direction the detected order of POST /v1/contacts, if known
	 * @param caps the largest pages seen
	 */
	record Learned(@Nullable Direction direction, PageCaps caps) {

		static final Learned NOTHING = new Learned(null, PageCaps.UNKNOWN);

	}

	/**
	 * Where a walk ended.
	 *
	 * @param reached the checkpoint reached
	 * @param completed whether it reached the end of upstream's list (false: stop
	 * requested)
	 * @param learned what it learned about upstream's lists
	 * @param ties tie groups it drained, each to be verified
	 * @param futureDated contacts dated after the ceiling
	 * @param digits the finest precision seen
	 * @param seen ids of the contacts read, when the walk started from a watermark
	 */
	record Result(@Nullable Boundary reached, boolean completed, Learned learned, List<Boundary> ties, int futureDated,
			int digits, Set<Long> seen) {
	}

}
