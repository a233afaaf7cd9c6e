package io.heymirror.sync;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code POST /v2/contacts/list} by offset from one {@code date} (ascending) until
 * a page goes past a given instant or comes back empty: how ties are drained and windows
 * re-read.
 * <p>
 * Page 0 asks for the configured limit; every later page asks for no more than page 0
 * returned (or than the largest page seen before), so the requested limit never exceeds
 * upstream's cap and offsets are right whether upstream computes them from the requested
 * or from the capped limit. A short page in the middle (filtered after the limit) ends
 * nothing: only an empty page is the end of the data. Contacts that change while the
 * pages are read leave the offset order and shift the contacts behind them, which the
 * last page cannot see: once the reading has gone past, the page before it is read again,
 * since whatever slid over the boundary is there now.
 */
final class OffsetReader {

	private final Upstream upstream;

	private final int configuredLimit;

	private final int maxPages;

	private final int knownCap;

	private final BooleanSupplier stopRequested;

	OffsetReader(Upstream upstream, SyncProperties properties, PageCaps caps, BooleanSupplier stopRequested) {
		this.upstream = upstream;
		this.configuredLimit = properties.v2PageSize();
		this.maxPages = properties.maxDrainPages();
		this.knownCap = Math.min(caps.v2(), properties.v2PageSize());
		this.stopRequested = stopRequested;
	}

	/**
	 * Reads pages until one holds a contact updated after {@code until}, or is empty.
	 * @param what what is read, for errors ("Tie group at ...")
	 * @param date the {@code date} of every request
	 * @param until the last instant of interest
	 * @param firstPage page 0, when the caller already fetched it with the configured
	 * limit
	 * @param reader receives every page, in order
	 * @return how the reading ended
	 */
	Ending read(String what, @Nullable String date, @Nullable Boundary until, @Nullable ContactPage firstPage,
			PageReader reader) {
		int limit = this.configuredLimit;
		List<Long> previous = List.of();
		int repeats = 0;
		for (int number = 0; number < this.maxPages; number++) {
			if (this.stopRequested.getAsBoolean()) {
				return Ending.STOPPED;
			}
			ContactPage page = (number == 0 && firstPage != null) ? firstPage
					: this.upstream.listV2(new V2ListRequest(limit, number, date, true));
			if (page != firstPage) {
				requireAscending(page);
				reader.read(page);
			}
			boolean passed = past(page, until);
			if (passed || page.size() == 0) {
				if (number > 0) {
					// a contact that changed while we paged moved out and shifted every
					// offset behind it: what slid over this page's start is on the
					// previous
					// page now
					reader.read(this.upstream.listV2(new V2ListRequest(limit, number - 1, date, true)));
				}
				return passed ? Ending.PASSED : Ending.END;
			}
			if (number == 0) {
				// never ask for more than upstream served: offsets stay right however it
				// computes them
				limit = Math.max(page.size(), this.knownCap);
			}
			List<Long> ids = page.contacts().stream().map(HeymarketContact::id).toList();
			repeats = ids.equals(previous) ? repeats + 1 : 0;
			if (repeats >= 2) {
				throw new SyncStallException(what + " cannot be read: POST /v2/contacts/list from " + date
						+ " returned the same page for pages " + (number - 2) + " to " + number
						+ " (is page ignored?); the watermark stays where it was");
			}
			previous = ids;
		}
		throw new SyncStallException(what + " is longer than " + this.maxPages
				+ " pages (heymirror.sync.max-drain-pages); the watermark stays where it was");
	}

	private static boolean past(ContactPage page, @Nullable Boundary until) {
		if (until == null) {
			return false;
		}
		for (HeymarketContact contact : page.contacts()) {
			if (contact.updated().isAfter(until.at())) {
				return true;
			}
		}
		return false;
	}

	static void requireAscending(ContactPage page) {
		List<HeymarketContact> contacts = page.contacts();
		for (int i = 1; i < contacts.size(); i++) {
			if (contacts.get(i).updated().isBefore(contacts.get(i - 1).updated())) {
				throw new SyncStallException("POST /v2/contacts/list with ascending=true returned contacts out of "
						+ "order (id " + contacts.get(i).id() + "); cannot page it safely");
			}
		}
	}

	/** Receives the pages read. */
	@FunctionalInterface
	interface PageReader {

		void read(ContactPage page);

	}

	/** How a reading ended. */
	enum Ending {

		/** A page went past the instant of interest. */
		PASSED,

		/** An empty page: the end of the data. */
		END,

		/** A stop was requested. */
		STOPPED

	}

}
