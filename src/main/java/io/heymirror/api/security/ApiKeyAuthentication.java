package io.heymirror.api.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller identified by an API key. Before authentication it carries the presented key;
 * once authenticated only the key's name ({@code api-key-2}, {@code read-key-1}, or
 * {@code open} when the mirror is served without keys) and its scope, so the key never
 * outlives the request filter.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String name;

	private @Nullable String presentedKey;

	private ApiKeyAuthentication(String name, @Nullable String presentedKey, @Nullable Scope scope) {
		super((scope != null) ? scope.authorities() : List.of());
		this.name = name;
		this.presentedKey = presentedKey;
		setAuthenticated(scope != null);
	}

	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication("unauthenticated", key, null);
	}

	static ApiKeyAuthentication authenticated(ApiKeys.Caller caller) {
		return new ApiKeyAuthentication(caller.name(), null, caller.scope());
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.presentedKey;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.presentedKey = null;
	}

	@Override
	public String toString() {
		return "ApiKeyAuthentication[" + this.name + ", authenticated=" + isAuthenticated() + "]";
	}

}
