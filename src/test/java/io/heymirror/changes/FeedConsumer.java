package io.heymirror.changes;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.heymirror.api.ApiClients;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A downstream consumer of {@code GET /api/changes}, as simple as the feed allows: it
 * applies every event blindly (created, updated and restored put {@code data} under
 * ({@code source}, {@code subject}); deleted removes it), and checks on the way that a
 * contact's versions only increase.
 */
final class FeedConsumer {

	private final RestTestClient client;

	private final JsonMapper json;

	private final Map<String, JsonNode> contacts = new TreeMap<>();

	private final Map<String, Long> versions = new HashMap<>();

	private @Nullable String cursor;

	private int events;

	FeedConsumer(RestTestClient anonymous, JsonMapper json) {
		this.client = ApiClients.withKey(anonymous);
		this.json = json;
	}

	/** Reads and applies pages until the feed says there is no more. */
	FeedConsumer catchUp() {
		JsonNode page;
		do {
			page = read(100);
			for (JsonNode event : page.get("changes")) {
				apply(event);
			}
			this.cursor = page.get("next").asString();
		}
		while (page.get("hasMore").asBoolean());
		return this;
	}

	private JsonNode read(int limit) {
		EntityExchangeResult<String> result = this.client.get()
			.uri((uri) -> uri.path("/api/changes")
				.queryParam("limit", limit)
				.queryParamIfPresent("after", java.util.Optional.ofNullable(this.cursor))
				.build())
			.exchange()
			.returnResult(String.class);
		assertThat(result.getStatus()).as(String.valueOf(result.getResponseBody())).isEqualTo(HttpStatus.OK);
		return this.json.readTree(result.getResponseBody());
	}

	private void apply(JsonNode event) {
		this.events++;
		String key = event.get("source").asString() + "/" + event.get("subject").asString();
		long version = event.get("version").asLong();
		Long held = this.versions.put(key, version);
		assertThat(version).as("versions of %s only increase along the feed", key)
			.isGreaterThan((held != null) ? held : 0);
		switch (event.get("type").asString()) {
			case "io.heymirror.contact.created", "io.heymirror.contact.updated", "io.heymirror.contact.restored" ->
				this.contacts.put(key, event.get("data"));
			case "io.heymirror.contact.deleted" -> this.contacts.remove(key);
			default -> throw new AssertionError("Unknown event type in " + event);
		}
	}

	/** The contacts held, by {@code source/subject}. */
	Map<String, JsonNode> contacts() {
		return this.contacts;
	}

	int events() {
		return this.events;
	}

}
