package io.heymirror.api.errors;

import java.time.Instant;
import java.util.regex.Pattern;

import io.heymirror.mirror.PostgresTimestamps;
import org.jspecify.annotations.Nullable;

/**
 * Checks of caller input shared by the routes. Each failure is a 400 naming the
 * parameter; nothing a caller sends reaches SQL unchecked.
 */
public final class Inputs {

	/** Longer than any phone, email or name worth searching for. */
	public static final int MAX_TEXT = 512;

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");

	private Inputs() {
	}

	/** Stripped text; blank counts as absent. */
	public static @Nullable String text(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_TEXT) {
			throw ApiProblem.badParameter(name, "'" + name + "' is longer than " + MAX_TEXT + " characters.");
		}
		if (value.indexOf('\0') >= 0) {
			// PostgreSQL text cannot hold NUL, so nothing stored can match it
			throw ApiProblem.badParameter(name, "'" + name + "' must not contain NUL characters.");
		}
		return value.strip();
	}

	public static Instant timestamp(String name, String value) {
		try {
			return PostgresTimestamps.parse(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badParameter(name,
					"'" + name + "' must be an RFC 3339 timestamp, such as 2024-06-01T12:00:00Z.");
		}
	}

	public static @Nullable Instant optionalTimestamp(String name, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : timestamp(name, value);
	}

	public static String uuid(String name, String value) {
		if (!UUID.matcher(value).matches()) {
			throw ApiProblem.badParameter(name,
					"'" + name + "' must be a UUID, such as " + "a1b2c3d4-e5f6-7890-abcd-ef1234567890.");
		}
		return value;
	}

	/** A contact id given as text (as {@code POST /v1/contact/get} takes it). */
	public static long id(String name, String value) {
		if (!INTEGER.matcher(value).matches()) {
			throw ApiProblem.badParameter(name, "'" + name + "' must be a contact id (digits).");
		}
		return Long.parseLong(value);
	}

	public static int range(String name, @Nullable Integer value, int fallback, int min, int max) {
		int actual = (value != null) ? value : fallback;
		if (actual < min || actual > max) {
			throw ApiProblem.badParameter(name, "'" + name + "' must be from " + min + " to " + max + ".");
		}
		return actual;
	}

}
