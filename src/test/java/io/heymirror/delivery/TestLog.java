package io.heymirror.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends entries to the change log directly, as the mirror's statements would, for tests
 * of what reads it.
 */
final class TestLog {

	private final JdbcClient jdbc;

	TestLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void clear() {
		this.jdbc.sql("TRUNCATE contact_change, contact_change_purge, change_sink").update();
	}

	/** Appends a change of {@code contactId} written now; returns its event id. */
	String append(long contactId, long version, String operation) {
		return append(contactId, version, operation, Instant.now());
	}

	/**
	 * Appends a change of {@code contactId} written at {@code at}; returns its event id.
	 */
	String append(long contactId, long version, String operation, Instant at) {
		return this.jdbc.sql("""
				INSERT INTO contact_change (account, contact_id, version, operation, data, updated, cause, changed_at)
				VALUES ('default', :id, :version, :operation,
				        jsonb_build_object('id', :id, 'updated', '2026-01-01T00:00:00Z', 'rev', :version),
				        '2026-01-01T00:00:00Z', 'walk', :at)
				RETURNING seq""")
			.param("id", contactId)
			.param("version", version)
			.param("operation", operation)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.query(Long.class)
			.single()
			.toString();
	}

}
