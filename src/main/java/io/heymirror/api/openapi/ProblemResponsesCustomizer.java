package io.heymirror.api.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the errors each operation can answer, as problem details: clients learn from
 * the document what they will get, not only the happy path. What an operation can fail
 * with follows from its shape (parameters or a body can be bad, a key can be missing, a
 * path can name no contact); an error an operation declares itself is left as it is. An
 * operation that declares no security is public, and says so ({@code security: []}).
 */
class ProblemResponsesCustomizer implements OpenApiCustomizer {

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM, problemSchema());
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (operation.getSecurity() == null) {
				operation.setSecurity(List.of());
			}
			document(path, method, operation);
		}));
	}

	private static void document(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		boolean secured = !operation.getSecurity().isEmpty();
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		if (!parameters.isEmpty() || operation.getRequestBody() != null) {
			add(responses, "400", "Bad input: the problem's 'parameter' names the offending parameter or field.");
		}
		if (secured) {
			add(responses, "401", "No API key, or one that is not configured.");
		}
		if (path.contains("/refresh/") || parameters.stream().anyMatch((p) -> "includeDeleted".equals(p.getName()))) {
			add(responses, "403", "A read key: refreshes and deleted contacts need a full key. Or a key bound to "
					+ "one account named another account.");
		}
		else if (secured) {
			add(responses, "403", "A key bound to one account named another account.");
		}
		if (path.contains("{")) {
			add(responses, "404", "No such contact.");
		}
		if (operation.getRequestBody() != null) {
			add(responses, "413", "The body is larger than this route takes.");
		}
		if (path.contains("/refresh/")) {
			add(responses, "429", "This key's refreshes for the minute, or the refreshes' share of the upstream "
					+ "budget while a sync runs, are used up; see Retry-After.");
			add(responses, "502", "Heymarket could not be asked.");
		}
		if (secured) {
			add(responses, "503",
					"The query took longer than heymirror.api.query-timeout, or the database is " + "not available.");
		}
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				problemContent(response);
			}
		});
	}

	private static void add(ApiResponses responses, String status, String description) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().description(description));
		}
	}

	private static void problemContent(ApiResponse response) {
		if (response.getContent() == null || response.getContent().isEmpty()) {
			response.setContent(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem detail.")
			.properties(Map.of("type",
					new StringSchema().format("uri")
						.description("Stable identifier of the kind of problem, to branch on.")
						.example("https://heymirror.io/problems/bad-request"),
					"title", new StringSchema().description("The HTTP status's phrase."), "status",
					new IntegerSchema().description("The HTTP status."), "detail",
					new StringSchema().description("What went wrong, for a person."), "instance",
					new StringSchema().description("The request path."), "parameter",
					new StringSchema().description("For bad input: the offending parameter or body field.")));
	}

}
