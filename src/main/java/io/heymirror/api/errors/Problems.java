package io.heymirror.api.errors;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable problem {@code type} URIs callers may branch on, one per kind of failure.
 */
public final class Problems {

	public static final String BASE = "https://heymirror.io/problems/";

	/** The property naming the offending request parameter or body field. */
	public static final String PARAMETER = "parameter";

	private Problems() {
	}

	public static URI type(HttpStatusCode status) {
		String slug = switch (status.value()) {
			case 400 -> "bad-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 429 -> "too-many-requests";
			case 431 -> "request-header-fields-too-large";
			case 500 -> "internal-error";
			case 502, 503, 504 -> "upstream-unavailable";
			default -> "http-" + status.value();
		};
		return URI.create(BASE + slug);
	}

	/**
	 * A problem of a kind more specific than its status says, such as a query timeout
	 * among 503s.
	 */
	public static ProblemDetail of(HttpStatusCode status, String slug, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		return complete(problem);
	}

	public static ProblemDetail of(HttpStatusCode status, String detail) {
		return complete(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/** Fills in the stable {@code type} and the standard title where they are missing. */
	public static ProblemDetail complete(ProblemDetail problem) {
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
			problem.setType(type(status));
		}
		if (problem.getTitle() == null) {
			HttpStatus known = HttpStatus.resolve(status.value());
			problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		}
		return problem;
	}

}
