package io.heymirror.heymarket;

/**
 * The legacy team API key, sent as is. A class, not a record: a record prints its key.
 */
final class ApiKeyAuth implements UpstreamAuth {

	private final String key;

	ApiKeyAuth(String key) {
		this.key = key;
	}

	@Override
	public boolean configured() {
		return true;
	}

	@Override
	public String token() {
		return this.key;
	}

	@Override
	public boolean renewable() {
		return false;
	}

	@Override
	public void renew(String rejected) {
		// a key cannot be renewed; a 401 surfaces at once
	}

	@Override
	public String budgetIdentity() {
		return "api-key:" + this.key;
	}

	@Override
	public String toString() {
		return "ApiKeyAuth[******]";
	}

}
