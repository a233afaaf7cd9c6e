package io.heymirror.mirror;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes pages of contacts with one native
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} per page: the page travels as one
 * {@code jsonb} array, PostgreSQL unpacks it, and the {@code WHERE} clause is the
 * never-regress guard (newer {@code rev} when both sides have one, else newer
 * {@code updated}). Runs in the caller's transaction, so the caller can advance its
 * checkpoint atomically with the contacts.
 */
@Component
public class ContactUpserter {

	private static final Logger log = LoggerFactory.getLogger(ContactUpserter.class);

	/**
	 * The page as one {@code jsonb} array in, one row per contact written out, with the
	 * change-log entry of each real change appended by the same statement.
	 * {@code previous} locks and reads the rows before the upsert replaces them (the
	 * upsert's source joins it so that it is read first), one primary-key lookup per
	 * contact whatever the statistics say: as a join, a plan cached while the table was
	 * small (or never analysed) read the account's every row for each page, which grows
	 * with the mirror. {@code changed} keeps created, restored and updated rows whose
	 * JSON differs.
	 */
	static final String UPSERT = """
			WITH input AS (
			    SELECT (e->>'id')::bigint AS id, e->>'uuid' AS uuid, e->>'phone' AS phone, e->>'email' AS email,
			           e->>'displayName' AS display_name, e->>'firstName' AS first_name, e->>'lastName' AS last_name,
			           (e->>'optedOut')::boolean AS opted_out, (e->>'teamId')::bigint AS team_id,
			           (e->>'created')::timestamptz AS created, (e->>'updated')::timestamptz AS updated,
			           (e->>'rev')::bigint AS rev, e->'raw' AS raw
			    FROM jsonb_array_elements(?::jsonb) AS e
			), previous AS (
			    SELECT c.id, c.raw, c.deleted_at FROM input i CROSS JOIN LATERAL (
			        SELECT c.id, c.raw, c.deleted_at FROM contact c WHERE c.account = ? AND c.id = i.id
			        FOR NO KEY UPDATE
			    ) c
			), written AS (
			    INSERT INTO contact AS c (account, id, uuid, phone, email, display_name, first_name, last_name, opted_out,
			                              team_id, created, updated, rev, raw, synced_at, seen_at, deleted_at)
			    SELECT ?, i.id, i.uuid, i.phone, i.email, i.display_name, i.first_name, i.last_name, i.opted_out,
			           i.team_id, i.created, i.updated, i.rev, i.raw, ?, ?, NULL
			    FROM input i LEFT JOIN previous p ON p.id = i.id
			    ON CONFLICT (account, id) DO UPDATE SET
			        uuid = excluded.uuid, phone = excluded.phone, email = excluded.email,
			        display_name = excluded.display_name, first_name = excluded.first_name,
			        last_name = excluded.last_name, opted_out = excluded.opted_out, team_id = excluded.team_id,
			        created = excluded.created, updated = excluded.updated, rev = excluded.rev, raw = excluded.raw,
			        synced_at = excluded.synced_at, seen_at = excluded.seen_at, deleted_at = NULL,
			        change_version = c.change_version
			            + CASE WHEN c.deleted_at IS NULL AND c.raw = excluded.raw THEN 0 ELSE 1 END
			    WHERE c.deleted_at IS NOT NULL
			       OR CASE WHEN c.rev IS NOT NULL AND excluded.rev IS NOT NULL THEN excluded.rev > c.rev
			               ELSE excluded.updated > c.updated END
			    RETURNING c.id, (c.xmax = 0) AS inserted, c.raw, c.updated, c.change_version
			), changed AS (
			    SELECT w.id, w.raw, w.updated, w.change_version, p.raw AS previous_raw,
			           CASE WHEN w.inserted THEN 'created' WHEN p.deleted_at IS NOT NULL THEN 'restored'
			                ELSE 'updated' END AS operation
			    FROM written w LEFT JOIN previous p ON p.id = w.id
			    WHERE w.inserted OR p.deleted_at IS NOT NULL OR p.raw IS DISTINCT FROM w.raw
			), logged AS (
			    INSERT INTO contact_change (account, contact_id, version, operation, changed_fields, data, updated, cause,
			                                run_id)
			    SELECT ?, id, change_version, operation,
			           CASE WHEN operation = 'updated' THEN (
			               SELECT string_agg(k, ',' ORDER BY k)
			               FROM (SELECT jsonb_object_keys(raw) UNION SELECT jsonb_object_keys(previous_raw)) AS keys (k)
			               WHERE raw -> k IS DISTINCT FROM previous_raw -> k) END,
			           raw, updated, ?, ?
			    FROM changed WHERE ? ORDER BY id
			)
			SELECT w.id, w.inserted, ch.operation FROM written w LEFT JOIN changed ch ON ch.id = w.id
			""";

