package io.heymirror.heymarket;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An account that cannot work, as one line naming its setting. */
class AccountFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAccountException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAccountException cause) {
		return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
				"Fix the named setting (the README's Accounts section lists each one) and restart.", cause);
	}

}
