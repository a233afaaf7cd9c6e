package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Timestamp precision and the count endpoint's format. */
class SimulatorFormatsTests {

	private static final Instant TIE = Instant.parse("2025-06-01T12:00:00.123456Z");

	private final HeymarketSimulator sim = HeymarketSimulator.builder()
		.apiKey("k")
		.contacts(200)
		.tieGroup(40, TIE)
		.settings((settings) -> settings.precision(TimestampPrecision.MICROS))
		.build()
		.start();

	private final SimHttp http = new SimHttp(this.sim, "k");

	@AfterEach
	void close() {
		this.sim.close();
	}

	@ParameterizedTest
	@CsvSource({ "SECONDS, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ'",
			"MILLIS, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'",
			"MICROS, '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z'" })
	void timestampsAreWrittenAtTheConfiguredPrecision(TimestampPrecision precision, String pattern) {
		this.sim.settings().precision(precision);
		List<JsonNode> page = this.http.post("/v2/contacts/list", "{\"limit\":100}").contacts();
		assertThat(page).allSatisfy((contact) -> {
			assertThat(contact.get("updated").stringValue()).matches(pattern);
			assertThat(contact.get("created").stringValue()).matches(pattern);
		});
		assertThat(this.sim.dataset().all())
			.allSatisfy((contact) -> assertThat(precision.truncate(contact.updated())).isEqualTo(contact.updated()));
	}

	@Test
	void coarserPrecisionTruncatesStoredTimesIntoRealTies() {
		assertThat(this.sim.dataset().all().stream().filter((c) -> c.updated().equals(TIE))).hasSize(40);
		this.sim.settings().precision(TimestampPrecision.SECONDS);
		Instant second = Instant.parse("2025-06-01T12:00:00Z");
		assertThat(this.sim.dataset().all().stream().filter((c) -> c.updated().equals(second))).hasSize(40);
		List<JsonNode> tie = this.http
			.post("/v2/contacts/list", "{\"date\":\"2025-06-01T12:00:00Z\",\"limit\":40,\"ascending\":true}")
			.contacts();
		assertThat(tie).extracting((contact) -> contact.get("updated").stringValue())
			.containsOnly("2025-06-01T12:00:00Z")
			.hasSize(40);
	}

	@Test
	void countIsAJsonStringByDefault() {
		SimHttp.Response response = this.http.post("/v1/contacts/count", "{}");
		assertThat(response.body()).isEqualTo("\"240\"");
		assertThat(response.json().isString()).isTrue();
	}

	@Test
	void countCanBeAJsonNumber() {
		this.sim.settings().countFormat(CountFormat.NUMBER);
		SimHttp.Response response = this.http.post("/v1/contacts/count", "{}");
		assertThat(response.body()).isEqualTo("240");
		assertThat(response.json().isNumber()).isTrue();
	}

	@Test
	void countWithDateCountsContactsUpdatedSinceIt() {
		Instant from = TIE.minus(Duration.ofDays(30));
		long expected = this.sim.dataset().all().stream().filter((c) -> !c.updated().isBefore(from)).count();
		String date = TimestampPrecision.MICROS.format(from);
		assertThat(this.http.post("/v1/contacts/count", "{\"date\":\"" + date + "\"}").body())
			.isEqualTo("\"" + expected + "\"");
	}

	@Test
	void countAtATieTimeDependsOnTheDateBound() {
		String tie = TimestampPrecision.MICROS.format(TIE);
		long after = this.sim.dataset().all().stream().filter((c) -> c.updated().isAfter(TIE)).count();
		this.sim.settings().countFormat(CountFormat.NUMBER);
		assertThat(this.http.post("/v1/contacts/count", "{\"date\":\"" + tie + "\"}").json().longValue())
			.isEqualTo(after + 40);
		this.sim.settings().dateInclusive(false);
		assertThat(this.http.post("/v1/contacts/count", "{\"date\":\"" + tie + "\"}").json().longValue())
			.isEqualTo(after);
	}

}
