package io.heymirror.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /actuator/sync} over HTTP, with and without an API key. */
@IntegrationTest
class SyncEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	SyncControl control;

	OpsFixtures fixtures;

	Http http;

	Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	@BeforeEach
	void resetState() {
		this.fixtures = new OpsFixtures(this.jdbc);
		this.fixtures.reset();
		this.http = new Http(this.port, this.json);
	}

	@AfterEach
	void cleanUp() {
		// a run started here must be over before the next test (or class) asks for one
		await().atMost(Duration.ofSeconds(60)).until(() -> !this.control.isSyncingAnywhere());
		this.fixtures.reset();
	}

	@Test
	void readsTheStateAndTheRecentRunsNewestFirst() {
		this.fixtures.synced(this.now.minusSeconds(60), 20_000, 20_000, this.now.minusSeconds(90));
		long first = this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(900), 20_000, 0, 0, 20_000));
		long second = this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(600), 4, 2, 1, 20_003));
		long third = this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(80), 0, 3, 3, 20_000));

		Http.Response response = this.http.get("/actuator/sync", Http.KEY);

		assertThat(response.status()).isEqualTo(200);
		JsonNode sync = response.tree();
		assertThat(sync.get("watermark").asString()).isEqualTo(this.now.minusSeconds(90).toString());
		assertThat(sync.get("lastSuccessAt").asString()).isEqualTo(this.now.minusSeconds(60).toString());
		assertThat(sync.get("upstreamCount").asLong()).isEqualTo(20_000);
		assertThat(sync.get("mirrorCount").asLong()).isEqualTo(20_000);
		assertThat(sync.get("health").get("fresh").asBoolean()).isTrue();
		assertThat(sync.get("health").get("complete").asBoolean()).isTrue();
		assertThat(sync.get("health").get("running").asBoolean()).isFalse();
		assertThat(sync.get("health").get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(sync.get("health").get("scheduled").asBoolean()).isFalse();
		JsonNode runs = sync.get("runs");
		assertThat(runs).hasSize(3);
		assertThat(runs.get(0).get("id").asLong()).isEqualTo(third);
		assertThat(runs.get(1).get("id").asLong()).isEqualTo(second);
		assertThat(runs.get(2).get("id").asLong()).isEqualTo(first);
		assertThat(runs.get(1).get("inserted").asInt()).isEqualTo(4);
		assertThat(runs.get(1).get("mirrorCount").asLong()).isEqualTo(20_003);
		assertThat(runs.get(1).get("outcome").asString()).isEqualTo("SUCCEEDED");
		assertThat(sync.get("byAccount")).as("every account's sync: here default alone").hasSize(1);
		JsonNode only = sync.get("byAccount").get(0);
		assertThat(only.get("account").asString()).isEqualTo("default");
		assertThat(only.get("runs")).isEqualTo(runs);
		assertThat(only.get("health")).isEqualTo(sync.get("health"));
		assertThat(only.get("mirrorCount").asLong()).isEqualTo(20_000);
	}

	/**
	 * With two accounts, {@code byAccount} carries each one's sync and runs, and the
	 * top-level fields stay those of the account shown.
	 */
	@Nested
	@TestPropertySource(properties = "heymirror.accounts.east.api-key=" + TestUpstream.API_KEY)
	class TwoAccounts {

		@LocalServerPort
		int port;

		@Test
		void carriesEveryAccountsSyncAndRunsEachNamingItsAccount() {
			Instant now = SyncEndpointTests.this.now;
			OpsFixtures fixtures = SyncEndpointTests.this.fixtures;
			fixtures.synced(now.minusSeconds(60), 10, 10, now.minusSeconds(90));
			fixtures.synced("east", now.minusSeconds(30), 7, 5, now.minusSeconds(40));
			long defaultRun = fixtures.run(OpsFixtures.Run.succeeded(now.minusSeconds(100), 10, 0, 0, 10));
			long eastFirst = fixtures.run("east", OpsFixtures.Run.succeeded(now.minusSeconds(90), 5, 0, 0, 5));
			long eastSecond = fixtures.run("east", OpsFixtures.Run.succeeded(now.minusSeconds(50), 0, 1, 0, 5));
			Http http = new Http(this.port, SyncEndpointTests.this.json);

			JsonNode sync = http.get("/actuator/sync", Http.KEY).tree();

			assertThat(sync.get("account").asString()).isEqualTo("default");
			assertThat(sync.get("accounts").valueStream().map(JsonNode::asString)).containsExactly("default", "east");
			assertThat(ids(sync.get("runs"))).containsExactly(defaultRun);
			JsonNode byAccount = sync.get("byAccount");
			assertThat(byAccount.valueStream().map((view) -> view.get("account").asString())).containsExactly("default",
					"east");
			JsonNode east = byAccount.get(1);
			assertThat(ids(east.get("runs"))).containsExactly(eastSecond, eastFirst);
			assertThat(east.get("runs").valueStream().map((run) -> run.get("account").asString())).containsOnly("east");
			assertThat(east.get("upstreamCount").asLong()).isEqualTo(7);
			assertThat(east.get("mirrorCount").asLong()).isEqualTo(5);
			assertThat(east.get("health").get("complete").asBoolean()).isFalse();
			assertThat(byAccount.get(0).get("health").get("complete").asBoolean()).isTrue();
			JsonNode shown = http.get("/actuator/sync?account=east&limit=1", Http.KEY).tree();
			assertThat(shown.get("account").asString()).isEqualTo("east");
			assertThat(shown.get("mirrorCount").asLong()).isEqualTo(5);
			assertThat(ids(shown.get("runs"))).containsExactly(eastSecond);
			assertThat(ids(shown.get("byAccount").get(0).get("runs"))).as("limit applies to each account")
				.containsExactly(defaultRun);
		}

		private static List<Long> ids(JsonNode runs) {
			return runs.valueStream().map((run) -> run.get("id").asLong()).toList();
		}

	}

	@Test
	void returnsAsManyRunsAsAskedFor() {
		for (int i = 0; i < 5; i++) {
			this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(100 - i), 1, 0, 0, 1));
		}

		assertThat(this.http.get("/actuator/sync?limit=2", Http.KEY).tree().get("runs")).hasSize(2);
		assertThat(this.http.get("/actuator/sync", Http.KEY).tree().get("runs")).hasSize(5);
	}

	@Test
	void startsAnIncrementalRunForAnEmptyBody() {
		TestUpstream.replace((upstream) -> upstream.seed(71).contacts(25));

		Http.Response response = this.http.post("/actuator/sync", "{}", Http.KEY);

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.tree().get("started").valueStream().map(JsonNode::asString)).containsExactly("default");
		assertThat(response.tree().get("running")).isEmpty();
		assertThat(response.tree().get("mode").asString()).isEqualTo("incremental");
		await().atMost(Duration.ofSeconds(60)).until(() -> runsSucceeded("INCREMENTAL") == 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM contact", Long.class)).isEqualTo(25);
	}

	@Test
	void startsAFullResyncForModeFull() {
		TestUpstream.replace((upstream) -> upstream.seed(72).contacts(10));

		Http.Response response = this.http.post("/actuator/sync", "{\"mode\": \"full\"}", Http.KEY);

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.tree().get("mode").asString()).isEqualTo("full");
		await().atMost(Duration.ofSeconds(60)).until(() -> runsSucceeded("FULL") == 1);
	}

	@Test
	void startsNothingAndSaysSoWhileEveryAccountRunsInAnotherReplica() {
		this.fixtures.lockHeldElsewhere();

		Http.Response response = this.http.post("/actuator/sync", "{}", Http.KEY);

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.tree().get("started")).isEmpty();
		assertThat(response.tree().get("running").valueStream().map(JsonNode::asString)).containsExactly("default");
		assertThat(runsStarted("INCREMENTAL")).isZero();
		this.fixtures.lockReleased();
	}

	@Test
	void refusesAnUnknownAccountWith400() {
		Http.Response response = this.http.post("/actuator/sync", "{\"account\": \"nowhere\"}", Http.KEY);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("'account' must be one of default");
	}

	@Test
	void refusesWith409WhileARunOfTheNamedAccountIsAliveInAnotherReplica() {
		this.fixtures.lockHeldElsewhere();

		Http.Response response = this.http.post("/actuator/sync", "{\"account\": \"default\"}", Http.KEY);

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.tree().get("type").asString()).isEqualTo("https://heymirror.io/problems/conflict");
		assertThat(runsStarted("INCREMENTAL")).isZero();
		assertThat(this.http.get("/actuator/sync", Http.KEY).tree().get("health").get("running").asBoolean()).isTrue();
		this.fixtures.lockReleased();
	}

	@Test
	void rejectsAnUnknownModeWith400() {
		Http.Response response = this.http.post("/actuator/sync", "{\"mode\": \"everything\"}", Http.KEY);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.tree().get("type").asString()).isEqualTo("https://heymirror.io/problems/bad-request");
		assertThat(runsStarted("INCREMENTAL") + runsStarted("FULL")).isZero();
	}

	@Test
	void needsAnApiKeyToReadOrStart() {
		assertThat(this.http.get("/actuator/sync", null).status()).isEqualTo(401);
		assertThat(this.http.get("/actuator/sync", "wrong-key").status()).isEqualTo(401);
		assertThat(this.http.post("/actuator/sync", "{}", null).status()).isEqualTo(401);
		assertThat(runsStarted("INCREMENTAL")).isZero();
	}

	private long runsSucceeded(String mode) {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM sync_run WHERE trigger = 'manual' AND mode = ? AND outcome = 'SUCCEEDED'",
				Long.class, mode);
		return (count != null) ? count : 0;
	}

	private long runsStarted(String mode) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM sync_run WHERE trigger = 'manual' AND mode = ?",
				Long.class, mode);
		return (count != null) ? count : 0;
	}

}
