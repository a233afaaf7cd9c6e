package io.heymirror.api.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.heymirror.heymarket.Account;
import io.heymirror.mirror.ContactPosition;
import io.heymirror.mirror.StoredContact;
import io.heymirror.mirror.PostgresTimestamps;

/**
 * Where a page of {@code GET /api/contacts} ended: the {@code (updated, account, id)} of
 * its last contact. Callers see it as an opaque base64url token and must not build it. A
 * cursor from before accounts ({@code c1}, without the account) was handed out when every
 * contact was of the account {@code default}, and still reads so.
 *
 * @param updated the last contact's {@code updated}
 * @param account the last contact's account
 * @param id the last contact's id
 */
record ContactCursor(Instant updated, String account, long id) {

	private static final String VERSION = "c2";

	private static final String BEFORE_ACCOUNTS = "c1";

	static ContactCursor after(StoredContact contact) {
		return new ContactCursor(contact.updated(), contact.account(), contact.id());
	}

	ContactPosition position() {
		return new ContactPosition(this.updated, this.account, this.id);
	}

	String encode() {
		String plain = VERSION + "|" + this.updated + "|" + this.account + "|" + this.id;
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
		boolean current = parts.length == 4 && VERSION.equals(parts[0]) && parts[2].matches(Account.NAME_PATTERN);
		boolean old = parts.length == 3 && BEFORE_ACCOUNTS.equals(parts[0]);
		if (!current && !old) {
			throw new IllegalArgumentException("not a cursor");
		}
		try {
			return new ContactCursor(PostgresTimestamps.checkRange(Instant.parse(parts[1])),
					current ? parts[2] : Account.DEFAULT, Long.parseLong(parts[current ? 3 : 2]));
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new IllegalArgumentException("not a cursor", ex);
		}
	}

}
