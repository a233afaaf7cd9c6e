package io.heymirror.api.compatible;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Presents the body of every compatible {@code POST} route as JSON, whatever Content-Type
 * the caller sent. Heymarket reads these bodies as JSON regardless; without this, a form
 * Content-Type would make the servlet container parse the JSON as form fields and a
 * multipart one would fail before the route runs.
 */
class BodiesAsJsonFilter extends OncePerRequestFilter {

	static final Set<String> PATHS = Set.of("/v1/contact/get", "/v1/contacts", "/v2/contacts/list",
			"/v1/contacts/count");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new JsonRequest(request), response);
	}

	private static final class JsonRequest extends HttpServletRequestWrapper {

		JsonRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isContentType(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isContentType(name) ? Collections.enumeration(Set.of(getContentType())) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
			names.removeIf(BodiesAsJsonFilter::isContentType);
			names.add(HttpHeaders.CONTENT_TYPE);
			return Collections.enumeration(names);
		}

	}

	private static boolean isContentType(String name) {
		return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
	}

}
