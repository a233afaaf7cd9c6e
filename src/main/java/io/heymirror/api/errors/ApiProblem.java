package io.heymirror.api.errors;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A failure to report to the caller as a problem detail. The message is meant for the
 * caller: it never carries an internal exception's message.
 */
public final class ApiProblem extends ErrorResponseException {

	private ApiProblem(HttpStatus status, String detail, @Nullable String parameter, @Nullable Throwable cause) {
		super(status, Problems.of(status, detail), cause);
		if (parameter != null) {
			getBody().setProperty(Problems.PARAMETER, parameter);
		}
	}

	/**
	 * Bad input: a 400 naming the parameter (query parameter, path variable or field).
	 */
	public static ApiProblem badParameter(String parameter, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, detail, parameter, null);
	}

	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, detail, null, null);
	}

	/** A caller whose key may not do what it asked. */
	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, detail, null, null);
	}

	public static ApiProblem unauthorized(String detail) {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, detail, null, null);
	}

	public static ApiProblem payloadTooLarge(String detail) {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, detail, "body", null);
	}

	/** Too many requests of a kind; the caller may try again after {@code retryAfter}. */
	public static ApiProblem tooManyRequests(String detail, Duration retryAfter) {
		ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, detail, null, null);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds() + 1)));
		return problem;
	}

	/** Heymarket could not be asked; the cause is logged, never sent. */
	public static ApiProblem upstreamUnavailable(String detail, Throwable cause) {
		return new ApiProblem(HttpStatus.BAD_GATEWAY, detail, null, cause);
	}

}
