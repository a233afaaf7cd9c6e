package io.heymirror.api.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller identified by an API key. Before authentication it carries the presented key;
 * once authenticated only the key's name ({@code api-key-2}, or {@code open} when the
 * mirror is served without keys), so the key never outlives the request filter.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	static final GrantedAuthority API_READER = new SimpleGrantedAuthority("ROLE_API");

	private final String name;

	private @Nullable String presentedKey;

	private ApiKeyAuthentication(String name, @Nullable String presentedKey, boolean authenticated) {
		super(authenticated ? List.of(API_READER) : List.of());
		this.name = name;
		this.presentedKey = presentedKey;
		setAuthenticated(authenticated);
	}

	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication("unauthenticated", key, false);
	}

	static ApiKeyAuthentication authenticated(String keyName) {
		return new ApiKeyAuthentication(keyName, null, true);
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
