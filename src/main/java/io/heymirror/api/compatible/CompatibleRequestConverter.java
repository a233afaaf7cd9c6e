package io.heymirror.api.compatible;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.heymirror.api.errors.ApiProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Reads the compatible routes' bodies as Heymarket does: whatever the Content-Type (or
 * none), {@code null} or blank as {@code {}}, unknown fields ignored; and strictly, so
 * that a field of the wrong type is a 400 naming it rather than a silent conversion
 * ({@code "true"} is not a boolean, {@code 5.5} not an integer, {@code false} not a
 * phone). Numbers are accepted where a string is expected, as for {@code id}.
 */
final class CompatibleRequestConverter extends AbstractHttpMessageConverter<CompatibleRequest> {

	/** Far above any body these routes take. */
	static final int MAX_BYTES = 256 * 1024;

	private final JsonMapper json;

	CompatibleRequestConverter(JsonMapper json) {
		super(MediaType.ALL);
		this.json = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(number) -> number.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					(bool) -> bool.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.build();
	}

	@Override
	protected boolean supports(Class<?> type) {
		return CompatibleRequest.class.isAssignableFrom(type);
	}

	@Override
	public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
		return false;
	}

	@Override
	protected CompatibleRequest readInternal(Class<? extends CompatibleRequest> type, HttpInputMessage input)
			throws IOException {
		byte[] bytes;
		try (InputStream in = input.getBody()) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		if (bytes.length > MAX_BYTES) {
			throw ApiProblem.payloadTooLarge("The request body is larger than " + MAX_BYTES + " bytes.");
		}
		JsonNode body = tree(bytes);
		try {
			return this.json.treeToValue(body, type);
		}
		catch (JacksonException ex) {
			throw badField(ex);
		}
	}

	private JsonNode tree(byte[] bytes) {
		JsonNode node;
		try {
			node = this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiProblem.badParameter("body", "The request body is not valid JSON.");
		}
		if (node == null || node.isMissingNode() || node.isNull()) {
			return this.json.createObjectNode();
		}
		if (!node.isObject()) {
			throw ApiProblem.badParameter("body", "The request body must be a JSON object.");
		}
		return node;
	}

	private static ApiProblem badField(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		String field = path.isEmpty() ? null : path.get(0).getPropertyName();
		if (field == null) {
			return ApiProblem.badParameter("body", "The request body does not have the expected fields.");
		}
		Class<?> expected = (ex instanceof MismatchedInputException mismatch) ? mismatch.getTargetType() : null;
		return ApiProblem.badParameter(field, "'" + field + "' must be " + describe(expected) + ".");
	}

	private static String describe(@Nullable Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a string";
	}

	@Override
	protected void writeInternal(CompatibleRequest request, HttpOutputMessage output) {
		throw new UnsupportedOperationException("request bodies are only read");
	}

}
