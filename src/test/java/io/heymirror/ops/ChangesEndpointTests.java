package io.heymirror.ops;

import java.util.List;

import io.heymirror.changes.ChangeEvent;
import io.heymirror.delivery.ChangeSink;
import io.heymirror.delivery.Deliveries;
import io.heymirror.delivery.SinkDeliveryException;
import io.heymirror.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The change sinks for operators: the {@code changes} health component (DOWN for a
 * disabled sink, while readiness stays UP), {@code /actuator/changes} and its rewind
 * (full key only; bad input a 400 problem naming {@code to}; an unknown sink 404), the
 * dashboard's JSON and the sink meters.
 */
@IntegrationTest
class ChangesEndpointTests {

	private static final String READ_KEY = "test-read-key";

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Deliveries deliveries;

	@Autowired
	MeterRegistry meters;

	Http http;

	GoneSink sink = new GoneSink();

	@BeforeEach
	void startSink() {
		this.http = new Http(this.port, this.json);
		this.jdbc.sql("TRUNCATE contact_change, contact_change_purge, change_sink").update();
		this.jdbc.sql("""
				INSERT INTO contact_change (account, contact_id, version, operation, data, updated, cause)
				VALUES ('default', 1, 1, 'created', '{"id": 1}', now(), 'walk')""").update();
		this.deliveries.start(this.sink);
	}

	@AfterEach
	void stopSink() {
		this.deliveries.stop(this.sink.name());
	}

	@Test
	void healthListsEachSinkAndIsDownForADisabledOneButReadinessIsNot() {
		await().untilAsserted(() -> assertThat(this.http.get("/actuator/health", Http.KEY)
			.tree()
			.at("/components/changes/details/sinks/ops-gone/state")
			.asString()).isEqualTo("disabled"));

		JsonNode changes = this.http.get("/actuator/health", Http.KEY).tree().at("/components/changes");
		assertThat(changes.get("status").asString()).isEqualTo("DOWN");
		assertThat(changes.at("/details/sinks/ops-gone/kind").asString()).isEqualTo("test");
		assertThat(changes.at("/details/sinks/ops-gone/lastError").asString()).isEqualTo("gone");
		Http.Response readiness = this.http.get("/actuator/health/readiness", null);
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.tree().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void aFullKeyRewindsASinkAndReadsThem() {
		await().until(() -> this.deliveries.status(this.sink.name()).unhealthy());
		this.sink.accept = true;

		Http.Response response = this.http.post("/actuator/changes/ops-gone/rewind", "{\"to\": \"beginning\"}",
				Http.KEY);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.tree().get("state").asString()).isEqualTo("active");
		await().untilAsserted(() -> assertThat(this.sink.delivered).isEqualTo(1));
		JsonNode listed = this.http.get("/actuator/changes", Http.KEY).tree();
		assertThat(listed).singleElement().satisfies((sink) -> {
			assertThat(sink.get("name").asString()).isEqualTo("ops-gone");
			assertThat(sink.get("kind").asString()).isEqualTo("test");
		});
		assertThat(this.http.get("/actuator/sync", Http.KEY).tree().at("/sinks/0/name").asString())
			.as("the dashboard's data")
			.isEqualTo("ops-gone");

		Http.Response skipped = this.http.post("/actuator/changes/ops-gone/rewind", "{\"to\": \"latest\"}", Http.KEY);
		assertThat(skipped.tree().get("lag").asLong()).isZero();
	}

	@Test
	void aReadKeyMayNotRewind() {
		Http.Response response = this.http.post("/actuator/changes/ops-gone/rewind", "{\"to\": \"latest\"}", READ_KEY);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.tree().get("type").asString()).isEqualTo("https://heymirror.io/problems/forbidden");
	}

	@Test
	void badInputIsA400ProblemNamingTo() {
		for (String body : List.of("{}", "{\"to\": \"\"}", "{\"to\": \"not-a-cursor\"}", "{\"to\": 5}")) {
			Http.Response response = this.http.post("/actuator/changes/ops-gone/rewind", body, Http.KEY);

			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.tree().get("type").asString()).isEqualTo("https://heymirror.io/problems/bad-request");
			assertThat(response.tree().get("parameter").asString()).as(body).isEqualTo("to");
		}
	}

	@Test
	void anUnknownSinkOrOperationIsA404Problem() {
		for (String path : List.of("/actuator/changes/nobody/rewind", "/actuator/changes/ops-gone/forward")) {
			Http.Response response = this.http.post(path, "{\"to\": \"latest\"}", Http.KEY);

			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.tree().get("type").asString()).isEqualTo("https://heymirror.io/problems/not-found");
		}
	}

	@Test
	void eachSinkHasItsMeters() {
		await().untilAsserted(() -> assertThat(this.meters.get("heymirror.changes.sink.failed")
			.tags("sink", "ops-gone", "kind", "test")
			.counter()
			.count()).isEqualTo(1));
		assertThat(this.meters.get("heymirror.changes.sink.lag").tags("sink", "ops-gone").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("heymirror.changes.sink.oldest.age").tags("sink", "ops-gone").gauge().value())
			.isNotNegative();
		assertThat(this.meters.find("heymirror.changes.sink.delivered").tags("sink", "ops-gone").counter()).isNotNull();
		assertThat(this.meters.find("heymirror.changes.sink.retried").tags("sink", "ops-gone").counter()).isNotNull();
	}

	/** A sink whose receiver is gone until told to accept. */
	static final class GoneSink implements ChangeSink {

		volatile boolean accept;

		volatile int delivered;

		@Override
		public String name() {
			return "ops-gone";
		}

		@Override
		public String kind() {
			return "test";
		}

		@Override
		public boolean startsAtBeginning() {
			return true;
		}

		@Override
		public boolean accepts(ChangeEvent event) {
			return true;
		}

		@Override
		public void deliver(List<ChangeEvent> events) throws SinkDeliveryException {
			if (!this.accept) {
				throw new SinkDeliveryException("gone", 0, true, null);
			}
			this.delivered += events.size();
		}

	}

}
