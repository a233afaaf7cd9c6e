package io.heymirror.delivery.kafka;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a downstream consumer of the topic rebuilds: it drops events it has already seen
 * (same event id: at-least-once delivery redelivers), applies the rest in each key's
 * order (created, updated and restored put {@code data} under the key, deleted removes
 * it, and so does a tombstone) and checks on the way that a contact's versions only
 * increase.
 */
final class TopicReplay {

	private final JsonMapper json;

	private final Map<String, JsonNode> contacts = new TreeMap<>();

	private final Map<String, Long> versions = new HashMap<>();

	private final Set<String> seen = new HashSet<>();

	private int duplicates;

	TopicReplay(JsonMapper json) {
		this.json = json;
	}

	TopicReplay apply(List<ConsumerRecord<String, String>> records) {
		records.forEach(this::apply);
		return this;
	}

	private void apply(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			this.contacts.remove(record.key());
			return;
		}
		JsonNode event = this.json.readTree(record.value());
		if (!this.seen.add(event.get("id").asString())) {
			this.duplicates++;
			return;
		}
		String key = record.key();
		assertThat(key).isEqualTo(event.get("source").asString().substring("heymirror/".length()) + "/"
				+ event.get("subject").asString());
		long version = event.get("version").asLong();
		Long held = this.versions.put(key, version);
		assertThat(version).as("versions of %s only increase along the topic", key)
			.isGreaterThan((held != null) ? held : 0);
		switch (event.get("type").asString()) {
			case "io.heymirror.contact.created", "io.heymirror.contact.updated", "io.heymirror.contact.restored" ->
				this.contacts.put(key, event.get("data"));
			case "io.heymirror.contact.deleted" -> this.contacts.remove(key);
			default -> throw new AssertionError("Unknown event type in " + record.value());
		}
	}

	/** The contacts held, by record key ({@code <account>/<contact id>}). */
	Map<String, JsonNode> contacts() {
		return this.contacts;
	}

	/** Events received again (same id) and dropped. */
	int duplicates() {
		return this.duplicates;
	}

}
