package io.heymirror.api.errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem body to an error status that would otherwise go out empty, such as an
 * actuator endpoint's 404 for an unknown metric. Nothing is buffered: the wrapper only
 * notes whether a body was started.
 */
class ProblemForEmptyErrorsFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BodyTracking tracked = new BodyTracking(response);
		chain.doFilter(request, tracked);
		int status = tracked.getStatus();
		if (status >= 400 && !tracked.bodyStarted && !response.isCommitted() && !request.isAsyncStarted()) {
			HttpStatus known = HttpStatus.resolve(status);
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			if (!"HEAD".equals(request.getMethod())) {
				response.getWriter()
					.write("{\"type\":\"" + Problems.type(HttpStatusCode.valueOf(status)) + "\",\"title\":\"" + title
							+ "\",\"status\":" + status + "}");
			}
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static final class BodyTracking extends HttpServletResponseWrapper {

		private boolean bodyStarted;

		BodyTracking(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.bodyStarted = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.bodyStarted = true;
			return super.getWriter();
		}

		@Override
		public void sendError(int status) throws IOException {
			this.bodyStarted = true;
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			this.bodyStarted = true;
			super.sendError(status, message);
		}

	}

}
