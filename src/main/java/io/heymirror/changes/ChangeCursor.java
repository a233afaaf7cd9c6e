package io.heymirror.changes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer's place in the change feed: the position it has read up to and the newest
 * purge of the log it knew of when the cursor was issued. The latter is how a cursor
 * learns that a later purge removed entries it had not read. Opaque to consumers: a short
 * URL-safe string.
 *
 * @param position everything up to here has been read
 * @param purge the id of the newest purge recorded when this cursor was issued (0: none)
 */
public record ChangeCursor(ChangePosition position, long purge) {

	private static final Pattern FORMAT = Pattern.compile("1:([0-9]{1,19}):([0-9]{1,19}):([0-9]{1,19})");

	/** The text consumers pass back as {@code after}. */
	public String encode() {
		String plain = "1:" + this.position.txid() + ":" + this.position.seq() + ":" + this.purge;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Reads a cursor this feed issued.
	 * @throws IllegalArgumentException if {@code text} is not one
	 */
	public static ChangeCursor decode(String text) {
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a change feed cursor", ex);
		}
		Matcher matcher = FORMAT.matcher(plain);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a change feed cursor");
		}
		try {
			return new ChangeCursor(
					new ChangePosition(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))),
					Long.parseLong(matcher.group(3)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a change feed cursor", ex);
		}
	}

	@Override
	public String toString() {
		return encode();
	}

}
