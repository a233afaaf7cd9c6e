package io.heymirror.api.errors;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of every controller as an RFC 9457 problem detail with a stable
 * {@code type} (see {@link Problems}) and, for bad input, the offending parameter.
 * Unexpected exceptions are logged and answered with a generic 500: their messages may
 * hold internals and never reach the caller.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: String.valueOf(ex.getPropertyName());
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
				"Parameter '" + name + "' must be " + describe(ex.getRequiredType()) + ".");
		problem.setProperty(Problems.PARAMETER, name);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Query parameters bound to a record ({@code @ParameterObject}) that do not convert.
	 */
	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldError error = ex.getBindingResult().getFieldError();
		String name = (error != null) ? error.getField() : "body";
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Parameter '" + name + "' must be "
				+ describe((error != null) ? ex.getBindingResult().getFieldType(name) : null) + ".");
		problem.setProperty(Problems.PARAMETER, name);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
				"Parameter '" + ex.getParameterName() + "' is required.");
		problem.setProperty(Problems.PARAMETER, ex.getParameterName());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
		problem.setProperty(Problems.PARAMETER, "body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem;
		if (body instanceof ProblemDetail detail) {
			problem = detail;
		}
		else if (body == null && ex instanceof ErrorResponse response) {
			problem = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		else {
			problem = ProblemDetail.forStatus(status);
		}
		Problems.complete(problem);
		if (status.is5xxServerError()) {
			log.warn("{} {} answered {}: {}", method(request), route(request), status.value(), Failures.types(ex));
		}
		return super.handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A request declaring a multipart body that is not one fails before any route reads
	 * it; it is the caller's mistake, not the server's.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMalformedMultipart(MultipartException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid multipart data.");
		problem.setProperty(Problems.PARAMETER, "body");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Tomcat refuses a malformed query string (bad percent-encoding, a parameter without
	 * a name) when it is first read, which is inside a route.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleMalformedQuery(InvalidParameterException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
				"The query string is malformed (bad percent-encoding or a parameter without a name).");
		problem.setProperty(Problems.PARAMETER, "query");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The firewall refuses what it finds while a route reads the request (a parameter
	 * name or value it does not allow); the request, not the server, is at fault.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> handleRejected(RequestRejectedException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemResponses.REJECTED);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A statement of the read APIs ran past {@code heymirror.api.query-timeout} and
	 * PostgreSQL cancelled it; the server is busy or the filter too broad, not broken.
	 */
	@ExceptionHandler(QueryTimeoutException.class)
	ResponseEntity<Object> handleQueryTimeout(QueryTimeoutException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "query-timeout",
				"The query took too long and was cancelled; try again, or narrow the filters.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/** The database cannot be reached or has no connection free. */
	@ExceptionHandler(DataAccessResourceFailureException.class)
	ResponseEntity<Object> handleDatabaseUnavailable(DataAccessResourceFailureException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
				"The database is not available right now; try again.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("{} {} failed unexpectedly: {}", method(request), route(request), Failures.withoutMessages(ex));
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be completed; the error is logged.");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	private static String describe(@Nullable Class<?> type) {
		if (type == null) {
			return "valid";
		}
		if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
			return "an integer";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a valid " + type.getSimpleName();
	}

	private static String method(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getMethod() : "?";
	}

	/**
	 * The route template ({@code /api/contacts/by-phone/{phone}}), never the URI: a path
	 * or query may hold a phone or an email.
	 */
	private static String route(WebRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		return (pattern != null) ? pattern.toString() : "(no route)";
	}

}
