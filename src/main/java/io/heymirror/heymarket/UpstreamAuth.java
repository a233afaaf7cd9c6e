package io.heymirror.heymarket;

import java.time.Clock;

/**
 * The bearer token for upstream requests: the legacy API key, or a JWT signed with the
 * API secret. Implementations never expose a credential in {@code toString()}.
 */
sealed interface UpstreamAuth permits ApiKeyAuth, JwtAuth, UpstreamAuth.None {

	/** Whether a scheme is configured at all. */
	boolean configured();

	/** The token for the next request. */
	String token();

	/**
	 * Whether a 401 may be cured by a fresh token (a JWT can be re-signed; a key not).
	 */
	boolean renewable();

	/** Drops {@code rejected} so that the next {@link #token()} is a fresh one. */
	void renew(String rejected);

	/**
	 * What identifies the credential to Heymarket's rate limiter; hashed before it is
	 * stored, never logged.
	 */
	String budgetIdentity();

	static UpstreamAuth from(HeymarketProperties settings, Clock clock) {
		if (settings.apiKey() != null) {
			return new ApiKeyAuth(settings.apiKey());
		}
		if (settings.secretId() != null && settings.secretKey() != null) {
			return new JwtAuth(settings.secretId(), settings.secretKey(), clock);
		}
		return new None();
	}

	/** No credentials: the client exists but every call fails with a clear message. */
	final class None implements UpstreamAuth {

		@Override
		public boolean configured() {
			return false;
		}

		@Override
		public String token() {
			throw new IllegalStateException("no Heymarket credentials configured");
		}

		@Override
		public boolean renewable() {
			return false;
		}

		@Override
		public void renew(String rejected) {
		}

		@Override
		public String budgetIdentity() {
			return "none";
		}

	}

}
