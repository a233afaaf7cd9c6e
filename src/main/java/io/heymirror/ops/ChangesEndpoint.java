package io.heymirror.ops;

import java.net.URI;
import java.util.List;

import io.heymirror.delivery.Deliveries;
import io.heymirror.delivery.UnknownSinkException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * {@code /actuator/changes}: the sinks the change feed is pushed to (webhook subscribers,
 * Kafka) and how each is doing; {@code POST /actuator/changes/{sink}/rewind} with
 * {@code {"to": "latest"}}, {@code "beginning"} or a cursor of {@code GET /api/changes}
 * moves a sink's cursor (replay or skip ahead) and makes it active again. Like every
 * actuator route beyond health and info, it takes a full key.
 */
@Component
@Endpoint(id = "changes")
class ChangesEndpoint {

	static final String REWIND = "rewind";

	private static final String TYPES = "https://heymirror.io/problems/";

	private final Deliveries deliveries;

	ChangesEndpoint(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@ReadOperation
	public List<SinkView> sinks() {
		return this.deliveries.statuses().stream().map(SinkView::of).toList();
	}

	/**
	 * Rewinds a sink.
	 * @param sink the sink's name
	 * @param action {@code rewind}
	 * @param to {@code latest}, {@code beginning} or a cursor
	 */
	@WriteOperation
	public SinkView rewind(@Selector String sink, @Selector String action, @Nullable String to) {
		if (!REWIND.equals(action)) {
			throw problem(HttpStatus.NOT_FOUND, "not-found", "No such operation: POST /actuator/changes/{sink}/rewind.",
					null);
		}
		if (to == null || to.isBlank()) {
			throw problem(HttpStatus.BAD_REQUEST, "bad-request",
					"'to' is required: \"latest\", \"beginning\" or a cursor ('next') of GET /api/changes.", "to");
		}
		try {
			return SinkView.of(this.deliveries.rewind(sink, to));
		}
		catch (UnknownSinkException ex) {
			throw problem(HttpStatus.NOT_FOUND, "not-found",
					"No change sink named '" + shown(sink) + "' is configured; GET /actuator/changes lists them.",
					null);
		}
		catch (IllegalArgumentException ex) {
			throw problem(HttpStatus.BAD_REQUEST, "bad-request",
					"'to' must be \"latest\", \"beginning\" or a cursor ('next') of GET /api/changes.", "to");
		}
	}

	private static String shown(String name) {
		String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
		return (printable.length() > 64) ? printable.substring(0, 64) + "..." : printable;
	}

	private static ErrorResponseException problem(HttpStatus status, String type, String detail,
			@Nullable String parameter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPES + type));
		problem.setTitle(status.getReasonPhrase());
		if (parameter != null) {
			problem.setProperty("parameter", parameter);
		}
		return new ErrorResponseException(status, problem, null);
	}

}
