package io.heymirror.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.heymirror.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The rate limit and injected faults. */
class SimulatorFaultTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final HeymarketSimulator sim = HeymarketSimulator.builder()
		.apiKey("k")
		.clock(this.clock)
		.contacts(60)
		.build()
		.start();

	private final SimHttp http = new SimHttp(this.sim, "k");

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void answers429OverTheLimitWithoutRetryAfterByDefault() {
		this.sim.settings().requestsPerMinute(3);
		for (int i = 0; i < 3; i++) {
			assertThat(count().status()).isEqualTo(200);
		}
		SimHttp.Response throttled = count();
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isNull();
		assertThat(throttled.header("X-Request-Id")).isNotBlank();
		assertThat(this.sim.stats().rateLimited()).isEqualTo(1);
	}

	@Test
	void sendsRetryAfterWhenSwitchedOn() {
		this.sim.settings().requestsPerMinute(1).retryAfter(true);
		count();
		this.clock.advance(Duration.ofSeconds(20));
		SimHttp.Response throttled = count();
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.header("Retry-After")).isEqualTo("40");
	}

	@Test
	void theWindowSlides() {
		this.sim.settings().requestsPerMinute(2);
		count();
		this.clock.advance(Duration.ofSeconds(30));
		count();
		assertThat(count().status()).isEqualTo(429);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(count().status()).isEqualTo(200);
		assertThat(count().status()).isEqualTo(429);
	}

	@Test
	void injects503() {
		this.sim.settings().faults().serviceUnavailable(1.0);
		SimHttp.Response response = count();
		assertThat(response.status()).isEqualTo(503);
		assertThat(this.sim.stats().faults(Fault.SERVICE_UNAVAILABLE)).isEqualTo(1);
	}

	@Test
	void injects500WithAnHtmlBody() {
		this.sim.settings().faults().serverErrorHtml(1.0);
		SimHttp.Response response = this.http.v1Response();
		assertThat(response.status()).isEqualTo(500);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).startsWith("<html>");
	}

	@Test
	void injects200WithATruncatedJsonBody() {
		this.sim.settings().faults().truncatedBody(1.0);
		SimHttp.Response response = this.http.v1Response();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.bytes().length));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> JsonMapper.shared().readTree(response.bytes()));
		// a number cut short would still parse, so a truncated number loses its whole
		// body
		this.sim.settings().countFormat(CountFormat.NUMBER);
		assertThat(count().bytes()).isEmpty();
		assertThat(this.sim.stats().faults(Fault.TRUNCATED_BODY)).isEqualTo(2);
	}

	@Test
	void resetsTheConnectionWithoutAnAnswer() throws IOException {
		this.sim.settings().faults().connectionReset(1.0);
		try (Socket socket = new Socket("127.0.0.1", this.sim.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/contacts/count HTTP/1.1\r\nHost: sim\r\nAuthorization: Bearer k\r\n"
					+ "Content-Length: 2\r\n\r\n{}")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			// an RST, not an orderly close (which would read -1)
			assertThatExceptionOfType(SocketException.class).isThrownBy(in::read).withMessageContaining("reset");
		}
		assertThat(this.sim.requestLog().last().status()).isZero();
		assertThat(this.sim.stats().faults(Fault.CONNECTION_RESET)).isEqualTo(1);
	}

	@Test
	void delaysAnswersAndRecordsIt() {
		this.sim.settings().faults().latency(Duration.ofMillis(30));
		assertThat(count().status()).isEqualTo(200);
		assertThat(this.sim.requestLog().last().fault()).isEqualTo(Fault.LATENCY);
		assertThat(this.sim.stats().faults(Fault.LATENCY)).isEqualTo(1);
	}

	@Test
	void faultsRepeatForTheSameSeed() {
		this.sim.settings().faults().serviceUnavailable(0.3).serverErrorHtml(0.2).seed(42);
		List<Integer> first = statuses(20);
		this.sim.settings().faults().seed(42);
		assertThat(statuses(20)).isEqualTo(first).contains(200, 500, 503);
	}

	@Test
	void faultsCanBeLimitedToEndpoints() {
		this.sim.settings().faults().serviceUnavailable(1.0).onlyFor(Endpoint.V1_CONTACTS);
		assertThat(count().status()).isEqualTo(200);
		assertThat(this.http.v1Response().status()).isEqualTo(503);
	}

	private List<Integer> statuses(int requests) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			statuses.add(count().status());
		}
		return statuses;
	}

	private SimHttp.Response count() {
		return this.http.post("/v1/contacts/count", "{}");
	}

}
