package io.heymirror.mirror;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A search by name answers exactly what the plain filtered query would, whichever of its
 * plans answers: the ordered walk, the matches sorted out of the trigram index, or the
 * plain query. Small bounds make every plan answer some page of a few hundred contacts;
 * the expected pages are computed here, not by SQL.
 */
@IntegrationTest
class NameSearchTests {

	private static final String ACCOUNT = "names";

	private static final String[] FIRST = { "Ana", "Ana", "Ana", "Bob", "Chloé", "Dmitri", "Emily", "Zed" };

	private static final String[] LAST = { "Smith", "Smith", "Brown", "Okafor", "Lindqvist", "Nakamura" };

	private static final List<String> QUERIES = List.of("ana", "AN", "smith", "a s", "zed", "Zed Smith", "kaf", "qq",
			"nobody", "%", "_");

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transaction;

	private final List<Row> rows = new ArrayList<>();

	@BeforeEach
	void contacts() {
		this.jdbc.sql("DELETE FROM contact WHERE account = :account").param("account", ACCOUNT).update();
		SplittableRandom random = new SplittableRandom(16);
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int id = 1; id <= 400; id++) {
			// in no order on disk, and with ties (ordered by id)
			Instant updated = start.plusSeconds(random.nextInt(300));
			String first = FIRST[random.nextInt(FIRST.length)];
			String last = LAST[random.nextInt(LAST.length)];
			boolean zed = first.equals("Zed") && random.nextInt(3) != 0;
			String display = zed ? "+1555" + id : first + " " + last;
			Instant deleted = (random.nextInt(10) == 0) ? updated : null;
			boolean optedOut = random.nextInt(4) == 0;
			Row row = new Row(id, updated, display, first, last, deleted != null, optedOut);
			this.rows.add(row);
			insert(ACCOUNT, row);
		}
	}

	private void insert(String account, Row row) {
		this.jdbc.sql("""
				INSERT INTO contact (account, id, display_name, first_name, last_name, opted_out, updated, raw,
				                     synced_at, seen_at, deleted_at)
				VALUES (:account, :id, :display, :first, :last, :optedOut, :updated, '{}'::jsonb, now(), now(),
				        :deleted)""")
			.param("account", account)
			.param("id", row.id())
			.param("display", row.display())
			.param("first", row.first())
			.param("last", row.last())
			.param("optedOut", row.optedOut())
			.param("updated", Timestamp.from(row.updated()))
			.param("deleted", row.deleted() ? Timestamp.from(row.updated()) : null)
			.update();
	}

	@Test
	void everyPlanAnswersWhatThePlainQueryWould() {
		// walk 2 x limit contacts, sort up to 3 x limit matches: with pages of 7, dense
		// names are answered by the walk, rare ones from the index, the rest by the plain
		// query
		ContactQueries small = new ContactQueries(this.dataSource, transactions(), Duration.ofSeconds(10), 2, 3);
		ContactQueries standard = new ContactQueries(this.dataSource, transactions(), Duration.ofSeconds(10));
		for (String q : QUERIES) {
			for (Boolean optedOut : new Boolean[] { null, true }) {
				for (boolean includeDeleted : new boolean[] { false, true }) {
					ContactFilter filter = new ContactFilter(ACCOUNT, null, null, q, optedOut, null, includeDeleted);
					List<Long> expected = expected(q, optedOut, includeDeleted);
					assertThat(allPages(small, filter, 7)).as("%s, pages of 7", filter).isEqualTo(expected);
					assertThat(allPages(standard, filter, 51)).as("%s, pages of 51", filter).isEqualTo(expected);
					assertThat(allPagesInOneTransaction(small, filter, 7)).as("%s, pages of 7 in a transaction", filter)
						.isEqualTo(expected);
				}
			}
		}
	}

	@Test
	void aSearchInTheCallersTransactionLeavesItsPlanSettingsAlone() {
		ContactQueries small = new ContactQueries(this.dataSource, transactions(), Duration.ofSeconds(10), 2, 3);
		for (String q : QUERIES) {
			ContactFilter filter = new ContactFilter(ACCOUNT, null, null, q, null, null, false);
			this.transaction.executeWithoutResult((status) -> {
				String before = planSettings();
				small.page(filter, null, 7);
				assertThat(planSettings()).as(q).isEqualTo(before).contains("enable_seqscan=on");
			});
		}
	}

	private String planSettings() {
		return this.jdbc
			.sql("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings"
					+ " WHERE name IN ('enable_seqscan', 'enable_indexscan', 'jit')")
			.query(String.class)
			.single();
	}

	@Test
	void rareNamesAreSortedOutOfTheTrigramIndex() {
		long before = trigramScans();
		// of every account: with one named, a table never analysed may be read through
		// the account's index
		ContactFilter filter = new ContactFilter(null, null, null, "Zed Smith", null, null, false);
		ContactQueries queries = new ContactQueries(this.dataSource, transactions(), Duration.ofSeconds(10));
		List<Long> page = searchAndFlush(queries, filter, 51);
		assertThat(page).isEqualTo(expected("Zed Smith", null, false)).isNotEmpty();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(trigramScans()).isGreaterThan(before));
	}

	@Test
	void aNameTooCommonForTheIndexStepGoesStraightToThePlainQuery() {
		this.jdbc.sql("DELETE FROM contact WHERE account = 'band'").update();
		// first in page order, before every other test's contacts; every third one
		// matches
		Instant start = Instant.parse("1990-01-01T00:00:00Z");
		for (int id = 1; id <= 60; id++) {
			insert("band", new Row(id, start.plusSeconds(id), ((id % 3 == 1) ? "Bandmember " : "Other ") + id, "", "",
					false, false));
		}
		// walk 2 x 7 contacts, sort up to 3 x 7 matches: the walk finds 5 of 7, and at
		// one
		// in 3 the plain query reads fewer contacts (21) than the index step could sort
		ContactQueries small = new ContactQueries(this.dataSource, transactions(), Duration.ofSeconds(10), 2, 3);
		ContactFilter band = new ContactFilter(null, null, null, "bandmember", null, null, false);
		ContactFilter rare = new ContactFilter(null, null, null, "Zed Smith", null, null, false);
		long before = trigramScans();
		searchAndFlush(small, rare, 7);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(trigramScans()).isGreaterThan(before));
		long rareScans = trigramScans() - before;

		List<Long> page = searchAndFlush(small, band, 7);
		long afterBand = trigramScans();
		searchAndFlush(small, rare, 7);

		assertThat(page).containsExactly(1L, 4L, 7L, 10L, 13L, 16L, 19L);
		// the second rare search's scans arrive after the band's, if it had any
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(trigramScans()).isGreaterThanOrEqualTo(afterBand + rareScans));
		assertThat(trigramScans()).isEqualTo(before + 2 * rareScans);
	}

	@AfterEach
	void removeTheBand() {
		// its contacts come first in every other test's order of all accounts
		this.jdbc.sql("DELETE FROM contact WHERE account = 'band'").update();
	}

	/**
	 * The first page's ids, read in a transaction that flushes this backend's statistics
	 * (index scans) at its end.
	 */
	private List<Long> searchAndFlush(ContactQueries queries, ContactFilter filter, int limit) {
		return this.transaction.execute((status) -> {
			List<Long> ids = queries.page(filter, null, limit).stream().map(StoredContact::id).toList();
			this.jdbc.sql("SELECT pg_stat_force_next_flush()").query().listOfRows();
			return ids;
		});
	}

	private PlatformTransactionManager transactions() {
		return Objects.requireNonNull(this.transaction.getTransactionManager());
	}

	/** Every page, each read as the API reads it: in no transaction of the caller's. */
	private List<Long> allPages(ContactQueries queries, ContactFilter filter, int limit) {
		List<Long> ids = new ArrayList<>();
		ContactPosition after = null;
		while (true) {
			List<StoredContact> page = queries.page(filter, after, limit);
			page.forEach((contact) -> ids.add(contact.id()));
			if (page.size() < limit) {
				return ids;
			}
			StoredContact last = page.get(page.size() - 1);
			after = new ContactPosition(last.updated(), last.account(), last.id());
		}
	}

	private List<Long> allPagesInOneTransaction(ContactQueries queries, ContactFilter filter, int limit) {
		return this.transaction.execute((status) -> allPages(queries, filter, limit));
	}

	private List<Long> expected(String q, Boolean optedOut, boolean includeDeleted) {
		String part = q.toLowerCase(Locale.ROOT);
		return this.rows.stream()
			.filter((row) -> includeDeleted || !row.deleted())
			.filter((row) -> optedOut == null || row.optedOut() == optedOut)
			.filter((row) -> row.display().toLowerCase(Locale.ROOT).contains(part)
					|| row.first().toLowerCase(Locale.ROOT).contains(part)
					|| row.last().toLowerCase(Locale.ROOT).contains(part))
			.sorted(Comparator.comparing(Row::updated).thenComparing(Row::id))
			.map(Row::id)
			.toList();
	}

	private long trigramScans() {
		return this.jdbc.sql("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'contact_names_trgm_idx'")
			.query(Long.class)
			.single();
	}

	private record Row(long id, Instant updated, String display, String first, String last, boolean deleted,
			boolean optedOut) {
	}

}
