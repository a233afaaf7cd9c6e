package io.heymirror.api.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A missing or unknown key leaves the
 * request anonymous rather than failing it here: public routes stay public whatever the
 * caller sends, and the authorization rules answer 401 on the data routes. In open mode a
 * caller without any {@code Authorization} header is let in with full scope, but one who
 * sends a key that is not configured is not: a wrong key is a mistake to report.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final AuthenticationManager authenticationManager;

	private final ApiKeys keys;

	ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager, ApiKeys keys) {
		this.authenticationManager = authenticationManager;
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		Authentication authentication = null;
		if (header != null && !header.isBlank()) {
			authentication = authenticate(header);
		}
		else if (this.keys.isOpen()) {
			authentication = ApiKeyAuthentication.authenticated(ApiKeys.Caller.OPEN);
		}
		if (authentication != null) {
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(authentication);
			this.contexts.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private @Nullable Authentication authenticate(String header) {
		if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String key = header.substring(BEARER.length()).strip();
		if (key.isEmpty()) {
			return null;
		}
		try {
			return this.authenticationManager.authenticate(ApiKeyAuthentication.presented(key));
		}
		catch (AuthenticationException ex) {
			return null;
		}
	}

}
