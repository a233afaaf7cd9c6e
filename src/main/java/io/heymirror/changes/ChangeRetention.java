package io.heymirror.changes;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.heymirror.mirror.ContactKey;
import io.heymirror.mirror.ContactsPurged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the change log within {@code heymirror.changes.retention}, and forgets the
 * entries of contacts whose rows the mirror purges. Every removal a reader could have
 * been served is recorded as a purge horizon, which is how a cursor learns that it missed
 * entries.
 */
@Component
public class ChangeRetention {

	private static final Logger log = LoggerFactory.getLogger(ChangeRetention.class);

	/**
	 * Entries past retention, except the newest entry of each live contact, and entries
	 * superseded by a newer version of their contact positioned before them (never
	 * served, and removed so that they cannot resurface once their successor is purged).
	 * Only positions below the oldest transaction in flight are touched. Entries after
	 * the held position (a sink has not received them) stay until they are older than the
	 * hold cutoff.
	 */
	static final String PURGE = """
			WITH horizon AS (
			    SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin
			), doomed AS (
			    SELECT c.txid, c.seq,
			           EXISTS (SELECT 1 FROM contact_change s
			                   WHERE s.account = c.account AND s.contact_id = c.contact_id
			                     AND s.version > c.version AND s.txid < c.txid) AS superseded,
			           c.changed_at < :cutoff
			           AND ((c.txid, c.seq) <= (:heldTxid, :heldSeq) OR c.changed_at < :holdCutoff)
			           AND (c.operation = 'deleted'
			               OR EXISTS (SELECT 1 FROM contact_change n
			                          WHERE n.account = c.account AND n.contact_id = c.contact_id
			                            AND n.version > c.version)) AS expired
			    FROM contact_change c, horizon h
			    WHERE c.txid < h.xmin
			), gone AS (
			    DELETE FROM contact_change c USING doomed d
			    WHERE c.txid = d.txid AND c.seq = d.seq AND (d.superseded OR d.expired)
			    RETURNING c.txid, c.seq, d.superseded
			), recorded AS (
			    INSERT INTO contact_change_purge (txid, seq, removed)
			    SELECT txid, seq, (SELECT count(*) FROM gone) FROM gone
			    WHERE NOT superseded ORDER BY txid DESC, seq DESC LIMIT 1
			)
			SELECT count(*) FROM gone""";

	static final String FORGET = """
			WITH gone AS (
			    DELETE FROM contact_change c
			    USING unnest(CAST(:accounts AS text[]), CAST(:ids AS bigint[])) AS purged (account, id)
			    WHERE c.account = purged.account AND c.contact_id = purged.id
			    RETURNING c.txid, c.seq
			), recorded AS (
			    INSERT INTO contact_change_purge (txid, seq, removed)
			    SELECT txid, seq, (SELECT count(*) FROM gone) FROM gone ORDER BY txid DESC, seq DESC LIMIT 1
			)
			SELECT count(*) FROM gone""";

	private static final ChangePosition NOTHING_HELD = new ChangePosition(Long.MAX_VALUE, Long.MAX_VALUE);

	private final JdbcClient jdbc;

	private final ChangesProperties properties;

	private final Clock clock;

	private final List<RetentionHold> holds;

	ChangeRetention(JdbcClient jdbc, ChangesProperties properties, Clock clock, List<RetentionHold> holds) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.holds = holds;
	}

	/**
	 * Purges what is past retention.
	 * @return how many entries were removed
	 */
	@Transactional
	public long purge() {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(this.properties.retention());
		ChangePosition held = held();
		long removed = this.jdbc.sql(PURGE)
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.param("heldTxid", held.txid())
			.param("heldSeq", held.seq())
			.param("holdCutoff", OffsetDateTime.ofInstant(now.minus(this.properties.maxHold()), ZoneOffset.UTC))
			.query(Long.class)
			.single();
		log.info("Retention: purged {} change log entries (older than {} or superseded){}", removed, cutoff,
				held.equals(NOTHING_HELD) ? "" : "; entries after " + held + " held for a sink");
		return removed;
	}

	/** The lowest position every hold has received up to. */
	private ChangePosition held() {
		return this.holds.stream()
			.map(RetentionHold::heldAfter)
			.flatMap(Optional::stream)
			.min(ChangePosition::compareTo)
			.orElse(NOTHING_HELD);
	}

	/**
	 * A deleted contact's last JSON leaves the log with its row, in the same transaction.
	 */
	@EventListener
	void contactsPurged(ContactsPurged purged) {
		long removed = this.jdbc.sql(FORGET)
			.param("accounts", purged.keys().stream().map(ContactKey::account).toArray(String[]::new))
			.param("ids", purged.keys().stream().map(ContactKey::id).toArray(Long[]::new))
			.query(Long.class)
			.single();
		if (removed > 0) {
			log.info("Retention: removed {} change log entries of {} purged contacts", removed, purged.keys().size());
		}
	}

}
