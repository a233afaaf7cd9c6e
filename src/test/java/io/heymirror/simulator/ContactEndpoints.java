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
			case V2_CONTACT -> single(visible(this.dataset.read((index) -> index.byUuid(path.substring(12)))));
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
			return single(visible(this.dataset.read((index) -> index.byPhone(phone))));
		}
		if (id != null && !id.isEmpty()) {
			return byId(parseId(id));
		}
		throw new BadData("phone or id is required");
	}

	private Reply byId(int id) {
		return single(contactById(id));
	}

	private Reply v1List(JsonNode body) throws BadData {
		return list(v1Page(date(body), bool(body, "ascending")));
	}

	private Reply v2List(JsonNode body) throws BadData {
		return list(v2Page(integer(body, "limit"), integer(body, "page"), date(body), bool(body, "ascending")));
	}

	private Reply count(JsonNode body) throws BadData {
		long count = count(date(body));
		Object value = (this.settings.countFormat() == CountFormat.STRING) ? Long.toString(count) : count;
		return Reply.json(value);
	}

	/** {@code GET /v1/contact/{id}}: the contact, or null for a 404. */
	@Nullable ContactJson contactById(int id) {
		return visible(this.dataset.read((index) -> index.byId(id)));
	}

	/** {@code POST /v1/contacts}. */
	List<ContactJson> v1Page(@Nullable Instant requestedDate, @Nullable Boolean ascendingField) {
		Instant date = bound(requestedDate);
		boolean ascending = this.settings.order() == ListOrder.ASCENDING;
		if (this.settings.v1HonoursAscending() && ascendingField != null) {
			ascending = ascendingField;
		}
		boolean upperBound = !ascending;
		boolean inclusive = this.settings.dateInclusive();
		boolean sortAscending = ascending;
		int size = this.settings.pageSize();
		boolean unstable = this.settings.unstableTieOrder();
		return hide(this.dataset
			.read((index) -> index.page(date, upperBound, inclusive, sortAscending, 0, size, unstable)));
	}

	/** {@code POST /v2/contacts/list}. */
	List<ContactJson> v2Page(@Nullable Integer limit, @Nullable Integer page, @Nullable Instant requestedDate,
			@Nullable Boolean ascending) throws BadData {
		Instant date = bound(requestedDate);
		if ((limit != null && limit < 0) || (page != null && page < 0)) {
			throw new BadData("limit and page must not be negative");
		}
		int requested = (limit == null || limit == 0) ? this.settings.v2DefaultLimit() : limit;
		int size = requested;
		if (size > this.settings.v2MaxLimit()) {
			if (this.settings.v2RejectOverMax()) {
				throw new BadData("limit must be at most " + this.settings.v2MaxLimit());
			}
			size = this.settings.v2MaxLimit();
		}
		int pageNumber = (page != null) ? page : 0;
		long offset = (long) (this.settings.v2OffsetFromRequestedLimit() ? requested : size) * pageNumber;
		boolean inclusive = this.settings.dateInclusive();
		boolean sortAscending = Boolean.TRUE.equals(ascending);
		int pageSize = size;
		boolean unstable = this.settings.unstableTieOrder();
		if (pageNumber > 0 && this.settings.drainUpdates() > 0) {
			updateOneOfThePreviousPage(date, inclusive, sortAscending, offset - size, size, unstable);
		}
		return hide(this.dataset
			.read((index) -> index.page(date, false, inclusive, sortAscending, offset, pageSize, unstable)));
	}

	/** {@code POST /v1/contacts/count}. */
	long count(@Nullable Instant requestedDate) {
		return this.dataset.count(bound(requestedDate), this.settings.dateInclusive(), this::isVisible,
				this.settings.countLag());
	}

	/** A contact already served by the query moves on, shifting the offsets behind it. */
	private void updateOneOfThePreviousPage(@Nullable Instant date, boolean inclusive, boolean ascending, long offset,
			int size, boolean unstable) {
		List<ContactJson> previous = this.dataset
			.read((index) -> index.page(date, false, inclusive, ascending, Math.max(0, offset), size, unstable));
		if (!previous.isEmpty() && this.settings.takeDrainUpdate()) {
			this.dataset.touch(previous.get(previous.size() / 2).contact().id());
		}
	}

	private @Nullable Instant bound(@Nullable Instant date) {
		return (date != null && this.settings.dateTruncated()) ? this.settings.precision().truncate(date) : date;
	}

	private boolean isVisible(int id) {
		double share = this.settings.hiddenShare();
		return share <= 0 || Math.floorMod(id * 0x9E3779B97F4A7C15L >>> 20, 1_000_000L) >= share * 1_000_000;
	}

	private @Nullable ContactJson visible(@Nullable ContactJson contact) {
		return (contact != null && isVisible(contact.contact().id())) ? contact : null;
	}

	/**
	 * Hidden contacts leave the page after the limit was applied: it comes back short.
	 */
	List<ContactJson> hide(List<ContactJson> page) {
		if (this.settings.hiddenShare() <= 0) {
			return page;
		}
		return page.stream().filter((contact) -> isVisible(contact.contact().id())).toList();
	}

	private Reply list(List<ContactJson> page) {
		return Reply.json(200, ContactJson.array(page, this.settings.listUuid(), this.settings.listRev()), page.size());
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
		return date(text(body, "date"));
	}

	/** A {@code date} field's value; null when absent or empty. */
	static @Nullable Instant date(@Nullable String text) throws BadData {
		if (text == null || text.isEmpty()) {
			return null;
		}
		Instant date = RequestDates.parse(text);
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
