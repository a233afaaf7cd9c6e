package io.heymirror.sync;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks upstream's contacts in ascending {@code updated} order from a boundary to the
 * end, handing each page to a sink together with the checkpoint it reaches (design.md
 * rule 3).
 * <p>
 * Every request overlaps the previous page's boundary (it asks from one tick below it),
 * so inclusive and exclusive {@code date} read the same contacts; contacts are
 * de-duplicated by id at the boundary. A full page that brings nothing new is a stall: a
 * tie group at least a page long, drained by offset through
 * {@code POST /v2/contacts/list} before moving past it. The order of
 * {@code POST /v1/contacts} is detected from the data: if it comes back descending, the
 * walk continues through v2's explicit ascending order instead.
 */
final class ContactWalk {

	private static final Logger log = LoggerFactory.getLogger(ContactWalk.class);

	static final String ASC = "ASC";

	static final String DESC = "DESC";

	private final HeymarketClient client;

	private final SyncProperties properties;

	private final Consumer<Batch> sink;

	private final BooleanSupplier stopRequested;

	private final Tally tally;

	private boolean useV2;

	private @Nullable String direction;

	private int maxDigits;

	private int v1Limit;

	private int v2Limit;

	private @Nullable Boundary from;

	private Set<Long> idsAtFrom = Set.of();

	// the newest updated read so far; its group may continue on the next page
	private @Nullable Boundary boundary;

	// the newest updated whose group has been read completely: the checkpoint
	private @Nullable Boundary complete;

	private Set<Long> seenAtBoundary;

	ContactWalk(HeymarketClient client, SyncProperties properties, @Nullable String direction, Consumer<Batch> sink,
			BooleanSupplier stopRequested, Tally tally) {
		this.client = client;
		this.properties = properties;
		this.sink = sink;
		this.stopRequested = stopRequested;
		this.tally = tally;
		this.direction = direction;
		this.useV2 = properties.strategy() == SyncProperties.Strategy.V2_KEYSET || DESC.equals(direction);
		this.v1Limit = properties.v1PageSize();
		this.v2Limit = properties.v2PageSize();
		this.seenAtBoundary = new HashSet<>();
	}

	/**
	 * Walks from {@code from} (null: from the very first contact) to the end.
	 * @param from where the last checkpoint left off
	 * @param idsAtFrom ids already mirrored at exactly {@code from}, so re-reading them
	 * is not mistaken for progress
	 * @return where the walk ended, and whether it reached the end (false: stop
	 * requested)
	 */
	Result walk(@Nullable Boundary from, Set<Long> idsAtFrom) {
		this.from = from;
		this.idsAtFrom = idsAtFrom;
		this.boundary = from;
		this.complete = from;
		this.seenAtBoundary = new HashSet<>(idsAtFrom);
		this.maxDigits = (from != null) ? from.digits() : 0;
		int suspectedLimit = Integer.MAX_VALUE;
		while (!this.stopRequested.getAsBoolean()) {
			String date = dateBelowBoundary();
			ContactPage page = fetch(date);
			if (this.useV2) {
				requireAscending(page, "POST /v2/contacts/list");
			}
			else if (detectDescending(page, date)) {
				continue;
			}
			int fresh = absorb(page.contacts());
			emit(page);
			int limit = Math.min(this.useV2 ? this.v2Limit : this.v1Limit, suspectedLimit);
			boolean full = page.size() >= limit;
			if (fresh > 0) {
				if (suspectedLimit != Integer.MAX_VALUE && page.size() >= suspectedLimit) {
					// a short page was followed by another as long: upstream caps the
					// page size below what we asked (not just new contacts arriving)
					learnLimit(suspectedLimit, this.useV2);
				}
				suspectedLimit = full ? Integer.MAX_VALUE : page.size();
				continue;
			}
			if (!full || !drain(date, this.useV2 ? 1 : 0)) {
				return finished();
			}
			suspectedLimit = Integer.MAX_VALUE;
		}
		return new Result(this.complete, this.direction, false);
	}

	/** The end of the list: the last group is complete too. */
	private Result finished() {
		this.complete = this.boundary;
		if (this.boundary != null && (this.useV2 || ASC.equals(this.direction))) {
			this.sink.accept(new Batch(List.of(), 0, this.boundary, this.direction));
		}
		return new Result(this.boundary, this.direction, true);
	}

	private ContactPage fetch(@Nullable String date) {
		ContactPage page = this.useV2 ? this.client.contactsV2(new V2ListRequest(this.v2Limit, 0, date, true))
				: this.client.contacts(date, null);
		this.tally.fetched(page);
		return page;
	}

