package io.heymirror.mirror;

import java.time.Instant;
import java.util.List;

import io.heymirror.heymarket.Account;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ContactUpserterTests {

	private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

	private static final ChangeOrigin ORIGIN = ChangeOrigin.of(Account.DEFAULT, ChangeCause.REFRESH);

	@Autowired
	private ContactUpserter upserter;

	@Autowired
	private ContactRepository contacts;

	@Autowired
	private ContactDeletions deletions;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JsonMapper json;

	@BeforeEach
	void emptyMirror() {
		this.jdbc.execute("TRUNCATE contact");
	}

	@Test
	void looksUpEachContactOfAPageByItsPrimaryKeyEvenInAPlanMadeWithoutStatistics() {
		// a plan PostgreSQL caches for the statement whatever the table's size or
		// statistics: the account alone must never be what an index scan is bounded by
		String plan = this.transaction.execute((status) -> {
			this.jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
			this.jdbc.execute("PREPARE upsert_plan(text, text, text, timestamptz, timestamptz, text, text, bigint, "
					+ "boolean) AS " + numbered(ContactUpserter.UPSERT));
			List<String> lines = this.jdbc.queryForList("EXPLAIN EXECUTE upsert_plan('[]', 'default', 'default', "
					+ "now(), now(), 'default', 'walk', NULL, true)", String.class);
			this.jdbc.execute("DEALLOCATE upsert_plan");
			return String.join("\n", lines);
		});

		assertThat(plan).contains("Index Cond: ((account = $2) AND (id = i.id))")
			.doesNotContainPattern("(?m)Index Cond: \\(account = \\$[0-9]+\\)$");
	}

	@Test
	void plansEveryPageForTheTableAsItIsNeverWithAPlanCachedEarlier() {
		// a cached plan made while the table was small took the account's index, whose
		// scan for one contact walks the whole account: backfills slowed down
		// quadratically
		List<Long> generic = this.transaction.execute((status) -> {
			for (int page = 0; page < 12; page++) {
				this.upserter.upsert(List.of(contact(page * 2 + 1, 1, T0, "A"), contact(page * 2 + 2, 1, T0, "B")), T0,
						true, ORIGIN);
			}
			// nor compiled: JIT took 540 ms of a page's 545 on a mirror of 700,000
			assertThat(this.jdbc.queryForObject("SELECT current_setting('jit')", String.class)).isEqualTo("off");
			return this.jdbc.queryForList(
					"SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE 'WITH input AS%'",
					Long.class);
		});

		// pgJDBC names (server-prepares) a statement after five uses on a connection
		assertThat(generic).isNotEmpty().containsOnly(0L);
	}

	/** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1}, {@code $2}, ... */
	private static String numbered(String sql) {
		StringBuilder out = new StringBuilder();
		int n = 0;
		for (char c : sql.toCharArray()) {
			out.append((c == '?') ? "$" + (++n) : String.valueOf(c));
		}
		return out.toString();
	}

	@Test
	void insertsThenUpdatesOnlyWithANewerRevision() {
		assertThat(upsert(contact(1, 3, T0, "Ann"), contact(2, 1, T0, "Bob")).inserted()).isEqualTo(2);

		UpsertResult result = upsert(contact(1, 4, T0.plusSeconds(1), "Anne"), contact(2, 1, T0, "Bobby"));

		assertThat(result.updated()).isEqualTo(1);
		assertThat(result.unchanged()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndId(Account.DEFAULT, 1L).orElseThrow().getFirstName())
			.isEqualTo("Anne");
		assertThat(this.contacts.findByAccountAndId(Account.DEFAULT, 2L).orElseThrow().getFirstName()).isEqualTo("Bob");
	}

	@Test
	void neverReplacesANewerRevisionWithAnOlderOne() {
		upsert(contact(1, 5, T0.plusSeconds(10), "New"));

		UpsertResult result = upsert(contact(1, 4, T0.plusSeconds(20), "Old"));

		assertThat(result.unchanged()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndId(Account.DEFAULT, 1L).orElseThrow().getRev()).isEqualTo(5L);
	}

	@Test
	void comparesUpdatedWhenRevisionsAreMissing() {
		upsert(contact(1, null, T0.plusSeconds(10), "New"));

		assertThat(upsert(contact(1, null, T0, "Old")).unchanged()).isEqualTo(1);
		assertThat(upsert(contact(1, null, T0.plusSeconds(11), "Newer")).updated()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndId(Account.DEFAULT, 1L).orElseThrow().getFirstName())
			.isEqualTo("Newer");
	}

	@Test
	void keepsTheNewestVersionWhenAPageRepeatsAnId() {
		UpsertResult result = upsert(contact(7, 2, T0, "Two"), contact(7, 3, T0, "Three"), contact(7, 1, T0, "One"));

		assertThat(result.inserted()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndId(Account.DEFAULT, 7L).orElseThrow().getRev()).isEqualTo(3L);
	}

	@Test
	void storesNulCharactersAndLoneSurrogatesEscapedAndKeepsUnknownFields() {
		String raw = "{\"id\":9,\"first\":\"a\\u0000b\",\"last\":\"x\\ud800y\",\"future_field\":{\"n\":1.10}}";
		ContactData data = new ContactData(9, null, null, null, null, "a\u0000b", "x\ud800y", null, null, null, T0, 1L,
				raw);

		assertThat(upsert(data).inserted()).isEqualTo(1);

		Contact stored = this.contacts.findByAccountAndId(Account.DEFAULT, 9L).orElseThrow();
		assertThat(stored.getFirstName()).isEqualTo("a\\u0000b");
		assertThat(stored.getLastName()).isEqualTo("x\uFFFDy");
		JsonNode storedRaw = this.json.readTree(stored.getRaw());
		assertThat(storedRaw.get("first").asString()).isEqualTo("a\\u0000b");
		assertThat(storedRaw.get("future_field").get("n").decimalValue()).isEqualByComparingTo("1.10");
	}

	@Test
	void skipsAContactPostgresCannotStoreAndStoresTheRestOfThePage() {
		ContactData outOfRange = new ContactData(2, null, null, null, null, "Far", "Future", null, null,
				Instant.parse("+300000-01-01T00:00:00Z"), T0, 1L, "{\"id\":2}");

		UpsertResult result = upsert(contact(1, 1, T0, "Ann"), outOfRange, contact(3, 1, T0, "Cid"));

		assertThat(result.skippedIds()).containsExactly(2L);
		assertThat(result.inserted()).isEqualTo(2);
		assertThat(this.contacts.findAll()).extracting(Contact::getId).containsOnly(1L, 3L);
	}

	@Test
	void undeletesAContactThatComesBack() {
		upsert(contact(1, 1, T0, "Ann"));
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(1L), T0, ORIGIN));
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Account.DEFAULT, 1)).isEmpty();

		assertThat(upsert(contact(1, 1, T0, "Ann")).updated()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Account.DEFAULT, 1)).isPresent();
	}

	@Test
	void keepsTheSameIdUnderTwoAccountsApart() {
		ChangeOrigin east = ChangeOrigin.of("east", ChangeCause.WALK);
		upsert(contact(1, 1, T0, "Ann"));
		UpsertResult other = this.transaction
			.execute((status) -> this.upserter.upsert(List.of(contact(1, 1, T0, "Eve")), Instant.now(), false, east));

		assertThat(other.inserted()).as("another account's contact 1 is another contact").isEqualTo(1);
		this.transaction.executeWithoutResult((status) -> this.deletions.softDelete(List.of(1L), T0, east));

		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Account.DEFAULT, 1).orElseThrow().getFirstName())
			.isEqualTo("Ann");
		assertThat(this.contacts.findByAccountAndId("east", 1).orElseThrow().isDeleted()).isTrue();
		assertThat(this.jdbc.queryForList("SELECT account || ' ' || operation FROM contact_change "
				+ "WHERE contact_id = 1 AND account = 'east' ORDER BY txid, seq", String.class))
			.containsExactly("east created", "east deleted");
	}

	private UpsertResult upsert(ContactData... page) {
		return this.transaction.execute((status) -> this.upserter.upsert(List.of(page), Instant.now(), false, ORIGIN));
	}

	private static ContactData contact(long id, Integer rev, Instant updated, String first) {
		String raw = "{\"id\":" + id + ",\"first\":\"" + first + "\",\"rev\":" + rev + "}";
		return new ContactData(id, null, "1510555" + id, null, first, first, "Doe", false, 1L, T0, updated,
				(rev != null) ? rev.longValue() : null, raw);
	}

}
