package io.heymirror.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.heymirror.support.AccountsIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random query parameters, path variables, headers and bodies against every route, with a
 * full key, with a read key and with a key bound to the account {@code east}: none may
 * cause a 5xx or leak an internal message, every error is a problem detail, and whatever
 * account the request names the bound key never gets another account's contacts or learns
 * which accounts exist. Seeds are in the display name; replay or add one with
 * {@code -Dheymirror.fuzz.seed=N}.
 */
@AccountsIntegrationTest
class ApiFuzzTests {

	private static final int CASES_PER_SEED = 800;

	@LocalServerPort
	private int port;

	@Autowired
	private TestMirror mirror;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static Stream<Arguments> seeds() {
		String seed = System.getProperty("heymirror.fuzz.seed");
		Stream<Long> seeds = (seed != null) ? Stream.of(Long.parseLong(seed)) : Stream.of(1L, 2L, 3L, 4L);
		return seeds.flatMap((s) -> Stream.of(Arguments.of(s, "test-key"), Arguments.of(s, "test-read-key"),
				Arguments.of(s, AccountsIntegrationTest.EAST_KEY)));
	}

	@BeforeEach
	void someContacts() {
		this.mirror.clear();
		this.mirror.store(LongStream.rangeClosed(1, 80)
			.mapToObj((id) -> TestMirror.contact(id, "2024-06-01T12:00:%02dZ".formatted(id % 7)))
			.toList());
		mirror.delete(3L, 4L);
		// the same ids in east and west, each account's names its own ("East 5", "West
		// 5")
		for (String account : List.of("east", "west")) {
			this.mirror.storeIn(account, LongStream.rangeClosed(1, 40)
				.mapToObj((id) -> AccountScopingTests.contact(account, id, "2024-06-01T12:00:%02dZ".formatted(id % 7)))
				.toList());
			this.mirror.deleteIn(account, 5L);
		}
	}

	@AfterEach
	void leaveNoContactOfAnAccountOtherContextsDoNotKnow() {
		this.mirror.clear();
	}

	@ParameterizedTest(name = "seed {0}, key {1}")
	@MethodSource("seeds")
	void noInputCausesAServerErrorOrLeaksInternals(long seed, String key) throws Exception {
		Random random = new Random(seed);
		FuzzInputs inputs = new FuzzInputs(random);
		for (int i = 0; i < CASES_PER_SEED; i++) {
			FuzzRequest request = nextRequest(random, inputs, "Bearer " + key);
			HttpRequest.Builder builder;
			try {
				builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + request.target()));
			}
			catch (IllegalArgumentException ex) {
				continue; // not even a URI: nothing a client could send
			}
			request.headers().forEach((header) -> builder.header(header[0], header[1]));
			builder.method(request.method(), (request.body() != null)
					? HttpRequest.BodyPublishers.ofByteArray(request.body()) : HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());

