package io.heymirror.heymarket;

import org.springframework.http.HttpMethod;

/**
 * The six upstream endpoints; the label is how logs, metrics and exceptions name them.
 */
enum Endpoint {

	CONTACT_BY_ID(HttpMethod.GET, "/v1/contact/{id}"),

	CONTACT_GET(HttpMethod.POST, "/v1/contact/get"),

	CONTACT_BY_UUID(HttpMethod.GET, "/v2/contact/{uuid}"),

	CONTACTS(HttpMethod.POST, "/v1/contacts"),

	CONTACTS_V2(HttpMethod.POST, "/v2/contacts/list"),

	COUNT(HttpMethod.POST, "/v1/contacts/count");

	private final HttpMethod method;

	private final String path;

	private final String label;

	Endpoint(HttpMethod method, String path) {
		this.method = method;
		this.path = path;
		this.label = method.name() + " " + path;
	}

	HttpMethod method() {
		return this.method;
	}

	/** The path template, relative to the base URL. */
	String path() {
		return this.path;
	}

	String label() {
		return this.label;
	}

}
