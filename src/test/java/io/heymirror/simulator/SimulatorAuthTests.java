package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;

import io.heymirror.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Legacy API key and API-secret JWT, as Heymarket checks them. */
class SimulatorAuthTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final HeymarketSimulator sim = HeymarketSimulator.builder()
		.apiKey("team-key")
		.jwtSecret("secret-1", "s3cr3t")
		.clock(this.clock)
		.contacts(5)
		.build()
		.start();

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void acceptsTheApiKey() {
		assertThat(status("team-key")).isEqualTo(200);
	}

	@Test
	void refusesAWrongKeyOrNoKey() {
		assertThat(status("other-key")).isEqualTo(401);
		SimHttp.Response anonymous = new SimHttp(this.sim, null).post("/v1/contacts/count", "{}");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().get("error").stringValue()).isEqualTo("unauthorized");
		assertThat(this.sim.stats().unauthorized()).isEqualTo(2);
	}

	@Test
	void acceptsAFreshJwt() {
		assertThat(status(HeymarketSimulator.jwt("secret-1", "s3cr3t", this.clock.instant()))).isEqualTo(200);
		assertThat(status(HeymarketSimulator.jwt("secret-1", "s3cr3t", this.clock.instant().minusSeconds(299))))
			.isEqualTo(200);
	}

	@Test
	void refusesAJwtOlderThanFiveMinutes() {
		String token = HeymarketSimulator.jwt("secret-1", "s3cr3t", this.clock.instant());
		this.clock.advance(Duration.ofSeconds(301));
		assertThat(status(token)).isEqualTo(401);
	}

	@Test
	void refusesAJwtSignedWithAnotherKeyOrIssuer() {
		assertThat(status(HeymarketSimulator.jwt("secret-1", "wrong", this.clock.instant()))).isEqualTo(401);
		assertThat(status(HeymarketSimulator.jwt("secret-9", "s3cr3t", this.clock.instant()))).isEqualTo(401);
		assertThat(status("not.a.jwt")).isEqualTo(401);
	}

	@Test
	void acceptsTwoSecretsDuringRotation() {
		this.sim.settings().jwtSecret("secret-2", "n3w");
		assertThat(status(HeymarketSimulator.jwt("secret-1", "s3cr3t", this.clock.instant()))).isEqualTo(200);
		assertThat(status(HeymarketSimulator.jwt("secret-2", "n3w", this.clock.instant()))).isEqualTo(200);
		this.sim.settings().jwtSecrets().remove("secret-1");
		assertThat(status(HeymarketSimulator.jwt("secret-1", "s3cr3t", this.clock.instant()))).isEqualTo(401);
	}

	private int status(String token) {
		return new SimHttp(this.sim, token).post("/v1/contacts/count", "{}").status();
	}

}
