package io.heymirror.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Values that break careless clients and databases: NUL (PostgreSQL text and jsonb refuse
 * it), lone surrogates (invalid UTF-16, written as {@code \\uD83D} escapes), 8 KB custom
 * values, bidi overrides, combining marks, zero-width and line-separator characters,
 * multi-code-point emoji.
 */
final class NastyValues {

	static final String NUL = "nul\u0000inside";

	static final String LONE_SURROGATE = "broken \uD83D emoji";

	private static final String[] ODDITIES = { "\u202Eevil RTL override", "e\u0301 combining", "zero\u200Bwidth",
			"line\u2028separator\u2029paragraph", "\uFEFFbom", "👨‍👩‍👧‍👦 family", "🇩🇪🇯🇵 flags",
			"tab\tnew\nline \"quoted\" back\\slash", "ｆｕｌｌｗｉｄｔｈ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u0007bell\u001Bescape" };

	private NastyValues() {
	}

	static SimContact apply(SimContact contact, SplittableRandom random) {
		Map<String, @Nullable Object> custom = new LinkedHashMap<>(contact.custom());
		custom.put("190", big(random));
		custom.put("191", NUL);
		custom.put("192", LONE_SURROGATE);
		custom.put("193", DatasetGenerator.pick(random, ODDITIES));
		List<Map<String, @Nullable Object>> notes = new ArrayList<>(contact.notes());
		Map<String, @Nullable Object> note = new LinkedHashMap<>();
		note.put("id", contact.id() * 10L + 9);
		note.put("text", DatasetGenerator.pick(random, ODDITIES) + " " + NUL);
		notes.add(note);
		return new SimContact(contact.id(), contact.uuid(), DatasetGenerator.pick(random, ODDITIES),
				contact.first() + " " + LONE_SURROGATE, contact.last() + "\u0000", contact.email(), contact.phone(),
				custom, contact.teamId(), contact.creatorId(), contact.assignedUserId(), contact.shared(),
				contact.created(), contact.updated(), contact.rev(), contact.op(), contact.tags(), contact.optedOut(),
				notes, contact.extra());
	}

	private static String big(SplittableRandom random) {
		StringBuilder out = new StringBuilder(8192);
		String alphabet = "aé中🙂";
		while (out.length() < 8192) {
			int at = random.nextInt(alphabet.length() - 1);
			out.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
					: alphabet.substring(at, at + 1));
		}
		return out.toString();
	}

}
