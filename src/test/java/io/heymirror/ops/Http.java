package io.heymirror.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to the running application, as an operator's tools make them. */
final class Http {

	/** The key the shared test configuration accepts ({@code heymirror.api.keys}). */
	static final String KEY = "test-key";

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final JsonMapper json;

	Http(int port, JsonMapper json) {
		this.base = "http://localhost:" + port;
		this.json = json;
	}

	Response get(String path, @Nullable String key) {
		return send(request(path, key).GET());
	}

	Response post(String path, String body, @Nullable String key) {
		return send(request(path, key).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path, @Nullable String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), this.json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String body, JsonMapper json) {

		JsonNode tree() {
			return this.json.readTree(this.body);
		}

	}

}
