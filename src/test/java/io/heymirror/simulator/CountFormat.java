package io.heymirror.simulator;

/** How {@code POST /v1/contacts/count} writes its answer. */
public enum CountFormat {

	/** A JSON string, as the reference shows: {@code "1042"}. */
	STRING,

	/** A JSON number: {@code 1042}. */
	NUMBER

}
