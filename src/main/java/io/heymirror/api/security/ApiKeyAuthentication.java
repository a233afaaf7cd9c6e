package io.heymirror.api.security;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller identified by an API key. Before authentication it carries the presented key;
 * once authenticated only the key's name ({@code api-key-2}, {@code read-key-1},
 * {@code east-key-1}, or {@code open} when the mirror is served without keys), its scope
 * and the account it is bound to, so the key never outlives the request filter.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String name;

	private final @Nullable String account;

	private @Nullable String presentedKey;

	/**
	 * The authority of a caller that reads every account: health components and details
	 * ({@code management.endpoint.health.roles}) name accounts, so a key bound to one
	 * account sees the status only.
	 */
	static final String EVERY_ACCOUNT = "EVERY_ACCOUNT";

	private ApiKeyAuthentication(String name, @Nullable String presentedKey, @Nullable Scope scope,
			@Nullable String account) {
		super(authorities(scope, account));
		this.name = name;
		this.presentedKey = presentedKey;
		this.account = account;
		setAuthenticated(scope != null);
	}

	static ApiKeyAuthentication presented(String key) {
		return new ApiKeyAuthentication("unauthenticated", key, null, null);
	}

	static ApiKeyAuthentication authenticated(ApiKeys.Caller caller) {
		return new ApiKeyAuthentication(caller.name(), null, caller.scope(), caller.account());
	}

	private static List<GrantedAuthority> authorities(@Nullable Scope scope, @Nullable String account) {
		if (scope == null) {
			return List.of();
		}
		List<GrantedAuthority> authorities = new ArrayList<>(scope.authorities());
		if (account == null) {
			authorities.add(new SimpleGrantedAuthority(EVERY_ACCOUNT));
		}
		return authorities;
	}

	/** The only account this caller reads, or null for every account. */
	@Nullable String account() {
		return this.account;
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
