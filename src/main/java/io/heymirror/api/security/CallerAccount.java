package io.heymirror.api.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The account the current request's caller key is bound to
 * ({@code heymirror.accounts.<name>.api-keys}), read from the security context. Every
 * route that reads contacts serves such a caller that account only.
 */
public final class CallerAccount {

	private CallerAccount() {
	}

	/**
	 * The only account the current caller reads, or null when it reads every account (a
	 * key of {@code heymirror.api.*}, open mode) or there is no authenticated caller.
	 */
	public static @Nullable String current() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return (caller instanceof ApiKeyAuthentication key && key.isAuthenticated()) ? key.account() : null;
	}

}
