package io.heymirror.api.security;

/** Open mode was asked for against real contacts without saying so explicitly. */
class OpenModeRefusedException extends IllegalStateException {

	OpenModeRefusedException(String message) {
		super(message);
	}

}
