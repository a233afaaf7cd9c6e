package io.heymirror.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;

/**
 * The pages a sync of a tie-free dataset requests, and nothing else: from the start, each
 * request asks from one tick below the newest {@code updated} read (as the sync's
 * {@code Boundary} does), until a page brings no new contact (the sync stops on that same
 * page). v1-cursor pages {@code POST /v1/contacts}, v2-keyset
 * {@code POST /v2/contacts/list} with {@code date}, {@code ascending} and page 0.
 */
final class PageWalk {

	private final HeymarketClient client;

	private final boolean v2;

	private final int limit;

	PageWalk(HeymarketClient client, String strategy, int limit) {
		this.client = client;
		this.v2 = strategy.equals("v2-keyset");
		this.limit = limit;
	}

	/** Walks every page, handing each to {@code sink}; returns the pages requested. */
	int walk(Consumer<ContactPage> sink) {
		Set<Long> seen = new HashSet<>();
		String date = null;
		int digits = 0;
		int pages = 0;
		while (true) {
			ContactPage page = this.v2 ? this.client.contactsV2(new V2ListRequest(this.limit, 0, date, true))
					: this.client.contacts(date, null);
			pages++;
			int fresh = 0;
			for (HeymarketContact contact : page.contacts()) {
				if (seen.add(contact.id())) {
					fresh++;
				}
				digits = Math.max(digits, digitsOf(contact.updatedText()));
			}
			sink.accept(page);
			if (fresh == 0) {
				if (page.size() >= this.limit) {
					throw new IllegalStateException("a tie group longer than a page: the bare pager does not drain");
				}
				return pages;
			}
			HeymarketContact newest = page.contacts().get(page.contacts().size() - 1);
			date = justBelow(newest.updated(), digits);
		}
	}

	/** Every contact, in page order (duplicates from the overlap included). */
	List<HeymarketContact> all() {
		List<HeymarketContact> contacts = new ArrayList<>();
		walk((page) -> contacts.addAll(page.contacts()));
		return contacts;
	}

	static int digitsOf(String text) {
		int dot = text.indexOf('.');
		if (dot < 0) {
			return 0;
		}
		int end = dot + 1;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return Math.min(9, end - dot - 1);
	}

	static String justBelow(Instant at, int digits) {
		Instant below = at.minus(Duration.ofNanos((long) Math.pow(10, 9 - digits)));
		DateTimeFormatterBuilder format = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss");
		if (digits > 0) {
			format.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
		}
		return format.appendLiteral('Z').toFormatter().format(below.atOffset(ZoneOffset.UTC));
	}

}
