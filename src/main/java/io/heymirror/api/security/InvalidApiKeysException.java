package io.heymirror.api.security;

/**
 * The caller keys cannot work: none is configured and the mirror is not open, or a key
 * bound to an account is configured twice.
 */
class InvalidApiKeysException extends IllegalStateException {

	InvalidApiKeysException(String message) {
		super(message);
	}

}
