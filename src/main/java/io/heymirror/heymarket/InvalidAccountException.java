package io.heymirror.heymarket;

/**
 * An account declared under {@code heymirror.accounts} that cannot work: a bad name, a
 * missing or doubled credential, a bad URL, a setting that does not exist.
 */
class InvalidAccountException extends RuntimeException {

	InvalidAccountException(String property, String problem) {
		super(property + " " + problem);
	}

}