			String replay = "seed %d, key %s, case %d: %s".formatted(seed, key, i, request);
			assertThat(response.statusCode()).as(replay).isLessThan(500);
			if (response.statusCode() >= 400 && !request.method().equals("HEAD")) {
				assertThat(response.headers().firstValue("Content-Type")).as(replay)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(response.body()).as(replay).contains("\"type\":\"https://heymirror.io/problems/");
			}
			if (request.target().startsWith("/actuator/")) {
				continue; // metrics carry exception class names as tags, legitimately
			}
			assertThat(response.body()).as(replay)
				.doesNotContain("Exception")
				.doesNotContain("org.postgresql")
				.doesNotContain("at io.heymirror");
			if (key.equals(AccountsIntegrationTest.EAST_KEY)) {
				assertThat(response.body()).as(replay)
					.doesNotContain("\"account\":\"west\"")
					.doesNotContain("\"account\":\"default\"")
					.doesNotContain("heymirror/west")
					.doesNotContain("heymirror/default")
					.doesNotContain("\"West ")
					.doesNotContain("\"Contact ")
					.doesNotContain("accounts are");
			}
		}
	}

	private static FuzzRequest nextRequest(Random random, FuzzInputs inputs, String key) {
		List<String[]> headers = new ArrayList<>();
		String authorization = switch (random.nextInt(12)) {
			case 0 -> null;
			case 1 -> "Bearer " + inputs.text();
			case 2 -> "Basic " + inputs.text();
			default -> key;
		};
		if (authorization != null && authorization.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			headers.add(new String[] { "Authorization", authorization });
		}
		if (random.nextInt(4) > 0) {
			headers
				.add(new String[] { "Content-Type", inputs.pick("application/json", "application/json; charset=utf-8",
						"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data") });
		}
		if (random.nextInt(4) == 0) {
			String account = inputs.account();
			if (!account.isEmpty() && account.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
				headers.add(new String[] { "Heymirror-Account", account });
			}
		}
		if (random.nextInt(6) == 0) {
			headers.add(new String[] { "Accept", inputs.pick("application/xml", "text/html", "*/*", "application/json",
					"application/problem+json", "image/png") });
		}
		return switch (random.nextInt(17)) {
			case 0 -> new FuzzRequest("GET", "/api/contacts?" + query(random, inputs), headers, null);
			case 1 -> new FuzzRequest("GET", "/api/contacts/count?" + query(random, inputs), headers, null);
			case 2 -> new FuzzRequest("GET", "/api/contacts/" + inputs.segment() + "?" + query(random, inputs), headers,
					null);
			case 3 -> new FuzzRequest("GET", "/api/contacts/by-uuid/" + inputs.segment(), headers, null);
			case 4 -> new FuzzRequest("GET", "/api/contacts/by-phone/" + inputs.segment(), headers, null);
			// never a numeric id: a refresh would call Heymarket
			case 5 -> new FuzzRequest("POST", "/api/contacts/refresh/x" + inputs.segment(), headers, null);
			case 6 -> new FuzzRequest("GET", "/v1/contact/" + inputs.segment(), headers, null);
			case 7 -> new FuzzRequest("GET", "/v2/contact/" + inputs.segment(), headers, null);
			case 8 -> new FuzzRequest("POST", "/v1/contact/get", headers, inputs.body());
			case 9 -> new FuzzRequest("POST", "/v1/contacts", headers, inputs.body());
			case 10 -> new FuzzRequest("POST", "/v2/contacts/list", headers, inputs.body());
			case 11 -> new FuzzRequest("POST", "/v1/contacts/count", headers, inputs.body());
			case 12 -> new FuzzRequest("POST", "/webhooks/heymarket", headers, inputs.webhookBody());
			case 13 -> new FuzzRequest(
					inputs.pick("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET"), inputs.pick("/v1/contacts",
							"/v2/contacts/list", "/api/contacts", "/webhooks/heymarket", "/v1/contact/get"),
					headers, inputs.body());
			case 14 -> new FuzzRequest("GET", "/api/changes?" + changesQuery(random, inputs), headers, null);
			case 15 -> new FuzzRequest("POST",
					"/actuator/changes/" + inputs.segment() + "/" + inputs.pick("rewind", "rewind", inputs.segment()),
					headers, rewindBody(random, inputs));
			default -> new FuzzRequest(
					"GET", "/actuator/" + inputs.pick("health", "info", "metrics", "prometheus",
							"health/" + inputs.segment(), "metrics/" + inputs.segment(), inputs.segment()),
					headers, null);
		};
	}

	private static String query(Random random, FuzzInputs inputs) {
		List<String> parts = new ArrayList<>();
		int count = random.nextInt(5);
		for (int i = 0; i < count; i++) {
			String name = inputs.pick("phone", "email", "q", "optedOut", "updatedSince", "includeDeleted", "limit",
					"cursor", "limit", "cursor", "updatedSince", "unknown", "opted_out", "", "account", "account");
			parts.add(encode(name) + "=" + inputs.queryValue(name));
		}
		return String.join("&", parts);
	}

	/** Parameters of the change feed; {@code wait} never long enough to slow the run. */
	private static String changesQuery(Random random, FuzzInputs inputs) {
		List<String> parts = new ArrayList<>();
		int count = random.nextInt(4);
		for (int i = 0; i < count; i++) {
			String name = inputs.pick("after", "limit", "wait", "after", "unknown", "", "account");
			String value = switch (name) {
				case "wait" -> inputs.pick("", "0", "PT0S", "PT0.05S", "-1", "PT31S", "31", "P1D", "soon", "PT-1S",
						"9999999999999");
				case "after" -> (random.nextInt(4) == 0) ? "latest" : inputs.queryValue(name);
				default -> inputs.queryValue(name);
			};
			parts.add(encode(name) + "=" + value);
		}
		return String.join("&", parts);
	}

	/** A rewind's body: well-formed or not, with a target or not. */
	private static byte[] rewindBody(Random random, FuzzInputs inputs) {
		String to = inputs.pick("latest", "beginning", "", "MTo0OjU6MA", "bGF0ZXN0", "null");
		return switch (random.nextInt(3)) {
			case 0 -> ("{\"to\": \"" + to + "\"}").getBytes(StandardCharsets.UTF_8);
			case 1 ->
				("{\"to\": " + inputs.pick("1", "null", "[]", "{}", "true") + "}").getBytes(StandardCharsets.UTF_8);
			default -> inputs.body();
		};
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/**
	 * One request.
	 *
	 * @param method HTTP method
	 * @param target path and query
	 * @param headers name/value pairs
	 * @param body body, or null
	 */
	record FuzzRequest(String method, String target, List<String[]> headers, byte[] body) {

		@Override
		public String toString() {
			String shownBody = (this.body != null)
					? new String(this.body, 0, Math.min(this.body.length, 300), StandardCharsets.UTF_8) : "";
			return this.method + " " + this.target + " " + this.headers.stream().map((h) -> h[0] + ": " + h[1]).toList()
					+ " " + shownBody;
		}

	}

}
