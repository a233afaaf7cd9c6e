package io.heymirror.heymarket;

import org.jspecify.annotations.Nullable;

/**
 * An upstream call that failed for good: a non-retryable status (400, 401, 403, ...) or
 * retries exhausted. Carries what an operator needs to find the call in Heymarket's logs,
 * never a credential.
 */
public class HeymarketException extends RuntimeException {

	private final String endpoint;

	private final int status;

	private final @Nullable String requestId;

	public HeymarketException(String message, String endpoint, int status, @Nullable String requestId,
			@Nullable Throwable cause) {
		super(message, cause);
		this.endpoint = endpoint;
		this.status = status;
		this.requestId = requestId;
	}

	/** The endpoint, such as {@code POST /v1/contacts}. */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * The last HTTP status, or 0 when no response arrived (timeout, connection reset).
	 */
	public int getStatus() {
		return this.status;
	}

	/** Upstream's {@code X-Request-Id} of the last response, when sent. */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

}
