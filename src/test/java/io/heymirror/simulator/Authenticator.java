package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heymarket's two schemes, both as {@code Authorization: Bearer <token>}: a legacy team
 * API key, or an HS256 JWT with payload {@code {"iss": secretId, "iat": seconds}} signed
 * with the UTF-8 bytes of {@code secretId + "||" + secretKey}, valid for 5 minutes after
 * {@code iat}.
 */
final class Authenticator {

	static final long JWT_LIFETIME_SECONDS = 300;

	// tolerated clock skew for an iat slightly in the future
	private static final long FUTURE_SKEW_SECONDS = 30;

	private final SimulatorSettings settings;

	private final Clock clock;

	Authenticator(SimulatorSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** Why the request is refused, or null when it is authorized. */
	@Nullable String refusal(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return "missing Bearer token";
		}
		String token = authorization.substring(7).trim();
		if (this.settings.apiKeys().contains(token)) {
			return null;
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return "invalid API key";
		}
		try {
			return jwtRefusal(parts);
		}
		catch (IllegalArgumentException | JacksonException | GeneralSecurityException ex) {
			return "malformed token";
		}
	}

	private @Nullable String jwtRefusal(String[] parts) throws GeneralSecurityException {
		JsonNode header = JsonMapper.shared().readTree(decode(parts[0]));
		if (!"HS256".equals(header.path("alg").asString(""))) {
			return "unsupported JWT algorithm";
		}
		JsonNode payload = JsonMapper.shared().readTree(decode(parts[1]));
		String issuer = payload.path("iss").asString("");
		String secretKey = this.settings.jwtSecrets().get(issuer);
		if (secretKey == null) {
			return "unknown JWT issuer";
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec((issuer + "||" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
			return "bad JWT signature";
		}
		JsonNode iat = payload.path("iat");
		if (!iat.isNumber()) {
			return "JWT without iat";
		}
		long now = this.clock.instant().getEpochSecond();
		long issuedAt = iat.asLong();
		if (issuedAt > now + FUTURE_SKEW_SECONDS) {
			return "JWT issued in the future";
		}
		if (now > issuedAt + JWT_LIFETIME_SECONDS) {
			return "JWT expired";
		}
		return null;
	}

	private static byte[] decode(String part) {
		return Base64.getUrlDecoder().decode(part.replace("=", ""));
	}

	/** A token as a Heymarket client would sign it (for tests and the demo). */
	static String jwt(String secretId, String secretKey, long issuedAtSeconds) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(("{\"iss\":" + quoted(secretId) + ",\"iat\":" + issuedAtSeconds + "}")
			.getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec((secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
			return header + "." + payload + "." + encoder.encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quoted(String text) {
		StringBuilder out = new StringBuilder();
		Json.writeString(out, text);
		return out.toString();
	}

}
