package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The list, count and get-by-id endpoints called in-process: the same semantics and
 * switches as over HTTP, without the transport, JSON, authentication, faults or rate
 * limit. Requests are numbered, run the hooks and show in the stats. Bodies that
 * Heymarket would refuse throw {@link IllegalArgumentException}.
 */
public final class InProcessCalls {

	private final ContactEndpoints endpoints;

	private final RequestPipeline pipeline;

	private final SimulatorSettings settings;

	InProcessCalls(ContactEndpoints endpoints, RequestPipeline pipeline, SimulatorSettings settings) {
		this.endpoints = endpoints;
		this.pipeline = pipeline;
		this.settings = settings;
	}

	/** {@code POST /v1/contacts} with this {@code date} (null: none). */
	public List<Served> contacts(@Nullable String date) {
		this.pipeline.servedInProcess(Endpoint.V1_CONTACTS, "/v1/contacts", date, null, null, null, null);
		return served(this.endpoints.v1Page(parse(date), null));
	}

	/** {@code POST /v2/contacts/list}. */
	public List<Served> contactsV2(int limit, int page, @Nullable String date, boolean ascending) {
		this.pipeline.servedInProcess(Endpoint.V2_CONTACTS_LIST, "/v2/contacts/list", date, page, limit, ascending,
				null);
		try {
			return served(this.endpoints.v2Page(limit, page, parse(date), ascending));
		}
		catch (ContactEndpoints.BadData ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
	}

	/** {@code POST /v1/contacts/count}. */
	public long count(@Nullable String date) {
		this.pipeline.servedInProcess(Endpoint.V1_CONTACTS_COUNT, "/v1/contacts/count", date, null, null, null, null);
		return this.endpoints.count(parse(date));
	}

	/** {@code GET /v1/contact/{id}}; empty for a 404. */
	public Optional<Served> contactById(long id) {
		this.pipeline.servedInProcess(Endpoint.V1_CONTACT, "/v1/contact/" + id, null, null, null, null,
				Long.toString(id));
		ContactJson contact = (id > 0 && id < Integer.MAX_VALUE) ? this.endpoints.contactById((int) id) : null;
		return Optional.ofNullable(contact).map((json) -> served(json, true, true));
	}

	private List<Served> served(List<ContactJson> page) {
		boolean uuid = this.settings.listUuid();
		boolean rev = this.settings.listRev();
		return page.stream().map((contact) -> served(contact, uuid, rev)).toList();
	}

	private Served served(ContactJson contact, boolean uuid, boolean rev) {
		return new Served(contact.contact(), this.settings.precision().format(contact.contact().updated()), rev,
				() -> new String(contact.bytes(uuid, rev), StandardCharsets.UTF_8));
	}

	private static @Nullable Instant parse(@Nullable String date) {
		try {
			return ContactEndpoints.date(date);
		}
		catch (ContactEndpoints.BadData ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
	}

	/**
	 * One contact as a response carries it.
	 *
	 * @param contact the contact
	 * @param updatedText its {@code updated} as written
	 * @param withRev whether the response carries {@code rev}
	 * @param rendering renders the contact's JSON as served (on demand: most in-process
	 * tests never look at it)
	 */
	public record Served(SimContact contact, String updatedText, boolean withRev, Supplier<String> rendering) {

		/** The contact's JSON as served. */
		public String json() {
			return this.rendering.get();
		}

	}

}
