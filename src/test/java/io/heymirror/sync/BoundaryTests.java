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
	void keepsThePrecisionUpstreamWrites(String text, int digits) {
		Boundary boundary = Boundary.parse(text);

		assertThat(boundary).isNotNull();
		assertThat(boundary.digits()).isEqualTo(digits);
	}

	@Test
	void asksFromOneTickBelowAtTheBoundarysOwnPrecision() {
		assertThat(Boundary.parse("2024-06-01T12:00:00Z").justBelow()).isEqualTo("2024-06-01T11:59:59Z");
		assertThat(Boundary.parse("2024-06-01T12:00:00.000Z").justBelow()).isEqualTo("2024-06-01T11:59:59.999Z");
		assertThat(Boundary.parse("2024-06-01T12:00:00.000000Z").justBelow()).isEqualTo("2024-06-01T11:59:59.999999Z");
	}

	@Test
	void aNanosecondBoundaryRoundTripsThroughItsText() {
		Boundary boundary = Boundary.parse("2024-06-01T12:00:00.123456789Z");

		assertThat(boundary.at()).isEqualTo(Instant.parse("2024-06-01T12:00:00.123456789Z"));
		assertThat(boundary.text()).isEqualTo("2024-06-01T12:00:00.123456789Z");
		assertThat(boundary.justBelow()).isEqualTo("2024-06-01T12:00:00.123456788Z");
		assertThat(Boundary.parse(boundary.text())).isEqualTo(boundary);
	}

	@Test
	void aFinerPrecisionSeenElsewhereNarrowsTheTick() {
		Boundary seconds = Boundary.parse("2024-06-01T12:00:00Z");

		Boundary micros = seconds.withDigitsAtLeast(6);

		assertThat(micros.tick()).isEqualTo(Duration.ofNanos(1000));
		assertThat(micros.justBelow()).isEqualTo("2024-06-01T11:59:59.999999Z");
		assertThat(seconds.withDigitsAtLeast(0)).isSameAs(seconds);
	}

	@Test
	void writesOffsetsAsUtc() {
		assertThat(Boundary.parse("2024-06-01T12:00:00.5+02:00").text()).isEqualTo("2024-06-01T10:00:00.5Z");
	}

	@Test
	void neverPassesTheCeilingAndStaysOnItsPrecision() {
		Boundary farFuture = Boundary.parse("2099-01-01T00:00:00.250Z");

		Boundary clamped = farFuture.atMost(Instant.parse("2026-03-01T10:00:00.123456Z"));

		assertThat(clamped.text()).isEqualTo("2026-03-01T10:00:00.123Z");
		assertThat(Boundary.parse("2026-01-01T00:00:00Z").atMost(Instant.parse("2026-03-01T00:00:00Z")).text())
			.isEqualTo("2026-01-01T00:00:00Z");
	}

}
