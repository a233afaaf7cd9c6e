package io.heymirror.api.webhook;

import java.io.IOException;
import java.io.InputStream;

import io.heymirror.api.errors.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A webhook delivery's body as a JSON object, read with a size cap: the route is public,
 * so a body is measured before it is parsed. An empty body or {@code null} is an empty
 * object.
 */
final class JsonBody {

	/**
	 * Far above any delivery Heymarket sends; a cap, because the route is public and a
	 * body costs memory and parsing before its token can be checked.
	 */
	static final int MAX_BYTES = 64 * 1024;

	private JsonBody() {
	}

	static ObjectNode read(HttpServletRequest request, JsonMapper json) throws IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			throw tooLarge();
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		if (bytes.length > MAX_BYTES) {
			// a body sent without a length is read no further than the cap
			throw tooLarge();
		}
		JsonNode node;
		try {
			node = (bytes.length == 0) ? null : json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiProblem.badParameter("body", "The request body is not valid JSON.");
		}
		if (node == null || node.isMissingNode() || node.isNull()) {
			return json.createObjectNode();
		}
		if (!(node instanceof ObjectNode object)) {
			throw ApiProblem.badParameter("body", "The request body must be a JSON object.");
		}
		return object;
	}

	private static ApiProblem tooLarge() {
		return ApiProblem.payloadTooLarge("The request body is larger than " + MAX_BYTES + " bytes.");
	}

}