	/**
	 * Reads a tie group of at least a page by offset, from the same {@code date}, until
	 * the pages move past it. Returns false when the data ends inside the tie.
	 */
	private boolean drain(@Nullable String date, int firstPage) {
		Boundary tie = this.boundary;
		String where = (tie != null) ? tie.text() : "the start";
		log.debug("Draining a tie group at {} through POST /v2/contacts/list", where);
		Set<Long> drained = new HashSet<>();
		// one limit for the whole drain: offsets are page x limit
		int limit = this.v2Limit;
		int shortPage = 0;
		for (int pageNumber = firstPage; pageNumber < this.properties.maxDrainPages(); pageNumber++) {
			if (this.stopRequested.getAsBoolean()) {
				return true;
			}
			ContactPage page = this.client.contactsV2(new V2ListRequest(limit, pageNumber, date, true));
			this.tally.fetched(page);
			requireAscending(page, "POST /v2/contacts/list");
			absorb(page.contacts());
			emit(page);
			if (page.size() > 0 && shortPage > 0) {
				// a short page was followed by more: upstream caps the page size
				learnLimit(shortPage, true);
			}
			if (this.boundary != null && (tie == null || this.boundary.compareTo(tie) > 0)) {
				return true;
			}
			if (page.size() == 0) {
				return false;
			}
			boolean anyNew = false;
			for (HeymarketContact contact : page.contacts()) {
				anyNew |= drained.add(contact.id());
			}
			if (!anyNew) {
				throw new SyncStallException(
						"Tie group at " + where + " cannot be drained: POST /v2/contacts/list page " + pageNumber
								+ " repeated contacts already read; the watermark stays where it was");
			}
			// a short page is the end of the data or upstream capping the page size: the
			// next page tells
			shortPage = (page.size() < limit) ? page.size() : 0;
		}
		throw new SyncStallException("Tie group at " + where + " is longer than " + this.properties.maxDrainPages()
				+ " pages (heymirror.sync.max-drain-pages); the watermark stays where it was");
	}

	/**
	 * Counts the contacts not seen before and moves the boundary to the page's newest.
	 */
	private int absorb(List<HeymarketContact> contacts) {
		int fresh = 0;
		for (HeymarketContact contact : contacts) {
			this.maxDigits = Math.max(this.maxDigits, Boundary.digitsOf(contact.updatedText()));
			Boundary current = this.boundary;
			if (current == null || contact.updated().isAfter(current.at())) {
				// pages are ascending: a newer contact closes the group before it
				this.complete = current;
				this.boundary = Boundary.of(contact.updated(), contact.updatedText());
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
			boolean ordered = this.useV2 || ASC.equals(this.direction);
			Boundary reached = ordered ? this.complete : this.from;
			this.sink.accept(new Batch(page.contacts(), page.rejected().size(), reached, this.direction));
		}
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
			if (!DESC.equals(this.direction)) {
				log.warn("POST /v1/contacts returns contacts in descending order; paging through "
						+ "POST /v2/contacts/list (ascending) instead");
			}
			this.direction = DESC;
			this.useV2 = true;
			// nothing read so far vouches for an ascending walk: start again where this
			// walk started
			this.boundary = this.from;
			this.complete = this.from;
			this.seenAtBoundary = new HashSet<>(this.idsAtFrom);
			return true;
		}
		if (ascending && this.direction == null) {
			this.direction = ASC;
		}
		return false;
	}

	private static void requireAscending(ContactPage page, String endpoint) {
		List<HeymarketContact> contacts = page.contacts();
		for (int i = 1; i < contacts.size(); i++) {
			if (contacts.get(i).updated().isBefore(contacts.get(i - 1).updated())) {
				throw new SyncStallException(endpoint + " with ascending=true returned contacts out of order (id "
						+ contacts.get(i).id() + "); cannot page it safely");
			}
		}
	}

	private void learnLimit(int limit, boolean v2) {
		if (v2 && limit < this.v2Limit) {
			log.info("POST /v2/contacts/list returns at most {} contacts per page; using that as the page size", limit);
			this.v2Limit = limit;
		}
		else if (!v2 && limit < this.v1Limit) {
			log.info("POST /v1/contacts returns at most {} contacts per page; using that as the page size", limit);
			this.v1Limit = limit;
		}
	}

	/**
	 * Where a walk ended.
	 *
	 * @param reached the last boundary reached
	 * @param direction the detected order of POST /v1/contacts
	 * @param completed whether it reached the end of upstream's list
	 */
	record Result(@Nullable Boundary reached, @Nullable String direction, boolean completed) {
	}

}
