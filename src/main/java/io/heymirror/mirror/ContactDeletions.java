package io.heymirror.mirror;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes contacts from the mirror: soft deletes (the contact is gone upstream; reads
 * hide it, the change log gets a {@code deleted} entry with its last known JSON, in the
 * same statement) and the retention purge of soft-deleted rows, which is not a change of
 * the mirror and appends nothing.
 */
@Component
public class ContactDeletions {

	static final String SOFT_DELETE = """
			WITH gone AS (
			    UPDATE contact SET deleted_at = :now, change_version = change_version + 1
			    WHERE account = :account AND id IN (:ids) AND deleted_at IS NULL
			    RETURNING id, raw, updated, change_version
			), logged AS (
			    INSERT INTO contact_change (account, contact_id, version, operation, data, updated, cause, run_id)
			    SELECT :account, id, change_version, 'deleted', raw, updated, :cause, :runId FROM gone WHERE :log
			    ORDER BY id
			)
			SELECT count(*) FROM gone""";

	static final String PURGE = "DELETE FROM contact WHERE deleted_at < :cutoff RETURNING account, id";

	private final JdbcClient jdbc;

	private final ChangeLogProperties changeLog;

	private final ApplicationEventPublisher events;

	ContactDeletions(JdbcClient jdbc, ChangeLogProperties changeLog, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.changeLog = changeLog;
		this.events = events;
	}

	/**
	 * Marks live contacts of the origin's account deleted, in the caller's transaction if
	 * there is one.
	 * @return how many were live and are now deleted
	 */
	@Transactional
	public int softDelete(Collection<Long> ids, Instant now, ChangeOrigin origin) {
		if (ids.isEmpty()) {
			return 0;
		}
		long deleted = this.jdbc.sql(SOFT_DELETE)
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("account", origin.account())
			.param("ids", ids)
			.param("cause", origin.cause().label())
			.param("runId", origin.runId(), java.sql.Types.BIGINT)
			.param("log", this.changeLog.enabled())
			.query(Long.class)
			.single();
		if (deleted > 0 && this.changeLog.enabled()) {
			this.events.publishEvent(new ChangesAppended(0, 0, (int) deleted, 0));
		}
		return (int) deleted;
	}

	/**
	 * Removes soft-deleted rows deleted before {@code cutoff} for good, and publishes
	 * {@link ContactsPurged} in the same transaction.
	 * @return how many rows were removed
	 */
	@Transactional
	public int purgeDeletedBefore(Instant cutoff) {
		List<ContactKey> purged = this.jdbc.sql(PURGE)
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.query((rs, row) -> new ContactKey(rs.getString("account"), rs.getLong("id")))
			.list();
		if (!purged.isEmpty()) {
			this.events.publishEvent(new ContactsPurged(purged));
		}
		return purged.size();
	}

}
