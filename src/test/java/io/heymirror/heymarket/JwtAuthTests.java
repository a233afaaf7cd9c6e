package io.heymirror.heymarket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.heymirror.support.MutableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The API secret scheme, checked the way Heymarket checks it: the HMAC is recomputed here
 * with javax.crypto from the spec's key, independently of the client's signing code.
 */
class JwtAuthTests {

	private static final Instant START = Instant.parse("2024-06-01T12:00:00.750Z");

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private TestClient test;

	@AfterEach
	void tearDown() {
		if (this.test != null) {
			this.test.close();
		}
	}

	@ParameterizedTest
	@CsvSource({ "id-1, k", "3f1c2a5e-9b7d-4c1e-8a2f-6d5b4c3a2f10, 8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c" })
	void sendsAnHs256JwtSignedWithIdAndKey(String secretId, String secretKey) throws Exception {
		HeymarketClient client = client(secretId, secretKey, new MutableClock(START));
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("1")));

		client.count(null);

		String token = tokens().get(0);
		assertThat(verified(token, secretId, secretKey)).isTrue();
		String[] parts = token.split("\\.");
		assertThat(decode(parts[0])).containsEntry("alg", "HS256");
		assertThat(decode(parts[1])).isEqualTo(Map.of("iss", secretId, "iat", (int) START.getEpochSecond()));
	}

	@Test
	void reusesTheTokenForFourMinutesThenSignsAFreshOne() throws Exception {
		MutableClock clock = new MutableClock(START);
		HeymarketClient client = client("id-1", "key-1", clock);
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("1")));

		client.count(null);
		clock.advance(Duration.ofMinutes(4).minusSeconds(1));
		client.count(null);
		clock.advance(Duration.ofSeconds(2));
		client.count(null);

		List<String> tokens = tokens();
		assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
		assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));
		assertThat(verified(tokens.get(2), "id-1", "key-1")).isTrue();
		assertThat(decode(tokens.get(2).split("\\.")[1])).containsEntry("iat",
				(int) START.plus(Duration.ofMinutes(4).plusSeconds(1)).getEpochSecond());
	}

	@Test
	void renewsTheTokenOnceWhenUpstreamRefusesIt() throws Exception {
		HeymarketClient client = client("id-1", "key-1", new MutableClock(START, Duration.ofSeconds(1)));
		upstream.stubFor(post("/v1/contacts/count").inScenario("expired")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(unauthorized())
			.willSetStateTo("renewed"));
		upstream.stubFor(post("/v1/contacts/count").inScenario("expired")
			.whenScenarioStateIs("renewed")
			.willReturn(okJson("3")));

		assertThat(client.count(null)).isEqualTo(3);

		List<String> tokens = tokens();
		assertThat(tokens).hasSize(2);
		assertThat(tokens.get(1)).isNotEqualTo(tokens.get(0));
		assertThat(verified(tokens.get(1), "id-1", "key-1")).isTrue();
	}

	@Test
	void surfacesASecond401() {
		HeymarketClient client = client("id-1", "key-1", new MutableClock(START, Duration.ofSeconds(1)));
		upstream.stubFor(post("/v1/contacts/count").willReturn(unauthorized().withHeader("X-Request-Id", "r-401")));

		assertThatExceptionOfType(HeymarketException.class).isThrownBy(() -> client.count(null)).satisfies((ex) -> {
			assertThat(ex.getStatus()).isEqualTo(401);
			assertThat(ex.getRequestId()).isEqualTo("r-401");
			assertThat(ex.getMessage()).doesNotContain("key-1").doesNotContain(tokens().get(0));
		});
		assertThat(upstream.getAllServeEvents()).hasSize(2);
	}

	private HeymarketClient client(String secretId, String secretKey, MutableClock clock) {
		this.test = TestClient.at(upstream.baseUrl()).jwt(secretId, secretKey).clock(clock).build();
		return this.test.client;
	}

	/** The bearer tokens sent, oldest first. */
	private static List<String> tokens() {
		return upstream.getAllServeEvents()
			.reversed()
			.stream()
			.map((event) -> event.getRequest().getHeader("Authorization"))
			.peek((header) -> assertThat(header).startsWith("Bearer "))
			.map((header) -> header.substring("Bearer ".length()))
			.toList();
	}

	private static boolean verified(String token, String secretId, String secretKey) throws Exception {
		int lastDot = token.lastIndexOf('.');
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec((secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(expected).equals(token.substring(lastDot + 1));
	}

	private Map<String, Object> decode(String part) {
		return this.json.readValue(Base64.getUrlDecoder().decode(part), new TypeReference<Map<String, Object>>() {
		});
	}

}
