package io.heymirror.sync;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns what keeps the sync from running (missing upstream credentials, a connection pool
 * too small for the runs) into one line at start-up instead of a stack trace.
 */
class SyncFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof MissingUpstreamCredentialsException missing) {
				return new FailureAnalysis(missing.getMessage(), "Configure Heymarket credentials or disable the sync.",
						missing);
			}
			if (cause instanceof ConnectionPoolCheck.PoolTooSmallException pool) {
				return new FailureAnalysis(pool.getMessage(),
						"Enlarge the connection pool or lower heymirror.sync.max-concurrent-accounts.", pool);
			}
		}
		return null;
	}

}
