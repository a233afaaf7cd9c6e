package io.heymirror.api.security;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests only a full key may make: refreshes (they spend the upstream budget), any
 * actuator endpoint beyond health and info (sync runs, metrics, configuration), and reads
 * of the query API that ask for deleted contacts.
 */
final class FullScopeRequests {

	/** Values Spring binds to {@code false}; anything else asks for deleted contacts. */
	private static final Set<String> FALSE = Set.of("", "false", "off", "no", "0");

	private FullScopeRequests() {
	}

	static RequestMatcher matcher() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		// under the actuator's path even what is not exposed: 403 rather than 404 for a
		// read key
		return new OrRequestMatcher(EndpointRequest.toAnyEndpoint(), paths.matcher("/actuator/**"),
				paths.matcher(HttpMethod.POST, "/api/contacts/refresh/*"),
				paths.matcher(HttpMethod.POST, "/api/contacts/*/refresh"), FullScopeRequests::asksForDeleted);
	}

	/**
	 * A query API read with {@code includeDeleted} set to anything but false. Only GETs
	 * are inspected, whose parameters come from the query string alone.
	 */
	static boolean asksForDeleted(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")) {
			return false;
		}
		String[] values = request.getParameterValues("includeDeleted");
		if (values == null) {
			return false;
		}
		for (String value : values) {
			if (!FALSE.contains(value.strip().toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

}
