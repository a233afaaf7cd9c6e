package io.heymirror.sync;

/** Sync is enabled but no Heymarket credentials are set. */
class MissingUpstreamCredentialsException extends RuntimeException {

	MissingUpstreamCredentialsException() {
		super("heymirror.sync.enabled is true but no Heymarket credentials are set: set heymirror.heymarket.api-key "
				+ "(HEYMARKET_API_KEY) or heymirror.heymarket.secret-id and secret-key "
				+ "(HEYMARKET_SECRET_ID, HEYMARKET_SECRET_KEY), or set heymirror.sync.enabled=false");
	}

}
