package io.heymirror.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.heymirror.heymarket.Accounts;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ContactData;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The fastest way rows get into PostgreSQL, as the limit of the rows that store contacts
 * (P1, P3): one {@code COPY ... FROM STDIN (FORMAT csv)} into a fresh table of the
 * mirror's shape ({@code LIKE contact INCLUDING ALL}: same columns, same indexes), CSV
 * encoding included in the time. Rows written are flushed to the server at once, so
 * PostgreSQL stores them while the caller fetches more.
 */
final class CopyStream implements AutoCloseable {

	private static final String COLUMNS = "account, id, uuid, phone, email, display_name, first_name, last_name, opted_out, "
			+ "team_id, created, updated, rev, raw, synced_at, seen_at";

	private static final int CHUNK = 1 << 20;

	private final Connection connection;

	private final CopyIn copy;

	private final StringBuilder chunk = new StringBuilder(CHUNK);

	private long rows;

	/** Drops and re-creates {@code table}, then opens a COPY into it. */
	CopyStream(DataSource dataSource, String table) throws SQLException {
		this.connection = dataSource.getConnection();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + table);
			statement.execute("CREATE TABLE " + table + " (LIKE contact INCLUDING ALL)");
		}
		this.copy = this.connection.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT csv)");
	}

	/** Encodes and sends the rows; each id must be new to the table. */
	void write(List<ContactData> page) throws SQLException {
		String now = Instant.now().toString();
		for (ContactData row : page) {
			csvRow(this.chunk, row, now);
			if (this.chunk.length() > CHUNK - 16384) {
				send();
			}
		}
		send();
		this.copy.flushCopy();
		this.rows += page.size();
	}

	/** Ends the COPY (the rows commit) and returns how many were stored. */
	long finish() throws SQLException {
		long stored = this.copy.endCopy();
		if (stored != this.rows) {
			throw new IllegalStateException("COPY stored " + stored + " rows of " + this.rows);
		}
		return stored;
	}

	@Override
	public void close() throws SQLException {
		try {
			if (this.copy.isActive()) {
				this.copy.cancelCopy();
			}
		}
		finally {
			this.connection.close();
		}
	}

	/** The row the sync would store for an upstream contact. */
	static ContactData row(HeymarketContact c) {
		return new ContactData(c.id(), c.uuid(), c.phone(), c.email(), c.displayName(), c.first(), c.last(),
				c.optedOut(), c.teamId(), c.created(), c.updated(), c.rev(), c.rawJson());
	}

	private void send() throws SQLException {
		if (this.chunk.isEmpty()) {
			return;
		}
		byte[] bytes = this.chunk.toString().getBytes(StandardCharsets.UTF_8);
		this.copy.writeToCopy(bytes, 0, bytes.length);
		this.chunk.setLength(0);
	}

	private static void csvRow(StringBuilder out, ContactData row, String now) {
		Object[] values = { Accounts.DEFAULT, row.id(), row.uuid(), row.phone(), row.email(), row.displayName(),
				row.firstName(), row.lastName(), row.optedOut(), row.teamId(), row.created(), row.updated(), row.rev(),
				row.rawJson(), now, now };
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append(',');
			}
			Object value = values[i];
			if (value instanceof String text) {
				out.append('"').append(text.replace("\"", "\"\"")).append('"');
			}
			else if (value != null) {
				out.append(value);
			}
		}
		out.append('\n');
	}

}
