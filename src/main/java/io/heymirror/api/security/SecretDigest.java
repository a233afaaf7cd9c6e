package io.heymirror.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret kept only as its SHA-256 digest. Comparing digests of equal length with
 * {@link MessageDigest#isEqual} takes the same time whatever the presented value, so
 * neither the secret's content nor its length leaks through response timing.
 */
public final class SecretDigest {

	private final byte[] digest;

	public SecretDigest(String secret) {
		this.digest = sha256(secret);
	}

	public boolean matches(String presented) {
		return MessageDigest.isEqual(this.digest, sha256(presented));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	@Override
	public String toString() {
		return "SecretDigest[****]";
	}

}
