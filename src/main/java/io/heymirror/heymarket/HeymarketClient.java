package io.heymirror.heymarket;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Heymarket's six contact read endpoints, typed. Every call is authenticated, counted
 * against the shared request budget and retried where retrying is safe; a call that fails
 * for good throws {@link HeymarketException}. Thread-safe; calls block until done.
 */
public class HeymarketClient {

	private final UpstreamExchange exchange;

	private final ContactParser parser;

	private final JsonMapper json;

	HeymarketClient(UpstreamExchange exchange, JsonMapper json) {
		this.exchange = exchange;
		this.parser = new ContactParser(json);
		this.json = json;
	}

	/**
	 * {@code GET /v1/contact/{id}}; empty on a 404 whose body is a JSON object (any other
	 * 404 is an error: a gateway's page says nothing about the contact).
	 */
	public Optional<HeymarketContact> contactById(long id) {
		return single(Endpoint.CONTACT_BY_ID, null, id);
	}

	/** {@code POST /v1/contact/get} with {@code phone}; empty on a JSON 404. */
	public Optional<HeymarketContact> contactByPhone(String phone) {
		return single(Endpoint.CONTACT_GET, object().put("phone", phone));
	}

	/**
	 * {@code POST /v1/contact/get} with {@code id} (as a string); empty on a JSON 404.
	 */
	public Optional<HeymarketContact> contactByIdViaGet(long id) {
		return single(Endpoint.CONTACT_GET, object().put("id", Long.toString(id)));
	}

	/** {@code GET /v2/contact/{uuid}}; empty on a JSON 404. */
	public Optional<HeymarketContact> contactByUuid(String uuid) {
		return single(Endpoint.CONTACT_BY_UUID, null, uuid);
	}

	/**
	 * {@code POST /v1/contacts}.
	 * @param date the {@code date} cursor, or null for the first page
	 * @param ascending sent as {@code ascending} when not null
	 */
	public ContactPage contacts(@Nullable String date, @Nullable Boolean ascending) {
		ObjectNode body = object();
		if (date != null) {
			body.put("date", date);
		}
		if (ascending != null) {
			body.put("ascending", ascending);
		}
		return page(Endpoint.CONTACTS, body);
	}

	/** {@code POST /v2/contacts/list}. */
	public ContactPage contactsV2(V2ListRequest request) {
		ObjectNode body = object().put("limit", request.limit()).put("page", request.page());
		if (request.date() != null) {
			body.put("date", request.date());
		}
		return page(Endpoint.CONTACTS_V2, body.put("ascending", request.ascending()));
	}

	/**
	 * {@code POST /v1/contacts/count}; accepts a JSON string ({@code "1042"}) or a
	 * number.
	 * @param date count only contacts updated after this RFC 3339 time, or null for all
	 */
	public long count(@Nullable String date) {
		ObjectNode body = object();
		if (date != null) {
			body.put("date", date);
		}
		Long count = this.exchange.call(request(Endpoint.COUNT, body, false),
				(bytes, requestId) -> this.parser.count(bytes));
		return required(count, Endpoint.COUNT);
	}

	/** This process's upstream traffic so far. */
	public UpstreamStats stats() {
		return this.exchange.stats();
	}

	/** Whether credentials are configured, so that calls can be made at all. */
	public boolean isConfigured() {
		return this.exchange.configured();
	}

	private Optional<HeymarketContact> single(Endpoint endpoint, @Nullable ObjectNode body, Object... uriVariables) {
		return Optional.ofNullable(this.exchange.call(request(endpoint, body, true, uriVariables),
				(bytes, requestId) -> this.parser.contact(bytes)));
	}

	private ContactPage page(Endpoint endpoint, ObjectNode body) {
		return required(this.exchange.call(request(endpoint, body, false), this.parser::page), endpoint);
	}

	private UpstreamExchange.Request request(Endpoint endpoint, @Nullable ObjectNode body, boolean emptyOn404,
			Object... uriVariables) {
		// serialised once, so that every attempt sends the same bytes
		byte[] bytes = (body != null) ? this.json.writeValueAsBytes(body) : null;
		return new UpstreamExchange.Request(endpoint, bytes, emptyOn404, uriVariables);
	}

	private ObjectNode object() {
		return this.json.createObjectNode();
	}

	private static <T> T required(@Nullable T value, Endpoint endpoint) {
		if (value == null) {
			// unreachable in practice: only a 404 that the request accepts yields nothing
			throw new HeymarketException("Heymarket " + endpoint.label() + " returned nothing", endpoint.label(), 0,
					null, null);
		}
		return value;
	}

}
