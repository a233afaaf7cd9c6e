package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BoundaryTests {

	@ParameterizedTest
	@CsvSource({ "2024-06-01T12:00:00Z, 0", "2024-06-01T12:00:00.123Z, 3", "2024-06-01T12:00:00.123456Z, 6",
			"2024-06-01T12:00:00.5+02:00, 1", "2024-06-01T12:00:00.123456789Z, 9" })
	void readsThePrecisionUpstreamWrites(String text, int digits) {
		assertThat(Boundary.digitsOf(text)).isEqualTo(digits);
	}

	@Test
	void asksFromOneTickBelowAtTheBoundarysOwnPrecision() {
		Instant at = Instant.parse("2024-06-01T12:00:00Z");

		assertThat(Boundary.of(at, "2024-06-01T12:00:00Z").justBelow()).isEqualTo("2024-06-01T11:59:59Z");
		assertThat(Boundary.of(at, "2024-06-01T12:00:00.000Z").justBelow()).isEqualTo("2024-06-01T11:59:59.999Z");
		assertThat(Boundary.of(at, "2024-06-01T12:00:00.000000Z").justBelow()).isEqualTo("2024-06-01T11:59:59.999999Z");
	}

	@Test
	void aFinerPrecisionSeenElsewhereNarrowsTheTick() {
		Boundary seconds = Boundary.of(Instant.parse("2024-06-01T12:00:00Z"), "2024-06-01T12:00:00Z");

		Boundary micros = seconds.withDigitsAtLeast(6);

		assertThat(micros.tick()).isEqualTo(Duration.ofNanos(1000));
		assertThat(micros.justBelow()).isEqualTo("2024-06-01T11:59:59.999999Z");
		assertThat(seconds.withDigitsAtLeast(0)).isSameAs(seconds);
	}

	@Test
	void writesOffsetsAsUtc() {
		Instant at = Instant.parse("2024-06-01T10:00:00.5Z");

		assertThat(Boundary.of(at, "2024-06-01T12:00:00.5+02:00").text()).isEqualTo("2024-06-01T10:00:00.5Z");
	}

}
