package io.heymirror.api.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.heymirror.mirror.ContactPosition;
import io.heymirror.mirror.StoredContact;
import io.heymirror.mirror.PostgresTimestamps;

/**
 * Where a page of {@code GET /api/contacts} ended: the {@code (updated, id)} of its last
 * contact. Callers see it as an opaque base64url token and must not build it.
 *
 * @param updated the last contact's {@code updated}
 * @param id the last contact's id
 */
record ContactCursor(Instant updated, long id) {

	private static final String VERSION = "c1";

	static ContactCursor after(StoredContact contact) {
		return new ContactCursor(contact.updated(), contact.id());
	}

	ContactPosition position() {
		return new ContactPosition(this.updated, this.id);
	}

	String encode() {
		String plain = VERSION + "|" + this.updated + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a token made by {@link #encode()}.
	 * @throws IllegalArgumentException if it is not one
	 */
	static ContactCursor decode(String token) {
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not base64url", ex);
		}
		String[] parts = plain.split("\\|", -1);
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			throw new IllegalArgumentException("not a cursor");
		}
		try {
			return new ContactCursor(PostgresTimestamps.checkRange(Instant.parse(parts[1])), Long.parseLong(parts[2]));
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new IllegalArgumentException("not a cursor", ex);
		}
	}

}
