package io.heymirror.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.mirror.LiveContactCount;
import io.heymirror.simulator.HeymarketSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds sync runners with per-test settings from the shared context's real parts, resets
 * the mirror between tests, and reads both sides for comparison.
 */
@TestComponent
public class SyncHarness {

	private final HeymarketClient client;

	private final ContactRepository contacts;

	private final ContactDeletions deletions;

	private final LiveContactCount live;

	private final SyncStateStore state;

	private final SyncRunRepository runs;

	private final CheckpointWriter writer;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final JdbcClient jdbcClient;

	SyncHarness(HeymarketClient client, ContactRepository contacts, ContactDeletions deletions, LiveContactCount live,
			SyncStateStore state, SyncRunRepository runs, CheckpointWriter writer, TransactionTemplate transaction,
			Clock clock, ApplicationEventPublisher events, JdbcTemplate jdbc, JdbcClient jdbcClient, JsonMapper json) {
		this.client = client;
		this.contacts = contacts;
		this.deletions = deletions;
		this.live = live;
		this.state = state;
		this.runs = runs;
		this.writer = writer;
		this.jdbcClient = jdbcClient;
		this.transaction = transaction;
		this.clock = clock;
		this.events = events;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The defaults, but windows end (and shortfalls are counted again) a second back. */
	static SyncProperties properties(SyncProperties.Strategy strategy) {
		return properties(strategy, Duration.ofDays(1), 100_000, Duration.ofSeconds(1));
	}

	static SyncProperties properties(SyncProperties.Strategy strategy, Duration reconcileInterval, int maxDrainPages,
			Duration countSettle) {
		return new SyncProperties(false, Duration.ofMinutes(5), strategy, reconcileInterval, null, 100, maxDrainPages,
				300, Duration.ofMinutes(1), Duration.ofSeconds(10), countSettle, Duration.ofMinutes(5), 4);
	}

	SyncRunner runner(SyncProperties properties) {
		return new SyncRunner(Account.DEFAULT, this.client, this.contacts, this.deletions, this.live, this.state,
				this.runs, this.writer, properties, this.transaction, this.jdbcClient, this.clock, this.events);
	}

	SyncRun run(SyncProperties.Strategy strategy, SyncMode mode) {
		return run(properties(strategy), mode, () -> false);
	}

	SyncRun run(SyncProperties properties, SyncMode mode, BooleanSupplier stop) {
		return runner(properties).run(mode, "test", stop, (run, tally, from) -> {
		});
	}

	/** An empty mirror, a fresh sync state, no history, no lock. */
	void resetMirror() {
		this.jdbc.execute("TRUNCATE contact, sync_run");
		// expire locks rather than delete them: ShedLock remembers which lock rows exist
		this.jdbc.execute("UPDATE shedlock SET lock_until = locked_at");
		this.jdbc.update("DELETE FROM sync_state");
	}

	SyncState state() {
		return this.state.load(Account.DEFAULT);
	}

	/** Upstream's contacts as served (full JSON, uuid included), by id. */
	Map<Long, JsonNode> upstream(HeymarketSimulator simulator) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/__admin/contacts")).build(),
						HttpResponse.BodyHandlers.ofString());
			Map<Long, JsonNode> byId = new HashMap<>();
			for (JsonNode contact : this.json.readTree(response.body())) {
				byId.put(contact.get("id").asLong(), contact);
			}
			return byId;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The live mirror's raw JSON, by id. */
	Map<Long, JsonNode> mirror() {
		Map<Long, JsonNode> byId = new HashMap<>();
		this.jdbc.query("SELECT id, raw::text FROM contact WHERE deleted_at IS NULL",
				(RowCallbackHandler) (row) -> byId.put(row.getLong(1), this.json.readTree(row.getString(2))));
		return byId;
	}

	/** Upstream as the list endpoints serve it: without uuid when lists leave it out. */
	static Map<Long, JsonNode> withoutUuid(Map<Long, JsonNode> contacts) {
		Map<Long, JsonNode> copy = new HashMap<>();
		contacts.forEach((id, node) -> {
			ObjectNode object = ((ObjectNode) node).deepCopy();
			object.remove("uuid");
			copy.put(id, object);
		});
		return copy;
	}

	long liveCount() {
		return this.contacts.countByDeletedAtIsNull();
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
