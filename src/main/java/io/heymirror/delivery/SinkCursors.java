package io.heymirror.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.heymirror.changes.ChangeCursor;
import io.heymirror.changes.ChangePosition;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sinks' rows in {@code change_sink}. Every write made by a delivery names the
 * {@code rewinds} it read, so that a rewind made meanwhile (in any replica) wins; times
 * are the database's, the same for every replica.
 */
@Component
class SinkCursors {

	private static final String COLUMNS = """
			name, kind, cursor_txid, cursor_seq, cursor_purge, state, rewinds, failing_since, last_delivery_at,
			last_error, delivered, failed""";

	private final JdbcClient jdbc;

	SinkCursors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the sink's row at {@code start} unless it has one. */
	void register(String name, String kind, ChangeCursor start) {
		this.jdbc.sql("""
				INSERT INTO change_sink (name, kind, cursor_txid, cursor_seq, cursor_purge)
				VALUES (:name, :kind, :txid, :seq, :purge) ON CONFLICT (name) DO NOTHING""")
			.param("name", name)
			.param("kind", kind)
			.param("txid", start.position().txid())
			.param("seq", start.position().seq())
			.param("purge", start.purge())
			.update();
	}

	Optional<SinkRow> find(String name) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM change_sink WHERE name = :name")
			.param("name", name)
			.query(SinkCursors::row)
			.optional();
	}

	List<SinkRow> findAll(List<String> names) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM change_sink WHERE name = ANY (:names) ORDER BY name")
			.param("names", names.toArray(String[]::new))
			.query(SinkCursors::row)
			.list();
	}

	/**
	 * Moves the cursor after a delivery that succeeded (or had nothing to deliver):
	 * {@code delivered} events acknowledged; any delivery clears the failure.
	 * @return false if a rewind (or a state change) came first
	 */
	boolean advance(SinkRow read, ChangeCursor cursor, int delivered) {
		return this.jdbc.sql("""
				UPDATE change_sink SET cursor_txid = :txid, cursor_seq = :seq, cursor_purge = :purge,
				       delivered = delivered + :delivered,
				       last_delivery_at = CASE WHEN :delivered > 0 THEN now() ELSE last_delivery_at END,
				       failing_since = CASE WHEN :delivered > 0 THEN NULL ELSE failing_since END,
				       state = CASE WHEN :delivered > 0 THEN 'active' ELSE state END,
				       updated_at = now()
				WHERE name = :name AND rewinds = :rewinds AND state IN ('active', 'failing')""")
			.param("name", read.name())
			.param("rewinds", read.rewinds())
			.param("txid", cursor.position().txid())
			.param("seq", cursor.position().seq())
			.param("purge", cursor.purge())
			.param("delivered", delivered)
			.update() == 1;
	}

	/**
	 * Records a failed attempt that acknowledged {@code delivered} events first (the
	 * cursor moves past them): failing since now if it delivered something or was not
	 * failing yet, and in state failing once that is longer ago than
	 * {@code maxRetryDuration}; disabled if the receiver is {@code gone}.
	 * @return the sink's state after it, or empty if a rewind came first
	 */
	Optional<SinkState> failed(SinkRow read, ChangeCursor cursor, int delivered, String error, boolean gone,
			Duration maxRetryDuration) {
		return this.jdbc
			.sql("""
					UPDATE change_sink SET cursor_txid = :txid, cursor_seq = :seq, cursor_purge = :purge,
					       delivered = delivered + :delivered, failed = failed + 1, last_error = :error,
					       last_delivery_at = CASE WHEN :delivered > 0 THEN now() ELSE last_delivery_at END,
					       failing_since = CASE WHEN :delivered > 0 OR failing_since IS NULL THEN now()
					                            ELSE failing_since END,
					       state = CASE WHEN :gone THEN 'disabled'
					                    WHEN :delivered = 0 AND failing_since < now() - :maxRetryMillis * interval '1 millisecond'
					                    THEN 'failing' ELSE 'active' END,
					       updated_at = now()
					WHERE name = :name AND rewinds = :rewinds AND state IN ('active', 'failing')
					RETURNING state""")
			.param("name", read.name())
			.param("rewinds", read.rewinds())
			.param("txid", cursor.position().txid())
			.param("seq", cursor.position().seq())
			.param("purge", cursor.purge())
			.param("delivered", delivered)
			.param("error", error)
			.param("gone", gone)
			.param("maxRetryMillis", maxRetryDuration.toMillis())
			.query(String.class)
			.optional()
			.map(SinkState::of);
	}

	/** The sink's unread entries were purged: no more deliveries until a rewind. */
	boolean expire(SinkRow read, String error) {
		return this.jdbc.sql("""
				UPDATE change_sink SET state = 'expired', last_error = :error, updated_at = now()
				WHERE name = :name AND rewinds = :rewinds AND state IN ('active', 'failing')""")
			.param("name", read.name())
			.param("rewinds", read.rewinds())
			.param("error", error)
			.update() == 1;
	}

	/**
	 * Puts the cursor at {@code to} and the sink back to active, whatever its state.
	 * @return false if the sink has no row
	 */
	boolean rewind(String name, ChangeCursor to) {
		return this.jdbc.sql("""
				UPDATE change_sink SET cursor_txid = :txid, cursor_seq = :seq, cursor_purge = :purge,
				       rewinds = rewinds + 1, state = 'active', failing_since = NULL, updated_at = now()
				WHERE name = :name""")
			.param("name", name)
			.param("txid", to.position().txid())
			.param("seq", to.position().seq())
			.param("purge", to.purge())
			.update() == 1;
	}

	private static SinkRow row(ResultSet rs, int row) throws SQLException {
		return new SinkRow(rs.getString("name"), rs.getString("kind"),
				new ChangeCursor(new ChangePosition(rs.getLong("cursor_txid"), rs.getLong("cursor_seq")),
						rs.getLong("cursor_purge")),
				SinkState.of(rs.getString("state")), rs.getLong("rewinds"), instant(rs, "failing_since"),
				instant(rs, "last_delivery_at"), rs.getString("last_error"), rs.getLong("delivered"),
				rs.getLong("failed"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
