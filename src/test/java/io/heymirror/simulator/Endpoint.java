package io.heymirror.simulator;

/**
 * The six contact read endpoints the simulator serves, plus a bucket for anything else.
 */
public enum Endpoint {

	/** {@code GET /v1/contact/{id}}. */
	V1_CONTACT,

	/** {@code POST /v1/contact/get}. */
	V1_CONTACT_GET,

	/** {@code GET /v2/contact/{uuid}}. */
	V2_CONTACT,

	/** {@code POST /v1/contacts}. */
	V1_CONTACTS,

	/** {@code POST /v2/contacts/list}. */
	V2_CONTACTS_LIST,

	/** {@code POST /v1/contacts/count}. */
	V1_CONTACTS_COUNT,

	/** Any other path or method (answered 404 or 405). */
	UNKNOWN;

	/** Routes a request line to its endpoint. */
	static Endpoint of(String method, String path) {
		boolean get = "GET".equals(method);
		boolean post = "POST".equals(method);
		if (get && path.startsWith("/v1/contact/") && path.indexOf('/', 12) < 0 && path.length() > 12) {
			return V1_CONTACT;
		}
		if (get && path.startsWith("/v2/contact/") && path.indexOf('/', 12) < 0 && path.length() > 12) {
			return V2_CONTACT;
		}
		if (!post) {
			return UNKNOWN;
		}
		return switch (path) {
			case "/v1/contact/get" -> V1_CONTACT_GET;
			case "/v1/contacts" -> V1_CONTACTS;
			case "/v2/contacts/list" -> V2_CONTACTS_LIST;
			case "/v1/contacts/count" -> V1_CONTACTS_COUNT;
			default -> UNKNOWN;
		};
	}

}
