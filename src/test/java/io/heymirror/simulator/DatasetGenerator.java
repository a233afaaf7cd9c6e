package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Realistic contacts, reproducible: contact {@code id} depends only on the seed and the
 * id, so a dataset of 1,000 is the prefix of one of 2,000 from the same seed.
 */
final class DatasetGenerator {

	private static final String[] FIRST = { "Ana", "José", "Zoë", "Jürgen", "Ørjan", "Łukasz", "Siobhán", "François",
			"Nguyễn", "Mohammed", "محمد", "שרה", "李", "王芳", "さくら", "Дмитрий", "Ελένη", "Chloé", "Björn", "Renée",
			"Mary-Jane", "Sunny ☀️", "Bob 🍕", "Emily", "James", "Olivia", "Liam", "Priya", "Kwame", "Ayşe" };

	private static final String[] LAST = { "Smith", "Müller", "Weiß", "Großmann", "García", "Núñez", "O'Connor",
			"Dubois", "Kowalski", "Øverby", "van der Berg", "张", "田中", "Иванов", "Παπαδόπουλος", "كريم", "כהן", "🦄",
			"Nakamura", "Johnson", "Brown", "Williams", "Okafor", "Fernández", "Lindqvist" };

	private static final String[] SEGMENTS = { "VIP", "Lead", "Customer", "Churned", "Prospect", "Partner" };

	private static final SimContact.Tag[] TAGS = { new SimContact.Tag(11, "vip", "#e53935"),
			new SimContact.Tag(12, "newsletter", "#1e88e5"), new SimContact.Tag(13, "follow-up", "#fdd835"),
			new SimContact.Tag(14, "Bürger", "#43a047"), new SimContact.Tag(15, "客户", "#8e24aa"),
			new SimContact.Tag(16, "wholesale", "#6d4c41"), new SimContact.Tag(17, "🔥 hot", "#f4511e"),
			new SimContact.Tag(18, "do-not-call", "#546e7a") };

	static final long TEAM_ID = 4242;

	private final long seed;

	private final boolean nasty;

	DatasetGenerator(long seed, boolean nasty) {
		this.seed = seed;
		this.nasty = nasty;
	}

	/**
	 * Contact {@code id}, updated at a time spread over the year before {@code until}.
	 */
	SimContact generated(int id, Instant until) {
		SplittableRandom random = random(id, 0);
		Instant updated = until.minus(Duration.ofNanos(random.nextLong(Duration.ofDays(365).toNanos())));
		return contact(id, updated, random);
	}

	/** Contact {@code id} with exactly this {@code updated}. */
	SimContact at(int id, Instant updated) {
		return contact(id, updated, random(id, 1));
	}

	private SimContact contact(int id, Instant updated, SplittableRandom random) {
		Instant created = updated.minus(Duration.ofSeconds(random.nextLong(Duration.ofDays(700).toSeconds())));
		boolean noName = random.nextInt(100) < 3;
		String first = noName ? null : pick(random, FIRST);
		String last = noName ? null : pick(random, LAST);
		String phone = phone(id);
		String display = noName ? "+" + phone : first + " " + last;
		long rev = 1 + random.nextInt(20);
		SimContact contact = new SimContact(id, uuid(random), display, first, last, email(random, id, first), phone,
				custom(random), TEAM_ID, 1001 + random.nextInt(10),
				(random.nextInt(10) < 3) ? null : (Long) (1001L + random.nextInt(10)), random.nextInt(10) < 7, created,
				updated, rev, (rev == 1) ? "create" : pick(random, new String[] { "update", "merge", "import" }),
				tags(random), random.nextInt(100) < 4, notes(random, id), extra(random, id));
		return (this.nasty && random.nextInt(10) < 3) ? NastyValues.apply(contact, random) : contact;
	}

	/** Unique per id: a multiplicative bijection onto 10-digit North American numbers. */
	static String phone(int id) {
		return "1" + (2_000_000_000L + Math.floorMod(id * 2_654_435_761L, 8_000_000_000L));
	}

	private SplittableRandom random(int id, int stream) {
		return new SplittableRandom(this.seed * 0x9E3779B97F4A7C15L + id * 31L + stream);
	}

	private static String uuid(SplittableRandom random) {
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	private static @Nullable String email(SplittableRandom random, int id, @Nullable String first) {
		if (random.nextInt(100) < 35) {
			return null;
		}
		boolean ascii = first != null && first.chars().allMatch((c) -> c < 128 && Character.isLetter(c));
		String local = ascii ? first.toLowerCase(Locale.ROOT) + "." + id : "contact" + id;
		return local + "@" + pick(random, new String[] { "example.com", "mail.example.org", "acme.test" });
	}

	private static Map<String, @Nullable Object> custom(SplittableRandom random) {
		Map<String, @Nullable Object> custom = new LinkedHashMap<>();
		if (random.nextInt(10) < 5) {
			custom.put("101", pick(random, SEGMENTS));
		}
		if (random.nextInt(10) < 3) {
			custom.put("102", "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
		}
		if (random.nextInt(10) < 3) {
			custom.put("103", Integer.toString(random.nextInt(1000)));
		}
		if (random.nextInt(10) < 2) {
			custom.put("104", pick(random, new String[] { "Prefers Español", "Nur abends erreichbar", "请用中文", "" }));
		}
		return custom;
	}

	private static List<SimContact.Tag> tags(SplittableRandom random) {
		List<SimContact.Tag> tags = new ArrayList<>();
		int count = random.nextInt(6);
		int start = random.nextInt(TAGS.length);
		for (int i = 0; i < count; i++) {
			tags.add(TAGS[(start + i) % TAGS.length]);
		}
		return tags;
	}

	private static List<Map<String, @Nullable Object>> notes(SplittableRandom random, int id) {
		List<Map<String, @Nullable Object>> notes = new ArrayList<>();
		int count = (random.nextInt(10) < 7) ? 0 : 1 + random.nextInt(2);
		for (int i = 0; i < count; i++) {
			Map<String, @Nullable Object> note = new LinkedHashMap<>();
			note.put("id", id * 10L + i);
			note.put("user_id", 1001 + random.nextInt(10));
			note.put("text", pick(random, new String[] { "Called back, wants a quote", "Rückruf erbeten",
					"Prefers texts after 5pm", "No quiere llamadas 📵" }));
			notes.add(note);
		}
		return notes;
	}

	private static Map<String, @Nullable Object> extra(SplittableRandom random, int id) {
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		if (random.nextInt(100) < 10) {
			extra.put("external_id", "crm-" + (500_000 + id));
		}
		if (random.nextInt(100) < 5) {
			extra.put("avatar", "https://cdn.example.com/avatars/" + id + ".png");
		}
		if (random.nextInt(100) < 8) {
			extra.put("inbox_id", 70 + random.nextInt(5));
		}
		if (random.nextInt(100) < 3) {
			// a LinkedHashMap, not Map.of, whose iteration order changes from one JVM to
			// the next
			Map<String, Object> future = new LinkedHashMap<>();
			future.put("level", 2);
			future.put("flags", List.of("a", "b"));
			extra.put("x_future_field", future);
		}
		return extra;
	}

	static String pick(SplittableRandom random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
