package io.heymirror.heymarket;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Heymarket's recommended scheme: an HS256 JWT with payload {@code {"iss": SECRET_ID,
 * "iat": <unix seconds>}}, signed with the UTF-8 bytes of
 * {@code SECRET_ID + "||" + SECRET_KEY}. Upstream accepts a token for 5 minutes after
 * {@code iat}; it is cached and re-signed after {@link #RENEW_AFTER}, well before that.
 */
final class JwtAuth implements UpstreamAuth {

	static final Duration RENEW_AFTER = Duration.ofMinutes(4);

	private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

	private final String secretId;

	private final HmacSigner signer;

	private final Clock clock;

	private volatile @Nullable Token current;

	JwtAuth(String secretId, String secretKey, Clock clock) {
		this.secretId = secretId;
		this.signer = new HmacSigner((secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8));
		this.clock = clock;
	}

	@Override
	public boolean configured() {
		return true;
	}

	@Override
	public String token() {
		Instant now = this.clock.instant();
		Token token = this.current;
		if (token != null && token.usableAt(now)) {
			return token.value();
		}
		synchronized (this) {
			token = this.current;
			if (token == null || !token.usableAt(now)) {
				token = sign(now);
				this.current = token;
			}
			return token.value();
		}
	}

	@Override
	public boolean renewable() {
		return true;
	}

	@Override
	public synchronized void renew(String rejected) {
		Token token = this.current;
		if (token != null && token.value().equals(rejected)) {
			this.current = null;
		}
	}

	@Override
	public String budgetIdentity() {
		return "secret-id:" + this.secretId;
	}

	private Token sign(Instant now) {
		Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.secretId).issueTime(Date.from(issuedAt)).build();
		SignedJWT jwt = new SignedJWT(HEADER, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the Heymarket JWT", ex);
		}
		return new Token(jwt.serialize(), issuedAt);
	}

	@Override
	public String toString() {
		return "JwtAuth[******]";
	}

	private record Token(String value, Instant issuedAt) {

		boolean usableAt(Instant now) {
			// also re-sign when the clock went backwards past iat
			return !now.isBefore(this.issuedAt) && now.isBefore(this.issuedAt.plus(RENEW_AFTER));
		}

		@Override
		public String toString() {
			return "Token[issuedAt=" + this.issuedAt + "]";
		}

	}

	/**
	 * HMAC-SHA256 with the key exactly as the spec fixes it. Nimbus's own MACSigner
	 * refuses keys under 256 bits, and {@code id||key} may be shorter; padding it would
	 * change the signature.
	 */
	private static final class HmacSigner implements JWSSigner {

		private final SecretKeySpec key;

		private final JCAContext context = new JCAContext();

		HmacSigner(byte[] key) {
			this.key = new SecretKeySpec(key, "HmacSHA256");
		}

		@Override
		public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(this.key);
				return Base64URL.encode(mac.doFinal(signingInput));
			}
			catch (GeneralSecurityException ex) {
				throw new JOSEException("HMAC-SHA256 failed", ex);
			}
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(JWSAlgorithm.HS256);
		}

		@Override
		public JCAContext getJCAContext() {
			return this.context;
		}

	}

}
