package io.heymirror.simulator;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The six endpoints' semantics over the dataset, with the switches of
 * {@link SimulatorSettings} applied. Bodies arrive parsed; a field of the wrong JSON type
 * or an unparseable date is a 400 {@code bad_data}, as Heymarket's strict decoder
 * answers.
 */
final class ContactEndpoints {

	private final SimulatorDataset dataset;

	private final SimulatorSettings settings;

	ContactEndpoints(SimulatorDataset dataset, SimulatorSettings settings) {
		this.dataset = dataset;
		this.settings = settings;
	}

	Reply handle(Endpoint endpoint, String path, JsonNode body) throws BadData {
		return switch (endpoint) {
			case V1_CONTACT -> byId(parseId(path.substring(12)));
			case V2_CONTACT -> single(this.dataset.read((index) -> index.byUuid(path.substring(12))));
			case V1_CONTACT_GET -> contactGet(body);
			case V1_CONTACTS -> v1List(body);
			case V2_CONTACTS_LIST -> v2List(body);
			case V1_CONTACTS_COUNT -> count(body);
			case UNKNOWN -> Reply.error(404, "not_found", "no such endpoint");
		};
	}

	private Reply contactGet(JsonNode body) throws BadData {
		String phone = text(body, "phone");
		String id = text(body, "id");
		if (phone != null && !phone.isEmpty()) {
			return single(this.dataset.read((index) -> index.byPhone(phone)));
		}
		if (id != null && !id.isEmpty()) {
			return byId(parseId(id));
		}
		throw new BadData("phone or id is required");
	}

	private Reply byId(int id) {
		return single(this.dataset.read((index) -> index.byId(id)));
	}

	private Reply v1List(JsonNode body) throws BadData {
		Instant date = date(body);
		boolean ascending = this.settings.order() == ListOrder.ASCENDING;
		if (this.settings.v1HonoursAscending()) {
			Boolean asked = bool(body, "ascending");
			ascending = (asked != null) ? asked : ascending;
		}
		boolean upperBound = !ascending;
		boolean inclusive = this.settings.dateInclusive();
		boolean sortAscending = ascending;
		int size = this.settings.pageSize();
		List<ContactJson> page = this.dataset
			.read((index) -> index.page(date, upperBound, inclusive, sortAscending, 0, size));
		return list(page);
	}

	private Reply v2List(JsonNode body) throws BadData {
		Instant date = date(body);
		Integer limit = integer(body, "limit");
		Integer page = integer(body, "page");
		Boolean ascending = bool(body, "ascending");
		if ((limit != null && limit < 0) || (page != null && page < 0)) {
			throw new BadData("limit and page must not be negative");
		}
		int size = (limit == null || limit == 0) ? this.settings.v2DefaultLimit() : limit;
		if (size > this.settings.v2MaxLimit()) {
			if (this.settings.v2RejectOverMax()) {
				throw new BadData("limit must be at most " + this.settings.v2MaxLimit());
			}
			size = this.settings.v2MaxLimit();
		}
		long offset = (long) size * ((page != null) ? page : 0);
		boolean inclusive = this.settings.dateInclusive();
		boolean sortAscending = Boolean.TRUE.equals(ascending);
		int pageSize = size;
		return list(this.dataset.read((index) -> index.page(date, false, inclusive, sortAscending, offset, pageSize)));
	}

	private Reply count(JsonNode body) throws BadData {
		Instant date = date(body);
		boolean inclusive = this.settings.dateInclusive();
		long count = this.dataset.read((index) -> (date != null) ? index.countSince(date, inclusive) : index.size());
		Object value = (this.settings.countFormat() == CountFormat.STRING) ? Long.toString(count) : count;
		return Reply.json(value);
	}

	private Reply list(List<ContactJson> page) {
		return Reply.json(200, ContactJson.array(page, this.settings.listUuid()), page.size());
	}

	private static Reply single(@Nullable ContactJson contact) {
		if (contact == null) {
			return Reply.error(404, "not_found", "contact not found");
		}
		return Reply.json(200, contact.single(), 1);
	}

	private static int parseId(String text) throws BadData {
		try {
			int id = Integer.parseInt(text);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new BadData("invalid contact id");
	}

	private static @Nullable Instant date(JsonNode body) throws BadData {
		String text = text(body, "date");
		if (text == null || text.isEmpty()) {
			return null;
		}
		Instant date = Rfc3339.parse(text);
		if (date == null) {
			throw new BadData("date must be an RFC 3339 timestamp");
		}
		return date;
	}

	private static @Nullable String text(JsonNode body, String field) throws BadData {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new BadData(field + " must be a string");
		}
		return value.stringValue();
	}

	private static @Nullable Integer integer(JsonNode body, String field) throws BadData {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new BadData(field + " must be an integer");
		}
		return value.intValue();
	}

	private static @Nullable Boolean bool(JsonNode body, String field) throws BadData {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			throw new BadData(field + " must be a boolean");
		}
		return value.booleanValue();
	}

	/** A request Heymarket would refuse with 400 {@code bad_data}. */
	static final class BadData extends Exception {

		BadData(String message) {
			super(message, null, false, false);
		}

	}

}
