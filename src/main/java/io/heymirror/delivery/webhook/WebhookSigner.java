package io.heymirror.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs deliveries the Standard Webhooks way: {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">} with the secret's key. During a rotation the header carries the
 * signature of each secret, separated by a space, so that a receiver still verifying with
 * the previous secret accepts the delivery.
 */
final class WebhookSigner {

	private static final String ALGORITHM = "HmacSHA256";

	private final List<SecretKeySpec> keys = new ArrayList<>();

	WebhookSigner(String secret, @Nullable String previousSecret) {
		this.keys.add(new SecretKeySpec(WebhookSecret.key(secret), ALGORITHM));
		if (previousSecret != null && !previousSecret.isBlank()) {
			this.keys.add(new SecretKeySpec(WebhookSecret.key(previousSecret), ALGORITHM));
		}
	}

	/** The {@code webhook-signature} header of a delivery. */
	String signature(String id, long timestamp, byte[] body) {
		StringBuilder header = new StringBuilder();
		for (SecretKeySpec key : this.keys) {
			if (!header.isEmpty()) {
				header.append(' ');
			}
			header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body)));
		}
		return header.toString();
	}

	private static byte[] hmac(SecretKeySpec key, String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
