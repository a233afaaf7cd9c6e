package io.heymirror.api.webhook;

import io.heymirror.api.TestMirror;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook route's own checks. That an opt-out reaches the mirror is shown against the
 * upstream in {@code WebhookOptOutTests}.
 */
@IntegrationTest
class HeymarketWebhookTests {

	@Autowired
	private JsonMapper json;

	@Autowired
	private RestTestClient client;

	@Test
	void acknowledgesAndIgnoresOtherEventTypesEveryTimeTheyAreDelivered() {
		for (int delivery = 0; delivery < 3; delivery++) {
			EntityExchangeResult<String> result = deliver(TestMirror.resource("webhook-message-received.json"));

			assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(this.json.readTree(result.getResponseBody()).get("status").asString()).isEqualTo("ignored");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			{"type": "target_opt_out", "id": 1, "token": "wrong", "event_data": {"phone": "15105553344"}}
			{"type": "target_opt_out", "id": 1, "event_data": {"phone": "15105553344"}}
			{"type": "target_opt_out", "id": 1, "token": null, "event_data": {"phone": "15105553344"}}
			{"type": "target_opt_out", "id": 1, "token": ["test-webhook-token"], "event_data": {}}
			{"type": "chat_closed", "id": 1, "token": "TEST-WEBHOOK-TOKEN", "event_data": {}}
			{}
			""")
	void refusesAWrongOrMissingTokenWith401(String body) {
		EntityExchangeResult<String> result = deliver(body);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseBody()).contains("https://heymirror.io/problems/unauthorized");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			{"type": "target_opt_out", "token": "test-webhook-token"                       | body
			[]                                                                               | body
			"target_opt_out"                                                                 | body
			{"token": "test-webhook-token", "event_data": {}}                               | type
			{"type": 5, "token": "test-webhook-token", "event_data": {}}                    | type
			{"type": "target_opt_out", "token": "test-webhook-token"}                      | event_data
			{"type": "target_opt_in", "token": "test-webhook-token", "event_data": "x"}    | event_data
			{"type": "target_opt_out", "token": "test-webhook-token", "event_data": {}}    | event_data
			{"type": "target_double_opt_in", "token": "test-webhook-token", "event_data": {"text": "hi"}} | event_data
			""")
	void refusesMalformedDeliveriesWith400(String body, String parameter) {
		EntityExchangeResult<String> result = deliver(body);

		assertThat(result.getStatus()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.json.readTree(result.getResponseBody()).get("parameter").asString()).isEqualTo(parameter);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			{"type": "chat_closed", "id": 1, "token": "test-webhook-token ", "event_data": {}}
			{"type": "chat_closed", "id": 1, "token": " test-webhook-token\\t", "event_data": {}}
			""")
	void trimsThePresentedTokenLikeApiKeys(String body) {
		assertThat(deliver(body).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void refusesBodiesOver64KbBeforeParsingThem() {
		String envelope = "{\"type\": \"chat_closed\", \"token\": \"test-webhook-token\", \"pad\": \"\"}";
		String largest = envelope.replace("\"pad\": \"\"",
				"\"pad\": \"" + "x".repeat(64 * 1024 - envelope.length()) + "\"");
		assertThat(largest).hasSize(64 * 1024);

		assertThat(deliver(largest).getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<String> result = deliver(largest.replace("\"pad\": \"", "\"pad\": \"x"));
		assertThat(result.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(result.getResponseBody()).contains("https://heymirror.io/problems/payload-too-large");
		// not even valid JSON: refused for its size alone, as it is never parsed
		assertThat(deliver("{" + "x".repeat(64 * 1024)).getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	private EntityExchangeResult<String> deliver(String body) {
		return this.client.post()
			.uri("/webhooks/heymarket")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

}
