package io.heymirror.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A secret kept only as its SHA-256 digest. Comparing digests of equal length with
 * {@link MessageDigest#isEqual} takes the same time whatever the presented value, so
 * neither the secret's content nor its length leaks through response timing.
 */
public final class SecretDigest {

	/** A configured secret given as its digest rather than itself. */
	private static final Pattern DIGEST_FORM = Pattern.compile("sha256:([0-9a-fA-F]{64})");

	private final byte[] digest;

	private SecretDigest(byte[] digest) {
		this.digest = digest;
	}

	/** The digest of this secret. */
	public static SecretDigest of(String secret) {
		return new SecretDigest(sha256(secret));
	}

	/**
	 * A configured secret, stripped: {@code sha256:<64 hex digits>} is the digest of the
	 * secret; anything else is the secret itself.
	 */
	public static SecretDigest fromConfigured(String configured) {
		String value = configured.strip();
		var digest = DIGEST_FORM.matcher(value);
		return digest.matches() ? new SecretDigest(HexFormat.of().parseHex(digest.group(1))) : of(value);
	}

	/** Whether the presented value, stripped, is the secret. */
	public boolean matches(String presented) {
		return MessageDigest.isEqual(this.digest, sha256(presented.strip()));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** Whether both are digests of one secret, however each was configured. */
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SecretDigest digest && MessageDigest.isEqual(this.digest, digest.digest);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.digest);
	}

	@Override
	public String toString() {
		return "SecretDigest[****]";
	}

}
