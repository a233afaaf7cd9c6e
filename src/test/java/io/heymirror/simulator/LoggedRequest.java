package io.heymirror.simulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One served request, for assertions.
 *
 * @param request what was asked
 * @param at when it arrived (simulator clock)
 * @param status HTTP status answered, 0 when the connection was reset
 * @param fault the injected fault, or null ({@link Fault#LATENCY} when only delayed)
 * @param returned contacts in the answer (list and single gets), or -1
 * @param requestId the {@code X-Request-Id} sent
 */
public record LoggedRequest(SimRequest request, Instant at, int status, @Nullable Fault fault, int returned,
		String requestId) {

	public Endpoint endpoint() {
		return this.request.endpoint();
	}

	public @Nullable String date() {
		return this.request.date();
	}

}
