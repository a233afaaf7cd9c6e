package io.heymirror.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OpenApiTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private JsonMapper json;

	/** Where the document is written for the OpenAPI lint of CI. */
	static final Path DUMP = Path.of("target", "openapi", "api-docs.json");

	@Test
	void documentsEveryRouteParameterAndBodyWithoutAKey() throws IOException {
		byte[] body = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		// for .ci/openapi-lint.sh, which lints the document as clients get it
		Files.createDirectories(DUMP.getParent());
		Files.write(DUMP, body);
		JsonNode docs = this.json.readTree(body);
		JsonNode paths = docs.get("paths");

		assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/contacts", "/api/contacts/count",
				"/api/contacts/{id}", "/api/contacts/by-uuid/{uuid}", "/api/contacts/by-phone/{phone}",
				"/api/contacts/refresh/{id}", "/v1/contact/{id}", "/v1/contact/get", "/v2/contact/{contactID}",
				"/v1/contacts", "/v2/contacts/list", "/v1/contacts/count", "/webhooks/heymarket",
				"/webhooks/heymarket/{account}", "/api/changes");
		List<String> undocumented = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String where = operation.getKey().toUpperCase() + " " + path.getKey();
				JsonNode op = operation.getValue();
				if (op.path("summary").asString("").isBlank()) {
					undocumented.add(where + " summary");
				}
				op.path("parameters").forEach((parameter) -> {
					if (parameter.path("description").asString("").isBlank()) {
						undocumented.add(where + " parameter " + parameter.get("name").asString());
					}
				});
				if (op.has("requestBody") && op.get("requestBody").path("description").asString("").isBlank()) {
					undocumented.add(where + " body");
				}
				if (!op.path("security").isArray()) {
					undocumented.add(where + " security (public operations say security: [])");
				}
				List<String> errors = op.path("responses")
					.propertyNames()
					.stream()
					.filter((status) -> status.startsWith("4"))
					.toList();
				if (errors.isEmpty()) {
					undocumented.add(where + " 4xx response");
				}
				errors.forEach((status) -> {
					if (op.at("/responses/" + status + "/content").isEmpty()) {
						undocumented.add(where + " " + status + " content");
					}
				});
			}
		}
		assertThat(undocumented).isEmpty();
		assertThat(paths.at("/~1api~1contacts/get/parameters").findValuesAsString("name")).containsExactlyInAnyOrder(
				"account", "phone", "email", "q", "optedOut", "updatedSince", "includeDeleted", "limit", "cursor");
		assertThat(docs.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
		assertThat(paths.at("/~1v1~1contacts/post/security").isArray()).isTrue();
		assertThat(paths.at("/~1webhooks~1heymarket/post/security")).isEmpty();
		assertThat(paths.at("/~1webhooks~1heymarket~1{account}/post/security")).isEmpty();
		assertThat(paths.at("/~1api~1contacts~1refresh~1{id}/post/responses").propertyNames()).contains("401", "403",
				"429");
		assertThat(paths.at("/~1api~1contacts~1{id}/get/responses/404/content").propertyNames())
			.containsExactly("application/problem+json");
	}

}
