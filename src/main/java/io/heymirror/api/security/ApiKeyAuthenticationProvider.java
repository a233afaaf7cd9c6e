package io.heymirror.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks a presented API key against the configured ones. */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeys keys;

	ApiKeyAuthenticationProvider(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object presented = authentication.getCredentials();
		ApiKeys.Caller caller = (presented instanceof String key) ? this.keys.match(key) : null;
		if (caller == null) {
			// deliberately says nothing about the presented value
			throw new BadCredentialsException("Unknown API key");
		}
		return ApiKeyAuthentication.authenticated(caller);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}
