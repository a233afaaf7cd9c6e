package io.heymirror.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Random, often hostile, values for {@link ApiFuzzTests}. */
class FuzzInputs {

	private static final String[] TEXTS = { "", " ", "0", "-1", "1", "98765", "15105553344", "+15105553344",
			"9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e309", "NaN", "Infinity", "1.5",
			"true", "false", "maybe", "null", "Zoë 日本 😀", "%", "_", "\\", "'", "\"", "'; DROP TABLE contact; --",
			"\u0000", "a\u0000b", "\ud800", "\r\nX-Injected: 1", "..", "../..", "%2e%2e", "/", "x".repeat(600),
			"a1b2c3d4-e5f6-7890-abcd-ef1234567890", "A1B2C3D4-E5F6-7890-ABCD-EF1234567890",
			"a1b2c3d4-e5f6-7890-abcd-ef123456789", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "c1|2024-06-01T12:00:00Z|1",
			"test-webhook-token", "target_opt_out", "chat_closed", "C1@Example.COM" };

	private final Random random;

	FuzzInputs(Random random) {
		this.random = random;
	}

	String pick(String... options) {
		return options[this.random.nextInt(options.length)];
	}

	String text() {
		return switch (this.random.nextInt(6)) {
			case 0 -> timestamp();
			case 1 -> Long.toString(this.random.nextLong());
			case 2 -> cursor();
			case 3 -> randomChars(this.random.nextInt(40));
			default -> TEXTS[this.random.nextInt(TEXTS.length)];
		};
	}

	/** A timestamp, valid or almost. */
	String timestamp() {
		String fraction = (this.random.nextBoolean()) ? ""
				: "." + digits(1 + this.random.nextInt(this.random.nextInt(3) == 0 ? 80 : 12));
		String offset = pick("Z", "z", "+00:00", "-00:00", "+02:00", "-05:30", "+14:00", "+19:00", "+99:99", "", "+2");
		return "%04d-%02d-%02d%s%02d:%02d:%02d%s%s".formatted(this.random.nextInt(10000), this.random.nextInt(14),
				this.random.nextInt(33), pick("T", "t", " ", "_"), this.random.nextInt(26), this.random.nextInt(62),
				this.random.nextInt(62), fraction, offset);
	}

	String cursor() {
		String plain = switch (this.random.nextInt(3)) {
			case 0 -> "c1|" + timestamp() + "|" + this.random.nextLong();
			case 1 -> "c1|" + text() + "|" + text();
			default -> randomChars(20);
		};
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/** A path segment, percent-encoded (encoded slashes and dots included). */
	String segment() {
		return ApiFuzzTests.encode(text()).replace("+", "%20");
	}

	String queryValue(String name) {
		if (this.random.nextInt(20) == 0) {
			return pick("%zz", "%", "%C3", "%C3%28", "%00", "%FF%FE");
		}
		return ApiFuzzTests.encode(name.equals("account") ? account() : text());
	}

	/**
	 * An account name: one that exists (the bound caller's own or another), one that does
	 * not, a near miss, or anything at all.
	 */
	String account() {
		return switch (this.random.nextInt(4)) {
			case 0 -> pick("default", "east", "west");
			case 1 -> pick("nowhere", "EAST", " east ", "east,west", "west ", "a".repeat(41), "x".repeat(600), "",
					"east\u0000", "déjà");
			default -> text();
		};
	}

	byte[] body() {
		String body = switch (this.random.nextInt(20)) {
			case 0 -> "";
			case 1 -> "[".repeat(3000) + "]".repeat(3000);
			case 2 -> "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
			case 3 -> pick("[]", "\"date\"", "42", "true", "null", "{}", "{\"date\": 1e99999}");
			case 4 -> {
				byte[] bytes = new byte[this.random.nextInt(64)];
				this.random.nextBytes(bytes);
				yield new String(bytes, StandardCharsets.ISO_8859_1);
			}
			case 5 -> {
				String valid = object("date", "limit", "page", "ascending", "phone", "id");
				yield valid.substring(0, this.random.nextInt(valid.length()));
			}
			default -> object("date", "limit", "page", "ascending", "phone", "id", "archived", "filter", "");
		};
		return body.getBytes((body.chars().anyMatch((c) -> c > 0x7f) && this.random.nextBoolean())
				? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
	}

	byte[] webhookBody() {
		boolean validToken = this.random.nextBoolean();
		StringBuilder body = new StringBuilder("{");
		// with the valid token only events that do not call Heymarket
		String type = validToken ? pick("message_sent", "message_recieved", "chat_closed", "incoming_call", "", "x")
				: pick("target_opt_out", "target_opt_in", "target_double_opt_in", "target_double_opt_restricted",
						"chat_closed");
		body.append("\"type\": ").append(this.random.nextInt(8) == 0 ? value(1) : quote(type));
		body.append(", \"id\": ").append(value(1));
		body.append(", \"token\": ").append(validToken ? "\"test-webhook-token\"" : value(1));
		if (this.random.nextInt(5) > 0) {
			body.append(", \"event_data\": ").append(object("phone", "target", "contact_id", "contact", "uuid"));
		}
		String text = body.append("}").toString();
		return (this.random.nextInt(10) == 0 ? text.substring(0, this.random.nextInt(text.length())) : text)
			.getBytes(StandardCharsets.UTF_8);
	}

	private String object(String... fields) {
		StringBuilder out = new StringBuilder("{");
		int count = this.random.nextInt(fields.length + 1);
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				out.append(", ");
			}
			out.append(quote(fields[this.random.nextInt(fields.length)])).append(": ").append(value(2));
		}
		return out.append("}").toString();
	}

	private String value(int depth) {
		return switch (this.random.nextInt(depth > 0 ? 9 : 7)) {
			case 0 -> quote(text());
			case 1 -> quote(timestamp());
			case 2 -> Long.toString(this.random.nextLong() % (this.random.nextBoolean() ? 200 : Long.MAX_VALUE));
			case 3 -> pick("1e400", "-0", "0.5", "12345678901234567890123", "30", "100", "101", "-1", "1.0");
			case 4 -> pick("true", "false");
			case 5 -> "null";
			case 6 -> quote(TEXTS[this.random.nextInt(TEXTS.length)]);
			case 7 -> "[" + value(depth - 1) + ", " + value(depth - 1) + "]";
			default -> object("phone", "id", "uuid", "target");
		};
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append("\\u%04x".formatted((int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private String digits(int count) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < count; i++) {
			out.append(this.random.nextInt(10));
		}
		return out.toString();
	}

	private String randomChars(int count) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < count; i++) {
			out.append((char) (this.random.nextInt(3) == 0 ? this.random.nextInt(0x3000)
					: 0x20 + this.random.nextInt(95)));
		}
		return out.toString();
	}

}
