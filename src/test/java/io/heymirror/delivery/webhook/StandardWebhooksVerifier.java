package io.heymirror.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification as the Standard Webhooks specification publishes it, written
 * from the specification and independent of the sender's code: the secret's key is the
 * base64 after {@code whsec_}; the signed content is {@code id.timestamp.body}; the
 * header lists space-separated {@code v1,<base64>} signatures, any one of which may match
 * (constant-time comparison); timestamps more than five minutes away are refused.
 */
final class StandardWebhooksVerifier {

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final byte[] key;

	StandardWebhooksVerifier(String secret) {
		if (!secret.startsWith("whsec_")) {
			throw new IllegalArgumentException("not a Standard Webhooks secret");
		}
		this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
	}

	/** Whether a delivery with these headers and body is authentic and fresh. */
	boolean verify(String id, String timestamp, String signatureHeader, String body, Instant now) {
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
			return false;
		}
		byte[] expected = sign(id + "." + timestamp + "." + body);
		for (String signature : signatureHeader.split(" ")) {
			int comma = signature.indexOf(',');
			if (comma < 0 || !signature.substring(0, comma).equals("v1")) {
				continue;
			}
			byte[] given;
			try {
				given = Base64.getDecoder().decode(signature.substring(comma + 1));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (MessageDigest.isEqual(expected, given)) {
				return true;
			}
		}
		return false;
	}

	private byte[] sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
