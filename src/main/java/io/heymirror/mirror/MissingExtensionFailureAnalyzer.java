package io.heymirror.mirror;

import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A PostgreSQL extension the schema needs (pg_trgm) that the database lacks and
 * Heymirror's role may not create: one line at start-up naming what an administrator must
 * run, instead of Flyway's stack trace.
 */
class MissingExtensionFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	/** Not available on the server, not found, or not allowed to this role. */
	private static final Set<String> STATES = Set.of("0A000", "58P01", "42704", "42501");

	private static final Pattern EXTENSION = Pattern.compile("extension \"([A-Za-z0-9_]+)\"");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		Matcher extension = EXTENSION.matcher(String.valueOf(cause.getMessage()));
		if (!STATES.contains(cause.getSQLState()) || !extension.find()) {
			return null;
		}
		String name = extension.group(1);
		return new FailureAnalysis("PostgreSQL extension " + name + " is missing and Heymirror's database role may "
				+ "not create it: an administrator must run CREATE EXTENSION IF NOT EXISTS " + name
				+ "; in Heymirror's database (it ships with PostgreSQL, in the contrib package on some systems)",
				"Install the extension as a database administrator, then start Heymirror again.", cause);
	}

}
