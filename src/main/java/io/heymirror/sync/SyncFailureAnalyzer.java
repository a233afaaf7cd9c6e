package io.heymirror.sync;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns missing upstream credentials into one line at start-up instead of a stack trace.
 */
class SyncFailureAnalyzer extends AbstractFailureAnalyzer<MissingUpstreamCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingUpstreamCredentialsException cause) {
		return new FailureAnalysis(cause.getMessage(), "Configure Heymarket credentials or disable the sync.", cause);
	}

}
