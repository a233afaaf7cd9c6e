package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The standalone runner's flags. */
class SimulatorMainTests {

	@Test
	void flagsSetTheSwitches() {
		String[] args = { "--port", "0", "--contacts", "50", "--seed", "9", "--api-key", "K", "--jwt-secret", "id:key",
				"--order", "desc", "--date=exclusive", "--precision", "millis", "--page-size", "20", "--v2-max-limit",
				"80", "--v2-over-max", "reject", "--list-uuid", "false", "--count", "number", "--rpm", "1000",
				"--retry-after", "true", "--fault-503", "0.1", "--fault-reset", "0.05", "--latency", "5-10", "--churn",
				"1,2,3,4", "--v1-ascending", "honour", "--tie", "40@2025-06-01T00:00:00Z", "--tie", "35" };
		String[] freshnessSwitches = { "--precision", "nanos", "--date-truncated", "true", "--tie-order", "unstable",
				"--v2-offset", "requested", "--hidden", "0.1", "--list-rev", "false", "--count-lag", "2500",
				"--drain-updates", "3" };
		try (HeymarketSimulator sim = SimulatorMain.parse(freshnessSwitches).build()) {
			SimulatorSettings settings = sim.settings();
			assertThat(settings.precision()).isEqualTo(TimestampPrecision.NANOS);
			assertThat(settings.dateTruncated()).isTrue();
			assertThat(settings.unstableTieOrder()).isTrue();
			assertThat(settings.v2OffsetFromRequestedLimit()).isTrue();
			assertThat(settings.hiddenShare()).isEqualTo(0.1);
			assertThat(settings.listRev()).isFalse();
			assertThat(settings.countLag()).isEqualTo(Duration.ofMillis(2500));
			assertThat(settings.drainUpdates()).isEqualTo(3);
		}
		try (HeymarketSimulator sim = SimulatorMain.parse(args).build()) {
			SimulatorSettings settings = sim.settings();
			assertThat(settings.order()).isEqualTo(ListOrder.DESCENDING);
			assertThat(settings.dateInclusive()).isFalse();
			assertThat(settings.precision()).isEqualTo(TimestampPrecision.MILLIS);
			assertThat(settings.pageSize()).isEqualTo(20);
			assertThat(settings.v2MaxLimit()).isEqualTo(80);
			assertThat(settings.v2RejectOverMax()).isTrue();
			assertThat(settings.listUuid()).isFalse();
			assertThat(settings.countFormat()).isEqualTo(CountFormat.NUMBER);
			assertThat(settings.requestsPerMinute()).isEqualTo(1000);
			assertThat(settings.retryAfter()).isTrue();
			assertThat(settings.v1HonoursAscending()).isTrue();
			assertThat(settings.faults().latencyMax()).isEqualTo(Duration.ofMillis(10));
			assertThat(settings.churnRates()).containsExactly(1, 2, 3, 4);
			assertThat(settings.apiKeys()).containsExactly("K");
			assertThat(settings.jwtSecrets()).containsEntry("id", "key");
			assertThat(sim.dataset().count()).isEqualTo(125);
			assertThat(sim.dataset()
				.all()
				.stream()
				.filter((c) -> c.updated().equals(Instant.parse("2025-06-01T00:00:00Z")))).hasSize(40);
		}
	}

	@Test
	void withoutCredentialsTheDefaultKeyIsAccepted() {
		try (HeymarketSimulator sim = SimulatorMain.parse(new String[] { "--port", "0", "--contacts", "3" })
			.build()
			.start()) {
			assertThat(new SimHttp(sim, SimulatorMain.DEFAULT_API_KEY).post("/v1/contacts/count", "{}").body())
				.isEqualTo("\"3\"");
		}
	}

	@Test
	void unknownFlagsAndBadValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] { "--colour", "red" }));
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] { "--order", "up" }));
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorMain.parse(new String[] { "--port" }));
		assertThat(SimulatorMain.parse(new String[] { "--help" })).isNull();
	}

}
