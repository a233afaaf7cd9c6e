package io.heymirror.simulator;

/** The order of {@code POST /v1/contacts}, with what its {@code date} cursor bounds. */
public enum ListOrder {

	/**
	 * Sorted by {@code updated} then {@code id} ascending; {@code date} is a lower bound.
	 */
	ASCENDING,

	/**
	 * Sorted by {@code updated} then {@code id} descending; {@code date} is an upper
	 * bound.
	 */
	DESCENDING

}
