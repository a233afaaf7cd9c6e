package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A tiny JSON writer. Hand-written rather than Jackson because the simulator must be able
 * to serve what a strict encoder refuses: lone surrogates and NUL are written as
 * {@code \\uXXXX} escapes, every other non-ASCII character as raw UTF-8.
 */
final class Json {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Json() {
	}

	static byte[] bytes(@Nullable Object value) {
		StringBuilder out = new StringBuilder(256);
		write(out, value);
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	static void write(StringBuilder out, @Nullable Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence text) {
			writeString(out, text);
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			writeObject(out, map);
		}
		else if (value instanceof Collection<?> list) {
			writeArray(out, list);
		}
		else {
			writeString(out, value.toString());
		}
	}

	private static void writeObject(StringBuilder out, Map<?, ?> map) {
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			writeString(out, String.valueOf(entry.getKey()));
			out.append(':');
			write(out, entry.getValue());
		}
		out.append('}');
	}

	private static void writeArray(StringBuilder out, Collection<?> list) {
		out.append('[');
		boolean first = true;
		for (Object element : list) {
			if (!first) {
				out.append(',');
			}
			first = false;
			write(out, element);
		}
		out.append(']');
	}

	static void writeString(StringBuilder out, CharSequence text) {
		out.append('"');
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						escape(out, c);
					}
					else if (Character.isHighSurrogate(c) && i + 1 < length
							&& Character.isLowSurrogate(text.charAt(i + 1))) {
						out.append(c).append(text.charAt(++i));
					}
					else if (Character.isSurrogate(c)) {
						escape(out, c);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static void escape(StringBuilder out, char c) {
		out.append("\\u")
			.append(HEX[(c >> 12) & 0xF])
			.append(HEX[(c >> 8) & 0xF])
			.append(HEX[(c >> 4) & 0xF])
			.append(HEX[c & 0xF]);
	}

}
