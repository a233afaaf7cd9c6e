package io.heymirror.heymarket;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Condenses a setting under {@code heymirror.*} that fails to bind or validate into one
 * line naming the property, instead of Boot's multi-line report. Values are never echoed:
 * some of them are secrets. Runs before Boot's own bind analyzers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PREFIX = "heymirror.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith(PREFIX) && !name.equals("heymirror")) {
			return null;
		}
		List<String> problems = (cause.getCause() instanceof BindValidationException validation)
				? validation.getValidationErrors()
					.getAllErrors()
					.stream()
					.map((error) -> describe(validation.getValidationErrors().getName(), error))
					.toList()
				: List.of(propertyName(cause) + " " + conversionProblem(cause));
		String description = "Invalid configuration: " + String.join("; ", problems);
		return new FailureAnalysis(description,
				"Fix the named setting (the README's configuration table lists each one) and restart.", cause);
	}

	private static String describe(ConfigurationPropertyName parent, ObjectError error) {
		String message = oneLine(error.getDefaultMessage());
		if (error instanceof FieldError field) {
			return qualified(parent, field.getField()) + " " + message;
		}
		return parent + ": " + message;
	}

	private static String qualified(ConfigurationPropertyName parent, String field) {
		// Boot reports fields either in their Java form (retry.maxBackoff) or already
		// qualified; print the canonical dashed name either way
		String dashed = DataObjectPropertyName.toDashedForm(field);
		if (dashed.startsWith(parent.toString())) {
			return dashed;
		}
		return parent + "." + dashed;
	}

	private static String propertyName(BindException cause) {
		return (cause.getProperty() != null) ? cause.getProperty().getName().toString() : cause.getName().toString();
	}

	private static String conversionProblem(BindException cause) {
		String target = (cause.getTarget().getType().resolve() != null)
				? cause.getTarget().getType().resolve().getSimpleName() : "the expected type";
		return "has a value that is not a valid " + target;
	}

	private static String oneLine(@Nullable String message) {
		return (message != null) ? message.replaceAll("\\s+", " ").strip() : "is invalid";
	}

}
