package io.heymirror.api.webhook;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.heymarket.Accounts;
import io.heymirror.api.security.SecretDigest;
import io.heymirror.api.refresh.ContactReference;
import io.heymirror.api.refresh.Refreshes;
import io.heymirror.api.refresh.WebhookRefresh;
import io.heymirror.sync.RefreshOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heymarket's webhook deliveries. Opt-in and opt-out events refresh the affected contact
 * from Heymarket at once (200), so the mirror's opt-out flag is current within seconds
 * rather than at the next scheduled run; when that cannot be done now (the refreshes'
 * share of the upstream budget is spent while a sync runs, others wait before it, or
 * Heymarket cannot be asked) the refresh is queued and done in order (202), never
 * dropped. Other events are acknowledged and ignored. A refresh is idempotent, so
 * repeated deliveries are harmless.
 */
@RestController
@Tag(name = "Webhooks", description = "Receives Heymarket's webhook deliveries.")
public class HeymarketWebhookController {

	public static final String PATH = "/webhooks/heymarket";

	private static final Logger log = LoggerFactory.getLogger(HeymarketWebhookController.class);

	private static final Set<String> OPT_EVENTS = Set.of("target_opt_out", "target_opt_in", "target_double_opt_in",
			"target_double_opt_restricted");

	private final @Nullable SecretDigest token;

	private final Refreshes refreshes;

	private final JsonMapper json;

	HeymarketWebhookController(WebhookProperties properties, Refreshes refreshes, JsonMapper json) {
		this.token = (properties.token() != null) ? SecretDigest.fromConfigured(properties.token()) : null;
		this.refreshes = refreshes;
		this.json = json;
		if (this.token == null) {
			log.info("Heymarket webhooks are off: heymirror.webhook.token is not set, so {} answers 404", PATH);
		}
	}

	@PostMapping(PATH)
	@Operation(summary = "Receive a Heymarket webhook event",
			description = "Authenticated by the token in the body (heymirror.webhook.token). Opt-in and opt-out "
					+ "events refresh the contact from Heymarket now; other events are ignored.",
			requestBody = @RequestBody(description = "Heymarket's webhook payload: type, id, token, event_data.",
					content = @Content(schema = @Schema(implementation = WebhookEvent.class))))
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		if (this.token == null) {
			throw ApiProblem.notFound("Webhooks are not enabled on this server.");
		}
		JsonNode event = JsonBody.read(request, this.json);
		JsonNode presented = event.get("token");
		if (presented == null || !presented.isString() || !this.token.matches(presented.asString())) {
			throw ApiProblem.unauthorized("The webhook token is missing or wrong.");
		}
		JsonNode type = event.get("type");
		if (type == null || !type.isString()) {
			throw ApiProblem.badParameter("type", "'type' must be the event type string.");
		}
		String webhookId = webhookId(event.get("id"));
		if (!OPT_EVENTS.contains(type.asString())) {
			log.debug("Webhook {}: event of another type ignored", webhookId);
			return ResponseEntity.ok(status("ignored"));
		}
		JsonNode data = event.get("event_data");
		if (data == null || !data.isObject()) {
			throw ApiProblem.badParameter("event_data", "'event_data' must be an object.");
		}
		ContactReference reference = ContactReference.find(data)
			.orElseThrow(() -> ApiProblem.badParameter("event_data",
					"'event_data' names no contact (phone, contact_id or UUID)."));
		WebhookRefresh refresh = this.refreshes.onWebhook(Accounts.DEFAULT, reference);
		RefreshOutcome outcome = refresh.outcome();
		if (outcome == null) {
			log.info("Webhook {} event {}: refresh by {} queued", webhookId, type.asString(), reference.kind());
			return ResponseEntity.accepted().body(status("queued"));
		}
		log.info("Webhook {} event {}: contact {} {}", webhookId, type.asString(), outcome.contactId(),
				outcome.result());
		Map<String, Object> answer = status("refreshed");
		answer.put("result", outcome.result().name());
		answer.put("contactId", outcome.contactId());
		return ResponseEntity.ok(answer);
	}

	/** The configuration id for the log; only digits, so nothing else reaches it. */
	private static String webhookId(@Nullable JsonNode id) {
		if (id != null && (id.isIntegralNumber() || id.isString())) {
			String text = id.asString();
			if (text.length() <= 20 && text.chars().allMatch(Character::isDigit)) {
				return text;
			}
		}
		return "?";
	}

	private static Map<String, Object> status(String status) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", status);
		return answer;
	}

	/**
	 * Heymarket's webhook payload, for the API documentation.
	 *
	 * @param type event type
	 * @param id webhook configuration id
	 * @param token verification token
	 * @param eventData event payload
	 */
	@Schema(name = "HeymarketWebhookEvent")
	record WebhookEvent(@Schema(description = "Event type, such as target_opt_out.") String type,
			@Schema(description = "Webhook configuration id.") long id,
			@Schema(description = "The webhook's verification token.") String token,
			@Schema(name = "event_data", type = "object",
					description = "The event's payload; for opt events it names the contact.") Object eventData) {
	}

}
