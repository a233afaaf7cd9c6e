package io.heymirror.api.webhook;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.refresh.ContactReference;
import io.heymirror.api.refresh.Refreshes;
import io.heymirror.api.refresh.WebhookRefresh;
import io.heymirror.api.security.SecretDigest;
import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.AccountsProperties;
import io.heymirror.heymarket.HeymarketAccounts;
import io.heymirror.sync.RefreshOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heymarket's webhook deliveries, one route per account:
 * {@code /webhooks/heymarket/{account}} with the account's own token, and
 * {@code /webhooks/heymarket} for {@code default}. Opt-in and opt-out events refresh the
 * affected contact of that account from Heymarket at once (200), so the mirror's opt-out
 * flag is current within seconds rather than at the next scheduled run; when that cannot
 * be done now (the refreshes' share of the account's upstream budget is spent while a
 * sync of it runs, others wait before it, or Heymarket cannot be asked) the refresh is
 * queued and done in order (202), never dropped. Other events are acknowledged and
 * ignored. A refresh is idempotent, so repeated deliveries are harmless.
 */
@RestController
@Tag(name = "Webhooks", description = "Receives Heymarket's webhook deliveries.")
public class HeymarketWebhookController {

	/**
	 * Every webhook route, as a pattern: {@code /webhooks/heymarket} and
	 * {@code /webhooks/heymarket/{account}}. They are public: each delivery carries its
	 * own token.
	 */
	public static final String PATH = "/webhooks/heymarket/**";

	/** The route of the account {@code default}, as Heymarket was first pointed at. */
	static final String ROUTE = "/webhooks/heymarket";

	/** The route of one account. */
	static final String ACCOUNT_ROUTE = ROUTE + "/{account}";

	private static final Logger log = LoggerFactory.getLogger(HeymarketWebhookController.class);

	private static final Set<String> OPT_EVENTS = Set.of("target_opt_out", "target_opt_in", "target_double_opt_in",
			"target_double_opt_restricted");

	private final WebhookTokens tokens;

	private final Refreshes refreshes;

	private final JsonMapper json;

	HeymarketWebhookController(WebhookProperties properties, AccountsProperties declared, HeymarketAccounts accounts,
			Refreshes refreshes, JsonMapper json) {
		this.tokens = new WebhookTokens(properties, declared, accounts);
		this.refreshes = refreshes;
		this.json = json;
		if (this.tokens.accounts().isEmpty()) {
			log.info("Heymarket webhooks are off: heymirror.webhook.token is not set{}, so {} answers 404",
					accounts.names().equals(List.of(Account.DEFAULT)) ? ""
							: " (nor any heymirror.accounts.<name>.webhook-token)",
					ROUTE);
		}
		else {
			log.info("Heymarket webhooks are on for the accounts {} (POST {})", this.tokens.accounts(), ACCOUNT_ROUTE);
		}
		if (properties.enabled() && !accounts.contains(Account.DEFAULT)) {
			log.warn("heymirror.webhook.token is set, but there is no account default (heymirror.heymarket.* has no "
					+ "credentials): {} answers 404", ROUTE);
		}
	}

	@PostMapping(ROUTE)
	@Operation(summary = "Receive a Heymarket webhook event of the account default",
			description = "Authenticated by the token in the body (heymirror.webhook.token). Opt-in and opt-out "
					+ "events refresh the contact of the account default from Heymarket now; other events are "
					+ "ignored.",
			requestBody = @RequestBody(description = "Heymarket's webhook payload: type, id, token, event_data.",
					content = @Content(schema = @Schema(implementation = WebhookEvent.class))))
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		return receive(Account.DEFAULT, request);
	}

	@PostMapping(ACCOUNT_ROUTE)
	@Operation(summary = "Receive a Heymarket webhook event of one account",
			description = "Authenticated by the token in the body (heymirror.accounts.<account>.webhook-token; "
					+ "heymirror.webhook.token for default). Opt-in and opt-out events refresh the contact of "
					+ "that account from Heymarket now; other events are ignored. An account without a token, or "
					+ "no account of that name, is a 404.",
			requestBody = @RequestBody(description = "Heymarket's webhook payload: type, id, token, event_data.",
					content = @Content(schema = @Schema(implementation = WebhookEvent.class))))
	ResponseEntity<Map<String, Object>> receiveForAccount(
			@Parameter(description = "The account the webhook is configured in.") @PathVariable String account,
			HttpServletRequest request) throws IOException {
		return receive(account, request);
	}

	private ResponseEntity<Map<String, Object>> receive(String account, HttpServletRequest request) throws IOException {
		// an unknown account is answered like one without a route: none is revealed
		SecretDigest token = this.tokens.of(account)
			.orElseThrow(() -> ApiProblem.notFound("Webhooks are not enabled at this address."));
		JsonNode event = JsonBody.read(request, this.json);
		JsonNode presented = event.get("token");
		if (presented == null || !presented.isString() || !token.matches(presented.asString())) {
			throw ApiProblem.unauthorized("The webhook token is missing or wrong.");
		}
		JsonNode type = event.get("type");
		if (type == null || !type.isString()) {
			throw ApiProblem.badParameter("type", "'type' must be the event type string.");
		}
		String webhookId = webhookId(event.get("id"));
		if (!OPT_EVENTS.contains(type.asString())) {
			log.debug("Webhook {} of account {}: event of another type ignored", webhookId, account);
			return ResponseEntity.ok(status("ignored"));
		}
		JsonNode data = event.get("event_data");
		if (data == null || !data.isObject()) {
			throw ApiProblem.badParameter("event_data", "'event_data' must be an object.");
		}
		ContactReference reference = ContactReference.find(data)
			.orElseThrow(() -> ApiProblem.badParameter("event_data",
					"'event_data' names no contact (phone, contact_id or UUID)."));
		WebhookRefresh refresh = this.refreshes.onWebhook(account, reference);
		RefreshOutcome outcome = refresh.outcome();
		if (outcome == null) {
			log.info("Webhook {} of account {} event {}: refresh by {} queued", webhookId, account, type.asString(),
					reference.kind());
			return ResponseEntity.accepted().body(status("queued"));
		}
		log.info("Webhook {} of account {} event {}: contact {} {}", webhookId, account, type.asString(),
				outcome.contactId(), outcome.result());
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
