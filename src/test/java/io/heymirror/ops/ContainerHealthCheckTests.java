package io.heymirror.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The container health check against a stand-in readiness endpoint. */
class ContainerHealthCheckTests {

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void passesWhenReadinessAnswers200() throws IOException {
		assertThat(ContainerHealthCheck.check(serve(200))).isZero();
	}

	@Test
	void failsWhenReadinessAnswers503() throws IOException {
		assertThat(ContainerHealthCheck.check(serve(503))).isEqualTo(1);
	}

	@Test
	void failsWhenNothingListens() throws IOException {
		URI uri = serve(200);
		this.server.stop(0);
		this.server = null;

		assertThat(ContainerHealthCheck.check(uri)).isEqualTo(1);
	}

	@Test
	void asksTheManagementPortThenTheServerPortThen8080() {
		assertThat(ContainerHealthCheck.target(Map.of()))
			.hasToString("http://localhost:8080/actuator/health/readiness");
		assertThat(ContainerHealthCheck.target(Map.of("SERVER_PORT", "9000"))).hasPort(9000);
		assertThat(ContainerHealthCheck.target(Map.of("SERVER_PORT", "9000", "MANAGEMENT_SERVER_PORT", "9001")))
			.hasPort(9001);
	}

	private URI serve(int status) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext(ContainerHealthCheck.PATH, (exchange) -> {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
		return URI.create("http://localhost:" + this.server.getAddress().getPort() + ContainerHealthCheck.PATH);
	}

}
