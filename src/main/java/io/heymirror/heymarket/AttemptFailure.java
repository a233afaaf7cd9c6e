package io.heymirror.heymarket;

import org.jspecify.annotations.Nullable;

/**
 * One attempt failed in a way another attempt may cure. Travels through the Reactor
 * pipeline to {@link RetryPolicy}; it never leaves the package (the caller gets a
 * {@link HeymarketException}), so it carries no stack trace.
 *
 * @see Kind
 */
final class AttemptFailure extends RuntimeException {

	enum Kind {

		/** 429, 408 or 5xx. */
		STATUS,

		/** A 200 whose body is not valid JSON. */
		MALFORMED_BODY,

		/** No response: connect or read timeout, reset, premature close. */
		NO_RESPONSE,

		/** A 401 on a JWT that was re-signed: retried at once, and only once per call. */
		TOKEN_RENEWED

	}

	private final Kind kind;

	private final int status;

	private final @Nullable String requestId;

	private final @Nullable String retryAfter;

	AttemptFailure(Kind kind, int status, @Nullable String requestId, @Nullable String retryAfter,
			@Nullable Throwable cause) {
		super(describe(kind, status, cause), cause, false, false);
		this.kind = kind;
		this.status = status;
		this.requestId = requestId;
		this.retryAfter = retryAfter;
	}

	Kind kind() {
		return this.kind;
	}

	/** The HTTP status, 0 when no response arrived. */
	int status() {
		return this.status;
	}

	@Nullable String requestId() {
		return this.requestId;
	}

	/** The {@code Retry-After} header as sent, if any. */
	@Nullable String retryAfter() {
		return this.retryAfter;
	}

	/** True when the next attempt should follow at once rather than after a backoff. */
	boolean immediate() {
		return this.kind == Kind.TOKEN_RENEWED;
	}

	private static String describe(Kind kind, int status, @Nullable Throwable cause) {
		return switch (kind) {
			case STATUS -> "HTTP " + status;
			case MALFORMED_BODY -> "HTTP " + status + " with a body that is not valid JSON";
			case NO_RESPONSE -> "no response (" + ((cause != null) ? rootCause(cause) : "unknown") + ")";
			case TOKEN_RENEWED -> "HTTP 401 on a JWT, re-signed";
		};
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
