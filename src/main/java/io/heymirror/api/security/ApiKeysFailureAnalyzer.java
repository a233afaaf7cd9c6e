package io.heymirror.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Caller keys that cannot work, as one line naming the setting. */
class ApiKeysFailureAnalyzer extends AbstractFailureAnalyzer<InvalidApiKeysException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidApiKeysException cause) {
		return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
				"Fix the named setting (the README's configuration table lists each one) and restart.", cause);
	}

}
