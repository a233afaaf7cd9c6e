package io.heymirror.api;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up with other settings than the shared test context: each test starts (and stops)
 * its own instance on the shared test database.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiStartupTests {

	@Test
	void refusesToStartWithoutAnyKeyNamingTheProperty(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> TestInstances.start("--heymirror.api.keys=", "--heymirror.api.read-keys="))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("heymirror.api.keys"));
		assertThat(output).contains("heymirror.api.keys is empty");
	}

	@Test
	void refusesToStartWithAKeyBoundToAnAccountThatIsConfiguredElsewhereTooInOneLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestInstances.start("--heymirror.accounts.east.api-key=east-upstream",
				"--heymirror.accounts.east.api-keys=sha256:"
						+ "fc069b0497c3706ec975c66f4dd7f0212f35b9d5949721c222fda54c2e4b1e60"));
		assertThat(lines(output, "Invalid configuration: heymirror.accounts.east.api-keys[0] is the same key as "
				+ "heymirror.api.read-keys[1]"))
			.singleElement()
			.asString()
			.doesNotContain("fc069b04");
	}

	@Test
	void openModeServesDataRoutesWithoutAKeyAfterOneWarning(CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestInstances.start("--heymirror.api.keys=",
				"--heymirror.api.open=true", "--heymirror.webhook.token=")) {
			RestTestClient client = TestInstances.client(context);

			client.get().uri("/api/contacts/count").exchange().expectStatus().isOk();
			client.post().uri("/v1/contacts/count").body("{}").exchange().expectStatus().isOk();
			client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
			client.get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").exists();
			// a key that is sent must be valid, and keeps its own scope
			for (String wrong : List.of("Bearer wrong-key", "Bearer ", "Basic dGVzdC1rZXk6")) {
				client.get()
					.uri("/api/contacts/count")
					.header(HttpHeaders.AUTHORIZATION, wrong)
					.exchange()
					.expectStatus()
					.isUnauthorized();
			}
			client.get()
				.uri("/actuator/prometheus")
				.header(HttpHeaders.AUTHORIZATION, "Bearer test-read-key")
				.exchange()
				.expectStatus()
				.isForbidden();
			assertThat(boundAddress(context).isLoopbackAddress()).isTrue();

			EntityExchangeResult<String> webhook = client.post()
				.uri("/webhooks/heymarket")
				.contentType(MediaType.APPLICATION_JSON)
				.body(TestMirror.resource("webhook-target-opt-out.json"))
				.exchange()
				.returnResult(String.class);
			assertThat(webhook.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(webhook.getResponseBody()).contains("https://heymirror.io/problems/not-found");
			for (String account : List.of("default", "nowhere")) {
				EntityExchangeResult<String> route = client.post()
					.uri("/webhooks/heymarket/" + account)
					.contentType(MediaType.APPLICATION_JSON)
					.body(TestMirror.resource("webhook-target-opt-out.json"))
					.exchange()
					.returnResult(String.class);
				assertThat(route.getStatus()).as(account).isEqualTo(HttpStatus.NOT_FOUND);
				assertThat(route.getResponseBody()).as("an account's route answers as the route that is off")
					.isEqualTo(
							webhook.getResponseBody().replace("/webhooks/heymarket", "/webhooks/heymarket/" + account));
			}
		}
		assertThat(lines(output, "every data route is served WITHOUT an API key")).hasSize(1);
		assertThat(lines(output, "Heymarket webhooks are off: heymirror.webhook.token is not set")).hasSize(1);
		assertThat(output).doesNotContain("Using generated security password");
	}

	@Test
	void openModeRefusesToStartAgainstARealHeymarketUnlessToldSoInOneLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestInstances.start("--heymirror.api.keys=", "--heymirror.api.open=true",
				"--heymirror.heymarket.base-url=https://api.heymarket.com",
				"--heymirror.heymarket.api-key=a-real-looking-key"));
		assertThat(lines(output, "heymirror.api.open=true with credentials for api.heymarket.com")).hasSize(1);
		assertThat(output).doesNotContain("a-real-looking-key");
	}

	@Test
	void stopsWithOneLineNamingWhatToRunWhenTheSearchExtensionIsMissing(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestInstances.startAsSchemaOwner("heymirror_no_extension",
				"heymirror_schema_owner", "--heymirror.webhook.token="));
		assertThat(lines(output, "PostgreSQL extension pg_trgm is missing")).singleElement()
			.asString()
			.contains("an administrator must run CREATE EXTENSION IF NOT EXISTS pg_trgm;");
	}

	private static InetAddress boundAddress(ConfigurableApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		return (InetAddress) server.getTomcat().getConnector().getProperty("address");
	}

	private static List<String> lines(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

}