	static final String MARK_SEEN = "UPDATE contact SET seen_at = ? WHERE account = ? AND id = ANY (?::bigint[]) "
			+ "AND seen_at < ?";

	private final JsonMapper jsonMapper;

	private final PostgresText postgresText;

	private final EntityManager entityManager;

	private final ChangeLogProperties changeLog;

	private final ApplicationEventPublisher events;

	public ContactUpserter(EntityManager entityManager, JsonMapper jsonMapper, ChangeLogProperties changeLog,
			ApplicationEventPublisher events) {
		this.entityManager = entityManager;
		this.jsonMapper = jsonMapper;
		this.postgresText = new PostgresText(jsonMapper);
		this.changeLog = changeLog;
		this.events = events;
	}

	/**
	 * Upserts a page in the current transaction. A contact PostgreSQL refuses for its
	 * content is skipped (and reported in the result) while the rest of the page is
	 * stored; any other database error fails the whole page.
	 * @param page the contacts; an id appearing twice keeps its newest version
	 * @param now the sync time written to {@code synced_at} and {@code seen_at}
	 * @param markSeen also mark unchanged contacts as seen (full scans use this to find
	 * deletions)
	 * @param origin the account whose contacts these are, and what the change log records
	 * as the cause of these changes
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UpsertResult upsert(Collection<ContactData> page, Instant now, boolean markSeen, ChangeOrigin origin) {
		if (page.isEmpty()) {
			return UpsertResult.EMPTY;
		}
		List<ContactData> contacts = newestPerId(page);
		List<String> appended = new ArrayList<>();
		UpsertResult result = session().doReturningWork((connection) -> {
			planForThisPage(connection);
			Savepoint savepoint = connection.setSavepoint();
			try {
				UpsertResult stored = execute(connection, contacts, now, markSeen, origin, appended);
				connection.releaseSavepoint(savepoint);
				return stored;
			}
			catch (SQLException ex) {
				if (!rejectsContent(ex)) {
					throw ex;
				}
				connection.rollback(savepoint);
				appended.clear();
				log.warn("Batch upsert of {} contacts failed ({}); storing them one by one", contacts.size(),
						ex.getSQLState());
				return upsertOneByOne(connection, contacts, now, markSeen, origin, appended);
			}
		});
		if (this.changeLog.enabled() && !appended.isEmpty()) {
			this.events.publishEvent(ChangesAppended.of(appended));
		}
		return result;
	}

	/**
	 * Has PostgreSQL plan this transaction's statements for the table as it is now. A
	 * plan it caches for a prepared statement is made once, often while the table is
	 * still small or has no statistics (autovacuum off or behind); it then took the
	 * account's index, whose scan for one contact walks the account's every entry, and a
	 * backfill slowed down with the square of its size (the bench's writer at 330 rows/s
	 * at 200,000 contacts). No JIT either: once the table is large its cost estimates
	 * pass the JIT thresholds, and compiling took 540 ms of a 30-contact page's 545 at
	 * 700,000 contacts.
	 */
	private static void planForThisPage(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off");
		}
	}

	private UpsertResult upsertOneByOne(Connection connection, List<ContactData> contacts, Instant now,
			boolean markSeen, ChangeOrigin origin, List<String> appended) throws SQLException {
		UpsertResult total = UpsertResult.EMPTY;
		for (ContactData contact : contacts) {
			Savepoint savepoint = connection.setSavepoint();
			List<String> one = new ArrayList<>(1);
			try {
				total = total.plus(execute(connection, List.of(contact), now, markSeen, origin, one));
				appended.addAll(one);
				connection.releaseSavepoint(savepoint);
			}
			catch (SQLException ex) {
				if (!rejectsContent(ex)) {
					throw ex;
				}
				connection.rollback(savepoint);
				log.error("Contact id={} of account {} cannot be stored and is skipped: SQLState {}", contact.id(),
						origin.account(), ex.getSQLState());
				total = total.plus(new UpsertResult(0, 0, 0, List.of(contact.id())));
			}
		}
		return total;
	}

	/**
	 * Whether PostgreSQL refused the contacts for their own content (SQLState class 22,
	 * data exception, or 23, integrity constraint violation), the only failure a contact
	 * may be skipped for. Anything else (deadlock, serialization failure, lock or
	 * statement timeout, lost connection) says nothing about the contact: the page fails
	 * and its checkpoint does not move.
	 */
	static boolean rejectsContent(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

	private UpsertResult execute(Connection connection, List<ContactData> contacts, Instant now, boolean markSeen,
			ChangeOrigin origin, List<String> appended) throws SQLException {
		OffsetDateTime timestamp = now.atOffset(ZoneOffset.UTC);
		int inserted = 0;
		List<Long> written = new ArrayList<>(contacts.size());
		try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
			statement.setString(1, toJsonArray(contacts));
			statement.setString(2, origin.account());
			statement.setString(3, origin.account());
			statement.setObject(4, timestamp);
			statement.setObject(5, timestamp);
			statement.setString(6, origin.account());
			statement.setString(7, origin.cause().label());
			statement.setObject(8, origin.runId(), Types.BIGINT);
			statement.setBoolean(9, this.changeLog.enabled());
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					written.add(rows.getLong(1));
					if (rows.getBoolean(2)) {
						inserted++;
					}
					String operation = rows.getString(3);
					if (operation != null) {
						appended.add(operation);
					}
				}
			}
		}
		int updated = written.size() - inserted;
		int unchanged = contacts.size() - written.size();
		if (markSeen && unchanged > 0) {
			markSeen(connection, origin.account(), contacts, written, timestamp);
		}
		return new UpsertResult(inserted, updated, unchanged, List.of());
	}

	private void markSeen(Connection connection, String account, List<ContactData> contacts, List<Long> written,
			OffsetDateTime now) throws SQLException {
		Set<Long> done = new HashSet<>(written);
		Long[] ids = contacts.stream().map(ContactData::id).filter((id) -> !done.contains(id)).toArray(Long[]::new);
		try (PreparedStatement statement = connection.prepareStatement(MARK_SEEN)) {
			statement.setObject(1, now);
			statement.setString(2, account);
			statement.setArray(3, connection.createArrayOf("bigint", ids));
			statement.setObject(4, now);
			statement.executeUpdate();
		}
	}

	private String toJsonArray(List<ContactData> contacts) {
		StringWriter out = new StringWriter(contacts.size() * 1024);
		try (JsonGenerator json = this.jsonMapper.createGenerator(out)) {
			json.writeStartArray();
			for (ContactData contact : contacts) {
				json.writeStartObject();
				json.writeNumberProperty("id", contact.id());
				json.writeStringProperty("uuid", PostgresText.text(contact.uuid()));
				json.writeStringProperty("phone", PostgresText.text(contact.phone()));
				json.writeStringProperty("email", PostgresText.text(contact.email()));
				json.writeStringProperty("displayName", PostgresText.text(contact.displayName()));
				json.writeStringProperty("firstName", PostgresText.text(contact.firstName()));
				json.writeStringProperty("lastName", PostgresText.text(contact.lastName()));
				if (contact.optedOut() != null) {
					json.writeBooleanProperty("optedOut", contact.optedOut());
				}
				if (contact.teamId() != null) {
					json.writeNumberProperty("teamId", contact.teamId());
				}
				json.writeStringProperty("created", (contact.created() != null) ? contact.created().toString() : null);
				json.writeStringProperty("updated", contact.updated().toString());
				if (contact.rev() != null) {
					json.writeNumberProperty("rev", contact.rev());
				}
				json.writeName("raw");
				json.writeRawValue(this.postgresText.json(contact.rawJson()));
				json.writeEndObject();
			}
			json.writeEndArray();
		}
		return out.toString();
	}

	private static List<ContactData> newestPerId(Collection<ContactData> page) {
		Map<Long, ContactData> newest = new LinkedHashMap<>(page.size() * 2);
		for (ContactData contact : page) {
			newest.merge(contact.id(), contact, (a, b) -> b.isNewerThan(a) ? b : a);
		}
		return new ArrayList<>(newest.values());
	}

	private Session session() {
		return this.entityManager.unwrap(Session.class);
	}

}
