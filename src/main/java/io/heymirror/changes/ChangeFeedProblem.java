package io.heymirror.changes;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The change feed's failures as problem details, with the same stable {@code type} URIs
 * and {@code parameter} property as the rest of the data API.
 */
final class ChangeFeedProblem extends ErrorResponseException {

	static final String TYPES = "https://heymirror.io/problems/";

	static final String CURSOR_EXPIRED = TYPES + "cursor-expired";

	private ChangeFeedProblem(HttpStatus status, String type, String detail, @Nullable String parameter) {
		super(status, problem(status, type, detail, parameter), null);
	}

	/** Bad input: a 400 naming the parameter. */
	static ChangeFeedProblem badParameter(String parameter, String detail) {
		return new ChangeFeedProblem(HttpStatus.BAD_REQUEST, TYPES + "bad-request", detail, parameter);
	}

	/**
	 * 410: the cursor's unread entries were purged; the detail says how to start over.
	 */
	static ChangeFeedProblem cursorExpired() {
		return new ChangeFeedProblem(HttpStatus.GONE, CURSOR_EXPIRED,
				"Changes after this cursor were purged by retention before it read them, so following it would miss "
						+ "some. Start over with a snapshot: GET /api/changes?after=latest and keep its 'next', then "
						+ "list every contact (GET /api/contacts, all pages), then follow GET /api/changes?after=<that "
						+ "next>.",
				"after");
	}

	/** 404: the deployment turned the change log off. */
	static ChangeFeedProblem disabled() {
		return new ChangeFeedProblem(HttpStatus.NOT_FOUND, TYPES + "not-found",
				"The change log is turned off in this deployment (heymirror.changes.enabled=false).", null);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String detail, @Nullable String parameter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(type));
		problem.setTitle(status.getReasonPhrase());
		if (parameter != null) {
			problem.setProperty("parameter", parameter);
		}
		return problem;
	}

}
