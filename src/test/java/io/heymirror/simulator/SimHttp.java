package io.heymirror.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare JDK HTTP client for the simulator tests: real HTTP, no Spring. */
final class SimHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	private final @Nullable String authorization;

	SimHttp(HeymarketSimulator simulator, @Nullable String token) {
		this.baseUrl = simulator.baseUrl();
		this.authorization = (token != null) ? "Bearer " + token : null;
	}

	Response get(String path) {
		return send("GET", path, null);
	}

	Response post(String path, String json) {
		return send("POST", path, json);
	}

	/** The contacts of a {@code /v1/contacts} page; {@code date} may be null. */
	List<JsonNode> v1(@Nullable String date) {
		return post("/v1/contacts", (date != null) ? "{\"date\":\"" + date + "\"}" : "{}").contacts();
	}

	Response v1Response() {
		return post("/v1/contacts", "{}");
	}

	Response send(String method, String path, @Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		try {
			HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, HttpHeaders headers, byte[] bytes) {

		String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JsonMapper.shared().readTree(this.bytes);
		}

		List<JsonNode> contacts() {
			if (this.status != 200) {
				throw new IllegalStateException("status " + this.status + ": " + body());
			}
			List<JsonNode> contacts = new ArrayList<>();
			json().forEach(contacts::add);
			return contacts;
		}

		@Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
