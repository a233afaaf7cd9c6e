package io.heymirror.delivery;

/** No sink of that name is configured in this replica. */
public class UnknownSinkException extends RuntimeException {

	public UnknownSinkException(String sink) {
		super("No change sink named '" + sink + "' is configured");
	}

}
