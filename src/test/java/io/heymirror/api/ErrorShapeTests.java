package io.heymirror.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised outside the routes' own handlers (Tomcat, the firewall, an actuator
 * endpoint, a status without a body) are problem details with a stable type, and none
 * names the server's software. Sent over a plain socket client, as a caller would.
 */
@IntegrationTest
class ErrorShapeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource(delimiter = '|', textBlock = """
			GET  | /api/contacts                    | huge-key  | 400 | bad-request
			GET  | /api/contacts;x=1                | test-key  | 400 | bad-request
			GET  | /api/contacts/1;jsessionid=2     | test-key  | 400 | bad-request
			GET  | /api/%2e%2e/actuator/env         | test-key  | 400 | bad-request
			POST | /actuator/sync                   | test-key  | 400 | bad-request
			GET  | /actuator/metrics/no.such.metric | test-key  | 404 | not-found
			GET  | /no/such/route                   | test-key  | 404 | not-found
			PUT  | /api/contacts                    | test-key  | 405 | method-not-allowed
			""")
	void isAProblemWithAStableTypeNamingNoSoftware(String method, String path, String key, int status, String type)
			throws Exception {
		String authorization = "Bearer " + ("huge-key".equals(key) ? "k".repeat(20 * 1024) : key);
		String body = path.equals("/actuator/sync") ? "{\"mode\": \"sideways\"}" : "{}";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", authorization)
				.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://heymirror.io/problems/" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("apache");
		assertThat(response.headers().firstValue("Server")).isEmpty();
	}

}
