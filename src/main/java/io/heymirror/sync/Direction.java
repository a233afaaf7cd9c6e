package io.heymirror.sync;

/** The order of {@code POST /v1/contacts}, as detected from the data. */
public enum Direction {

	/** Oldest first: {@code date} is a lower bound; the walk pages through it. */
	ASC,

	/** Newest first: the walk pages through {@code POST /v2/contacts/list} instead. */
	DESC

}
