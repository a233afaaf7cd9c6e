package io.heymirror.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A refused open mode as one line at start-up instead of a stack trace. */
class ApiFailureAnalyzer extends AbstractFailureAnalyzer<OpenModeRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OpenModeRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(), "Give callers keys, or confirm open mode explicitly.", cause);
	}

}
