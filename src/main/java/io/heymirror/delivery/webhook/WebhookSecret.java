package io.heymirror.delivery.webhook;

import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the HMAC
 * key, which must be 24 to 64 bytes.
 */
final class WebhookSecret {

	static final String PREFIX = "whsec_";

	static final int MIN_KEY_BYTES = 24;

	static final int MAX_KEY_BYTES = 64;

	private WebhookSecret() {
	}

	static boolean isValid(String secret) {
		try {
			int length = key(secret).length;
			return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The HMAC key of a secret.
	 * @throws IllegalArgumentException if it is not {@code whsec_<base64>}
	 */
	static byte[] key(String secret) {
		String text = secret.strip();
		if (!text.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not a whsec_ secret");
		}
		return Base64.getDecoder().decode(text.substring(PREFIX.length()));
	}

}
