package io.heymirror.mirror;

import java.io.StringWriter;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes text storable in PostgreSQL, which refuses two things valid JSON can carry: the
 * NUL character (in {@code text} and {@code jsonb}) and unpaired UTF-16 surrogates. NUL
 * is stored as the six visible characters {@code \u0000}, an unpaired surrogate as
 * U+FFFD. Everything else is left exactly as upstream sent it.
 */
final class PostgresText {

	private static final String NUL_REPLACEMENT = "\\u0000";

	private final JsonMapper jsonMapper;

	PostgresText(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	static @Nullable String text(@Nullable String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			String replacement = null;
			if (c == 0) {
				replacement = NUL_REPLACEMENT;
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					if (out != null) {
						out.append(c).append(value.charAt(i + 1));
					}
					i++;
					continue;
				}
				replacement = "\uFFFD";
			}
			else if (Character.isLowSurrogate(c)) {
				replacement = "\uFFFD";
			}
			if (replacement != null && out == null) {
				out = new StringBuilder(value.length() + 8).append(value, 0, i);
			}
			if (out != null) {
				if (replacement != null) {
					out.append(replacement);
				}
				else {
					out.append(c);
				}
			}
		}
		return (out != null) ? out.toString() : value;
	}

	/**
	 * The JSON document, rewritten only if it holds something PostgreSQL's jsonb refuses.
	 */
	String json(String json) {
		if (!isSuspect(json)) {
			return json;
		}
		StringWriter out = new StringWriter(json.length() + 16);
		try (JsonParser parser = this.jsonMapper.createParser(json);
				JsonGenerator generator = this.jsonMapper.createGenerator(out)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME) {
					generator.writeName(text(parser.currentName()));
				}
				else if (token == JsonToken.VALUE_STRING) {
					generator.writeString(text(parser.getString()));
				}
				else {
					generator.copyCurrentEventExact(parser);
				}
			}
		}
		return out.toString();
	}

	/**
	 * Whether the text holds a NUL or surrogate escape ({@code \u0000},
	 * {@code \uD800}-{@code \uDFFF}) or a raw NUL or unpaired surrogate: only then is
	 * work needed. A plain loop, as this runs over every stored contact (a regular
	 * expression with alternatives cost a fifth of a sync's write time).
	 */
	static boolean isSuspect(String json) {
		int length = json.length();
		for (int i = 0; i < length; i++) {
			char c = json.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
				i++;
				continue;
			}
			if (c == 0 || Character.isSurrogate(c)) {
				return true;
			}
			if (c == '\\' && i + 3 < length && json.charAt(i + 1) == 'u' && isSuspectEscape(json, i + 2)) {
				return true;
			}
		}
		return false;
	}

	// the four hex digits at from: 0000, or D8..DF followed by any two
	private static boolean isSuspectEscape(String json, int from) {
		char first = json.charAt(from);
		if (first == '0') {
			return json.startsWith("000", from + 1);
		}
		char second = json.charAt(from + 1);
		return (first == 'd' || first == 'D') && ((second >= '8' && second <= '9') || (second >= 'a' && second <= 'f')
				|| (second >= 'A' && second <= 'F'));
	}

}
