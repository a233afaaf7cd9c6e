package io.heymirror.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible dataset with what makes paging hard: tie groups smaller than, equal to
 * and larger than a page (up to 150), timestamps at second, millisecond and microsecond
 * precision written with various offsets, and deletions.
 *
 * @param contacts the contacts' JSON
 * @param deleted ids to soft-delete after storing
 */
record RandomContacts(List<String> contacts, List<Long> deleted) {

	private static final int[] TIE_SIZES = { 1, 2, 29, 30, 31, 59, 60, 61, 75, 100, 150 };

	static RandomContacts generate(long seed) {
		Random random = new Random(seed);
		List<String> contacts = new ArrayList<>();
		List<Long> deleted = new ArrayList<>();
		Instant time = Instant.parse("2024-01-01T00:00:00Z");
		long id = 1 + random.nextInt(1000);
		int groups = 20 + random.nextInt(20);
		for (int group = 0; group < groups; group++) {
			time = time.plusNanos(1000L * (1 + random.nextInt(3_000_000)));
			int size = random.nextBoolean() ? TIE_SIZES[random.nextInt(TIE_SIZES.length)] : 1;
			String text = text(time, random);
			for (int i = 0; i < size; i++) {
				id += 1 + random.nextInt(5);
				// ids not monotonic in time, as upstream edits old contacts
				long contactId = random.nextInt(10) == 0 ? id + 100_000 : id;
				contacts.add(TestMirror.contact(contactId, text));
				if (random.nextInt(15) == 0) {
					deleted.add(contactId);
				}
			}
		}
		return new RandomContacts(contacts, deleted);
	}

	private static String text(Instant time, Random random) {
		Instant rounded = switch (random.nextInt(3)) {
			case 0 -> time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			case 1 -> time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
			default -> time;
		};
		ZoneOffset offset = ZoneOffset.ofHoursMinutes(random.nextInt(3) - 1, 0);
		String pattern = (rounded.getNano() == 0) ? "yyyy-MM-dd'T'HH:mm:ssXXX" : (rounded.getNano() % 1_000_000 == 0)
				? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";
		return DateTimeFormatter.ofPattern(pattern).format(rounded.atOffset(offset));
	}

}
