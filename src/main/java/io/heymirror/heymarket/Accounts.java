package io.heymirror.heymarket;

/**
 * The Heymarket accounts (teams) one deployment mirrors. Each has a name; the one the
 * single-account settings ({@code heymirror.heymarket.*}) configure is {@value #DEFAULT},
 * and every row written before accounts existed belongs to it.
 */
public final class Accounts {

	/** The account of the single-account settings. */
	public static final String DEFAULT = "default";

	private Accounts() {
	}

}
