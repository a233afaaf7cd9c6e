package io.heymirror.ops;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.heymirror.support.IntegrationTest;
import io.heymirror.sync.SyncRunFinished;
import io.heymirror.sync.SyncRunRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Health groups, info and the Prometheus scrape as an operator's tools see them. */
@IntegrationTest
class ActuatorEndpointsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	SyncRunRepository runs;

	@Autowired
	ApplicationEventPublisher events;

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
		this.fixtures.reset();
	}

	@Test
	void readinessIsTheApplicationAndItsDatabaseNotTheSync() {
		Http.Response readiness = this.http.get("/actuator/health/readiness", Http.KEY);

		assertThat(readiness.status()).isEqualTo(200);
		JsonNode health = readiness.tree();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db");
		assertThat(this.http.get("/actuator/health/liveness", null).tree().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void overallHealthHasTheSyncComponentWithDetailsForCallersWithAKey() {
		this.fixtures.synced(this.now.minusSeconds(60), 10, 10, this.now.minusSeconds(90));

		JsonNode health = this.http.get("/actuator/health", Http.KEY).tree();

		JsonNode sync = health.get("components").get("sync");
		assertThat(sync.get("status").asString()).isEqualTo("UNKNOWN");
		JsonNode account = sync.get("details").get("accounts").get("default");
		assertThat(account.get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(account.get("watermark").asString()).isEqualTo(this.now.minusSeconds(90).toString());
		assertThat(account.get("mirrorCount").asLong()).isEqualTo(10);
		assertThat(account.get("upstreamCount").asLong()).isEqualTo(10);
	}

	@Test
	void overallHealthShowsOnlyTheStatusToCallersWithoutAKey() {
		Http.Response response = this.http.get("/actuator/health", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.tree().get("status").asString()).isNotBlank();
		assertThat(response.tree().has("components")).isFalse();
		assertThat(response.tree().has("details")).isFalse();
	}

	@Test
	void infoShowsVersionCommitAndWatermarkToAnyone() {
		this.fixtures.synced(this.now.minusSeconds(60), 10, 10, this.now.minusSeconds(90));

		Http.Response response = this.http.get("/actuator/info", null);

		assertThat(response.status()).isEqualTo(200);
		JsonNode info = response.tree();
		assertThat(info.get("build").get("version").asString()).isNotBlank();
		if (new ClassPathResource("git.properties").exists()) {
			// generated when the build runs in a git checkout
			assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
		}
		assertThat(info.get("sync").get("default").get("watermark").asString())
			.isEqualTo(this.now.minusSeconds(90).toString());
	}

	@Test
	void prometheusScrapeHasTheSyncMetricsAfterARun() {
		this.fixtures.contact(1, this.now.minusSeconds(300), null);
		this.fixtures.contact(2, this.now.minusSeconds(300), null);
		this.fixtures.synced(this.now.minusSeconds(30), 2, 2, this.now.minusSeconds(300));
		long id = this.fixtures.run(OpsFixtures.Run.succeeded(this.now.minusSeconds(50), 2, 0, 0, 2));
		this.events.publishEvent(new SyncRunFinished(this.runs.findById(id).orElseThrow()));

		Http.Response response = this.http.get("/actuator/prometheus", Http.KEY);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body())
			.contains("heymirror_sync_runs_total{account=\"default\",mode=\"incremental\",outcome=\"succeeded\"}")
			.contains("heymirror_sync_contacts_total{account=\"default\",change=\"inserted\"}")
			.contains("heymirror_sync_last_success_age_seconds{account=\"default\"} ")
			.contains("heymirror_mirror_size 2.0")
			.contains("heymirror_sync_completeness{account=\"default\"} 1.0")
			.contains("heymirror_sync_running{account=\"default\"} 0.0");
		assertThat(this.http.get("/actuator/prometheus", null).status()).isEqualTo(401);
	}

	@Test
	void requestsAreMeasuredWithoutSpringSecuritysObservations() {
		assertThat(this.http.get("/api/contacts/1", Http.KEY).status()).isEqualTo(404);

		String scrape = this.http.get("/actuator/prometheus", Http.KEY).body();

		assertThat(scrape).contains("http_server_requests_seconds_count{").doesNotContain("spring_security_");
	}

}
