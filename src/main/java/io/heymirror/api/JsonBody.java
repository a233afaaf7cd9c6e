package io.heymirror.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object request body, read with a size cap, and its fields read strictly: a field
 * of the wrong type is a 400 naming it, never a silent default. Absent and {@code null}
 * fields are the same thing.
 */
final class JsonBody {

	/** Far above any body these routes take; a cap, because the webhook is public. */
	static final int MAX_BYTES = 256 * 1024;

	private final ObjectNode body;

	private JsonBody(ObjectNode body) {
		this.body = body;
	}

	/** Reads the request body; an empty body or {@code null} is an empty object. */
	static JsonBody read(HttpServletRequest request, JsonMapper json) throws IOException {
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		if (bytes.length > MAX_BYTES) {
			throw ApiProblem.payloadTooLarge("The request body is larger than " + MAX_BYTES + " bytes.");
		}
		JsonNode node;
		try {
			node = (bytes.length == 0) ? null : json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiProblem.badParameter("body", "The request body is not valid JSON.");
		}
		if (node == null || node.isMissingNode() || node.isNull()) {
			return new JsonBody(json.createObjectNode());
		}
		if (!(node instanceof ObjectNode object)) {
			throw ApiProblem.badParameter("body", "The request body must be a JSON object.");
		}
		return new JsonBody(object);
	}

	JsonNode node() {
		return this.body;
	}

	/** A string (or a number, taken as its text); blank counts as absent. */
	@Nullable String text(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isString() && !value.isIntegralNumber()) {
			throw ApiProblem.badParameter(field, "'" + field + "' must be a string.");
		}
		String text = value.asString().strip();
		return Inputs.text(field, text);
	}

	/** An RFC 3339 timestamp; blank counts as absent. */
	@Nullable Instant timestamp(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw ApiProblem.badParameter(field, "'" + field + "' must be an RFC 3339 timestamp string.");
		}
		return value.asString().isBlank() ? null : Inputs.timestamp(field, value.asString());
	}

	@Nullable Boolean bool(String field) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw ApiProblem.badParameter(field, "'" + field + "' must be true or false.");
		}
		return value.booleanValue();
	}

	@Nullable Integer integer(String field, int min, int max) {
		JsonNode value = value(field);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
			throw ApiProblem.badParameter(field, "'" + field + "' must be an integer from " + min + " to " + max + ".");
		}
		return value.intValue();
	}

	private @Nullable JsonNode value(String field) {
		JsonNode value = this.body.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

}
