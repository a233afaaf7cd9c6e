package io.heymirror.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.heymirror.HeymirrorApplication;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.ListOrder;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.TimestampPrecision;
import io.heymirror.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several accounts in one deployment, each against its own simulated Heymarket: every
 * account converges to exactly its own upstream, two replicas on one database share the
 * accounts without ever running one twice at once, and a failing account delays no other.
 */
class AccountsSyncTests {

	private static final Logger log = LoggerFactory.getLogger(AccountsSyncTests.class);

	private final List<AutoCloseable> started = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.started.reversed()) {
			closeable.close();
		}
	}

	@Test
	void threeAccountsOfDifferentSizesSemanticsAndFaultsEachConvergeToExactlyTheirOwnUpstream() throws Exception {
		HeymarketSimulator east = simulator("east", 21, 2500);
		east.settings().order(ListOrder.DESCENDING).dateInclusive(false);
		HeymarketSimulator west = simulator("west", 22, 400);
		west.settings().precision(TimestampPrecision.MILLIS).faults().seed(22).serviceUnavailable(0.05);
		HeymarketSimulator north = simulator("north", 23, 1200);
		north.settings().listRev(false).churn(5, 10, 2, 1);
		String url = TestDatabase.createDatabase("heymirror_accounts_three");
		List<String> args = new ArrayList<>(List.of("--heymirror.sync.interval=PT1S",
				"--heymirror.accounts.north.sync.strategy=v2-keyset", "--heymirror.accounts.east.api-keys=east-reader",
				"--heymirror.accounts.west.api-keys=west-reader"));
		args.addAll(account("east", east));
		args.addAll(account("west", west));
		args.addAll(account("north", north));
		ConfigurableApplicationContext app = replica(url, new RunLog(), args);
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

		await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
			assertThat(mirror(jdbc, "east")).isEqualTo(upstream(east));
			assertThat(mirror(jdbc, "west")).isEqualTo(upstream(west));
		});
		north.settings().stopChurn();
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(mirror(jdbc, "north")).isEqualTo(upstream(north)));

		assertThat(app.getBean(SyncControl.class).accounts()).containsExactly("east", "north", "west");
		assertThat(jdbc.queryForList("SELECT DISTINCT account FROM contact_change ORDER BY account", String.class))
			.containsExactly("east", "north", "west");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE id = 1", Long.class))
			.as("the same Heymarket id in three accounts is three contacts")
			.isEqualTo(3);
		readsEachAccountApart(app, jdbc);
	}

	/**
	 * The read routes serve the account named, and the list pages through every account;
	 * a key bound to an account needs to name none, even without an account default.
	 */
	private static void readsEachAccountApart(ConfigurableApplicationContext app, JdbcTemplate jdbc) throws Exception {
		String eastRaw = jdbc.queryForObject("SELECT raw->>'phone' FROM contact WHERE account = 'east' AND id = 1",
				String.class);
		String westRaw = jdbc.queryForObject("SELECT raw->>'phone' FROM contact WHERE account = 'west' AND id = 1",
				String.class);
		assertThat(get(app, "/v1/contact/1", "east")).as("the header names the account").contains(eastRaw);
		assertThat(get(app, "/v1/contact/1?account=west", null)).as("so does the parameter").contains(westRaw);
		assertThat(get(app, "/api/contacts/1?account=west", null)).contains("\"account\":\"west\"");
		assertThat(get(app, "/v1/contact/1", null)).as("no account default: the caller must say")
			.contains("the accounts are east, north, west");
		assertThat(get(app, "/v1/contact/1", "nowhere")).contains("No account 'nowhere'");
		long live = jdbc.queryForObject("SELECT count(*) FROM contact WHERE deleted_at IS NULL", Long.class);
		assertThat(get(app, "/api/contacts/count", null)).isEqualTo("{\"count\":" + live + "}");
		assertThat(get(app, "/api/contacts/count?account=east", null))
			.isEqualTo("{\"count\":" + mirror(jdbc, "east").size() + "}");
		Set<String> listed = new HashSet<>();
		String cursor = null;
		do {
			JsonNode page = JsonMapper.shared()
				.readTree(get(app, "/api/contacts?limit=500" + ((cursor != null) ? "&cursor=" + cursor : ""), null));
			page.get("contacts")
				.forEach((contact) -> listed.add(contact.get("account").asString() + "/" + contact.get("id").asLong()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(listed).as("pages over (updated, account, id) miss no contact of any account").hasSize((int) live);

		assertThat(get(app, "/v1/contact/1", null, "east-reader")).as("a bound key names no account").contains(eastRaw);
		assertThat(get(app, "/v1/contact/1", null, "west-reader")).contains(westRaw);
		assertThat(get(app, "/v1/contact/1", "west", "east-reader")).contains("This key reads only the account 'east'.")
			.doesNotContain("north");
		assertThat(get(app, "/api/contacts/count", null, "west-reader"))
			.isEqualTo("{\"count\":" + mirror(jdbc, "west").size() + "}");
		long eastOnly = jdbc.queryForObject("""
				SELECT min(id) FROM contact WHERE account = 'east' AND deleted_at IS NULL
				AND id NOT IN (SELECT id FROM contact WHERE account = 'west')""", Long.class);
		assertThat(get(app, "/api/contacts/" + eastOnly, null, "east-reader")).contains("\"account\":\"east\"");
		assertThat(get(app, "/api/contacts/" + eastOnly, null, "west-reader")).contains("/problems/not-found");
		assertThat(get(app, "/api/changes?limit=1000", null, "west-reader")).contains("\"source\":\"heymirror/west\"")
			.doesNotContain("heymirror/east")
			.doesNotContain("heymirror/north");
	}

	private static String get(ConfigurableApplicationContext app, String path, String account) throws Exception {
		return get(app, path, account, "test-key");
	}

	private static String get(ConfigurableApplicationContext app, String path, String account, String key)
			throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + key);
		if (account != null) {
			request.header("Heymirror-Account", account);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	@Test
	void twoReplicasOnOneDatabaseShareSixAccountsAndNeverRunOneTwiceAtOnce() {
		List<String> args = new ArrayList<>(
				List.of("--heymirror.sync.interval=PT1S", "--heymirror.sync.max-concurrent-accounts=2"));
		Map<String, HeymarketSimulator> simulators = new TreeMap<>();
		for (int i = 1; i <= 6; i++) {
			HeymarketSimulator simulator = simulator("a" + i, 30 + i, 200 * i);
			simulator.settings().faults().latency(Duration.ofMillis(5));
			simulators.put("a" + i, simulator);
			args.addAll(account("a" + i, simulator));
		}
		String url = TestDatabase.createDatabase("heymirror_accounts_replicas");
		RunLog first = new RunLog();
		RunLog second = new RunLog();
		ConfigurableApplicationContext one = replica(url, first, args);
		replica(url, second, args);
		JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);

		await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
			assertThat(first.total()).isGreaterThanOrEqualTo(12);
			assertThat(second.total()).isGreaterThanOrEqualTo(12);
			simulators.forEach((account, simulator) -> assertThat(mirror(jdbc, account)).as(account)
				.isEqualTo(upstream(simulator)));
		});

		log.info("Two replicas, six accounts, at most 2 runs each at once: replica 1 ran {}, replica 2 ran {}",
				first.byAccount(), second.byAccount());
		assertThat(overlappingRuns(jdbc)).as("runs of one account that overlapped in time").isEmpty();
		assertThat(first.total() + second.total()).isGreaterThanOrEqualTo(24);
	}

	@Test
	void aFailingAccountDelaysNoOtherAndNeitherExceedsItsBudget() throws Exception {
		// one Heymarket, two keys; the second is revoked: every call of its account fails
		HeymarketSimulator shared = simulator("good", 41, 600);
		String url = TestDatabase.createDatabase("heymirror_accounts_budget");
		List<String> args = new ArrayList<>(
				List.of("--heymirror.sync.interval=PT1S", "--heymirror.heymarket.retry.max-attempts=1"));
		args.addAll(account("good", shared));
		args.addAll(List.of("--heymirror.accounts.good.requests-per-minute=200",
				"--heymirror.accounts.bad.api-key=revoked-key", "--heymirror.accounts.bad.base-url=" + shared.baseUrl(),
				"--heymirror.accounts.bad.requests-per-minute=10"));
		RunLog runs = new RunLog();
		ConfigurableApplicationContext app = replica(url, runs, args);
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			assertThat(runs.outcomes("good")).contains("SUCCEEDED");
			assertThat(runs.outcomes("bad")).contains("FAILED");
		});

		assertThat(runs.outcomes("good")).as("the good account's first run, while the bad one fails")
			.first()
			.isEqualTo("SUCCEEDED");
		assertThat(mirror(jdbc, "good")).isEqualTo(upstream(shared));
		// between its runs (a run alive counts as UP, as a long backfill does)
		await().pollInterval(Duration.ofMillis(50))
			.atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(health(app)).as("the sync health names the failing account")
				.contains("\"down\":[\"bad\"]")
				.endsWith("\"status\":\"DOWN\"}"));
		List<Instant> bad = new ArrayList<>();
		List<Instant> good = new ArrayList<>();
		shared.requestLog().all().forEach((request) -> ((request.status() == 401) ? bad : good).add(request.at()));
		assertThat(busiestMinute(bad)).as("requests of the revoked key in any minute").isBetween(1, 10);
		assertThat(busiestMinute(good)).as("requests of the good key in any minute").isLessThanOrEqualTo(200);
	}

	private static String health(ConfigurableApplicationContext app) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/sync"))
			.header("Authorization", "Bearer test-key")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static int busiestMinute(List<Instant> arrivals) {
		int busiest = 0;
		for (int i = 0; i < arrivals.size(); i++) {
			Instant end = arrivals.get(i).plusSeconds(60);
			int count = 0;
			for (int j = i; j < arrivals.size() && arrivals.get(j).isBefore(end); j++) {
				count++;
			}
			busiest = Math.max(busiest, count);
		}
		return busiest;
	}

	/** Pairs of runs of one account whose times overlap. */
	private static List<String> overlappingRuns(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT a.account || ': runs ' || a.id || ' and ' || b.id FROM sync_run a JOIN sync_run b
				ON a.account = b.account AND a.id < b.id
				AND tstzrange(a.started_at, coalesce(a.ended_at, 'infinity')) && tstzrange(b.started_at,
				    coalesce(b.ended_at, 'infinity'))""", String.class);
	}

	private HeymarketSimulator simulator(String account, long seed, int contacts) {
		HeymarketSimulator simulator = HeymarketSimulator.builder()
			.apiKey(account + "-key")
			.seed(seed)
			.contacts(contacts)
			.build()
			.start();
		this.started.add(simulator::close);
		return simulator;
	}

	private static List<String> account(String name, HeymarketSimulator simulator) {
		return List.of("--heymirror.accounts." + name + ".api-key=" + name + "-key",
				"--heymirror.accounts." + name + ".base-url=" + simulator.baseUrl());
	}

	private ConfigurableApplicationContext replica(String url, RunLog runs, List<String> args) {
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
				"--heymirror.sync.enabled=true"));
		all.addAll(args);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HeymirrorApplication.class)
			.profiles("test")
			.listeners(runs)
			.run(all.toArray(String[]::new));
		this.started.add(context::close);
		return context;
	}

	/** An account's live mirror: each contact's updated, by id. */
	private static Map<Long, Instant> mirror(JdbcTemplate jdbc, String account) {
		Map<Long, Instant> contacts = new HashMap<>();
		jdbc.query("SELECT id, updated FROM contact WHERE account = ? AND deleted_at IS NULL", (row) -> {
			contacts.put(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant());
		}, account);
		return contacts;
	}

	/** Upstream's live contacts: each one's updated as served, by id. */
	private static Map<Long, Instant> upstream(HeymarketSimulator simulator) {
		Map<Long, Instant> contacts = new HashMap<>();
		for (SimContact contact : simulator.visibleContacts()) {
			contacts.put((long) contact.id(), simulator.settings().precision().truncate(contact.updated()));
		}
		return contacts;
	}

	/** The runs one replica finished, by account. */
	private static final class RunLog implements ApplicationListener<PayloadApplicationEvent<SyncRunFinished>> {

		private final Map<String, List<String>> outcomes = new ConcurrentHashMap<>();

		private final AtomicInteger total = new AtomicInteger();

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<SyncRunFinished> event) {
			SyncRun run = event.getPayload().run();
			this.outcomes
				.computeIfAbsent(run.getAccount(), (account) -> new java.util.concurrent.CopyOnWriteArrayList<>())
				.add(run.getOutcome());
			this.total.incrementAndGet();
		}

		int total() {
			return this.total.get();
		}

		List<String> outcomes(String account) {
			return this.outcomes.getOrDefault(account, List.of());
		}

		Map<String, Integer> byAccount() {
			Map<String, Integer> counts = new TreeMap<>();
			this.outcomes.forEach((account, runs) -> counts.put(account, runs.size()));
			return counts;
		}

	}

}
