package io.heymirror.changes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.heymirror.mirror.CompatibleJson;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property that defines the change feed: a consumer that reads the feed from the
 * beginning and applies every event ends with exactly the live mirror, which equals
 * upstream; and so does a consumer that has been following all along. It must hold after
 * a backfill, churn with creations, updates and deletions, a count repair, a full
 * re-sync, webhook refreshes and a crash mid-run (the upgrade of an existing database is
 * {@link ChangeLogUpgradeTests}). Seeds are in the display name; {@code -Plarge} runs
 * more of them on larger datasets.
 */
@IntegrationTest
class ChangeReplayTests {

	private static final boolean LARGE = Boolean.getBoolean("heymirror.test.large");

	@Autowired
	private SyncControl sync;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CompatibleJson compatibleJson;

	@Autowired
	private RestTestClient anonymous;

	@Autowired
	private JsonMapper json;

	private HeymarketSimulator simulator;

	private FeedConsumer follower;

	@BeforeEach
	void emptyMirrorAndLog() {
		this.jdbc.sql("TRUNCATE contact, contact_change, contact_change_purge, sync_run").update();
		this.jdbc.sql("UPDATE shedlock SET lock_until = locked_at").update();
		this.jdbc.sql("DELETE FROM sync_state").update();
	}

	@AfterEach
	void dropCrashTrigger() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS test_crash ON contact").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS test_crash()").update();
		this.jdbc.sql("DROP SEQUENCE IF EXISTS test_crash_count").update();
	}

	static Stream<Long> seeds() {
		return LARGE ? Stream.of(1L, 2L, 3L, 4L, 5L, 6L) : Stream.of(1L, 2L);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void replayingTheFeedFromTheBeginningGivesTheLiveMirrorAfterEveryKindOfChange(long seed) {
		Random random = new Random(seed);
		int size = (LARGE ? 2000 : 250) + random.nextInt(100);
		this.simulator = TestUpstream.replace((builder) -> builder.seed(seed).contacts(size));
		this.follower = new FeedConsumer(this.anonymous, this.json);

		run(SyncMode.INCREMENTAL);
		assertReplayGivesTheMirror("backfill", true);
		assertThat(this.follower.events()).as("the backfill creates every contact").isEqualTo(size);

		churn(random);
		run(SyncMode.INCREMENTAL);
		assertReplayGivesTheMirror("churn", true);

		missedByTheWalk(random);
		run(SyncMode.INCREMENTAL);
		assertThat(causes()).as("the run repaired a count gap").contains("repair");
		assertReplayGivesTheMirror("count repair", true);

		churn(random);
		run(SyncMode.FULL);
		assertThat(causes()).contains("full-resync");
		assertReplayGivesTheMirror("full re-sync", true);

		webhooks(random);
		assertThat(causes()).contains("webhook");
		assertReplayGivesTheMirror("webhook refreshes", true);

		churn(random);
		crashSecondWrite();
		assertThat(this.sync.runNow(SyncMode.INCREMENTAL, "test").getOutcome()).isEqualTo("FAILED");
		assertReplayGivesTheMirror("a crash mid-run", false);
		dropCrashTrigger();
		run(SyncMode.INCREMENTAL);
		assertReplayGivesTheMirror("the run after the crash", true);
	}

	private void run(SyncMode mode) {
		SyncRun run = this.sync.runNow(mode, "test");
		assertThat(run.getOutcome()).as(String.valueOf(run.getError())).isEqualTo("SUCCEEDED");
	}

	private void assertReplayGivesTheMirror(String after, boolean mirrorEqualsUpstream) {
		Map<String, JsonNode> mirror = liveMirror();
		FeedConsumer fresh = new FeedConsumer(this.anonymous, this.json).catchUp();
		assertThat(fresh.contacts()).as("a consumer replaying from the beginning after %s", after).isEqualTo(mirror);
		assertThat(this.follower.catchUp().contacts()).as("a consumer following along, after %s", after)
			.isEqualTo(mirror);
		if (mirrorEqualsUpstream) {
			assertThat(mirror).as("the live mirror after %s", after).isEqualTo(upstream());
		}
	}

	/** Creations, updates and deletions upstream. */
	private void churn(Random random) {
		for (int i = 0; i < 10; i++) {
			this.simulator.dataset().create();
		}
		List<SimContact> all = this.simulator.dataset().all();
		for (int i = 0; i < 15; i++) {
			int id = all.get(random.nextInt(all.size())).id();
			this.simulator.dataset().update(id, (contact) -> contact.withOptedOut(random.nextBoolean()));
		}
		for (int i = 0; i < 6; i++) {
			this.simulator.dataset().delete(all.get(random.nextInt(all.size())).id());
		}
	}

	/**
	 * Contacts the walk cannot see (updated long before the watermark), and deletions:
	 * only the count check and its repair find them.
	 */
	private void missedByTheWalk(Random random) {
		List<SimContact> all = this.simulator.dataset().all();
		for (int i = 0; i < 5; i++) {
			SimContact old = all.get(random.nextInt(all.size() / 3));
			SimContact created = this.simulator.dataset().create();
			this.simulator.dataset().put(created.withTimes(old.created(), old.updated()));
		}
		// deletions apart from the creations (a creation and a deletion in one repair
		// window
		// cancel out in its counts, which only the full reconciliation catches), and of
		// contacts updated long ago (counts are compared up to count-settle before the
		// run)
		for (int i = 0; i < 3; i++) {
			this.simulator.dataset().delete(all.get(all.size() / 2 + random.nextInt(all.size() / 4)).id());
		}
	}

	/** Opt-outs and a deletion upstream, each announced by a Heymarket webhook. */
	private void webhooks(Random random) {
		List<SimContact> all = this.simulator.dataset().all();
		for (int i = 0; i < 4; i++) {
			SimContact contact = all.get(random.nextInt(all.size()));
			this.simulator.dataset().optOut(contact.id());
			deliverWebhook("target_opt_out", "{\"contact_id\": " + contact.id() + "}");
		}
		SimContact gone = all.get(random.nextInt(all.size()));
		this.simulator.dataset().delete(gone.id());
		deliverWebhook("target_opt_out", "{\"contact_id\": " + gone.id() + "}");
	}

	private void deliverWebhook(String type, String eventData) {
		this.anonymous.post()
			.uri("/webhooks/heymarket")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"type\": \"" + type + "\", \"id\": 1, \"token\": \"test-webhook-token\", \"event_data\": "
					+ eventData + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	/**
	 * The second page write of the next run loses its database connection mid-statement.
	 */
	private void crashSecondWrite() {
		this.jdbc.sql("CREATE SEQUENCE test_crash_count").update();
		this.jdbc.sql("""
				CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF nextval('test_crash_count') = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
				    RETURN NEW;
				END $$""").update();
		this.jdbc
			.sql("CREATE TRIGGER test_crash BEFORE INSERT OR UPDATE ON contact FOR EACH STATEMENT "
					+ "EXECUTE FUNCTION test_crash()")
			.update();
	}

	private List<String> causes() {
		return this.jdbc.sql("SELECT DISTINCT cause FROM contact_change").query(String.class).list();
	}

	/**
	 * The live contacts as the compatible routes serve them, by {@code source/subject}.
	 */
	private Map<String, JsonNode> liveMirror() {
		Map<String, JsonNode> live = new TreeMap<>();
		this.jdbc.sql("""
				SELECT id, raw::text AS raw, updated,
				       CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated
				FROM contact WHERE deleted_at IS NULL""").query((rs) -> {
			live.put("heymirror/default/" + rs.getLong("id"),
					this.json.readTree(this.compatibleJson.render(rs.getString("raw"), rs.getString("raw_updated"),
							rs.getObject("updated", java.time.OffsetDateTime.class).toInstant())));
		});
		return live;
	}

	/** Upstream's contacts as Heymarket serves them, by {@code source/subject}. */
	private Map<String, JsonNode> upstream() {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + "/__admin/contacts")).build(),
						HttpResponse.BodyHandlers.ofString());
			Map<String, JsonNode> byKey = new TreeMap<>();
			for (JsonNode contact : this.json.readTree(response.body())) {
				byKey.put("heymirror/default/" + contact.get("id").asLong(), contact);
			}
			return byKey;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
