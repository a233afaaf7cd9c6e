package io.heymirror.changes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.heymirror.HeymirrorApplication;
import io.heymirror.heymarket.Account;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures what the change log costs and how fast it is read, on a PostgreSQL server (by
 * default the one on 127.0.0.1:5432): full syncs of the same simulated upstream with the
 * log on and off, alternating, each on a fresh database (contacts/s from the run's
 * {@code sync_run} row, as the bench's P1 row counts them); then the whole feed read
 * through {@code GET /api/changes?limit=1000} (events/s).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.heymirror.changes.ChangeFeedBench \
 *      [contacts=100000] [rounds=3] [jdbc:postgresql://127.0.0.1:5432/]
 * </pre>
 */
public final class ChangeFeedBench {

	private static final String KEY = "bench-key";

	private ChangeFeedBench() {
	}

	public static void main(String[] args) throws Exception {
		int contacts = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		String server = (args.length > 2) ? args[2] : "jdbc:postgresql://127.0.0.1:5432/";
		List<Double> withLog = new ArrayList<>();
		List<Double> withoutLog = new ArrayList<>();
		List<Double> reads = new ArrayList<>();
		try (HeymarketSimulator simulator = HeymarketSimulator.builder()
			.host("127.0.0.1")
			.port(0)
			.apiKey(KEY)
			.contacts(contacts)
			.seed(7)
			.settings((settings) -> settings.requestsPerMinute(100_000_000))
			.build()
			.start()) {
			// round 0 warms the JIT up and does not count
			for (int round = 0; round <= rounds; round++) {
				for (boolean log : (round % 2 == 1) ? new boolean[] { true, false } : new boolean[] { false, true }) {
					String database = "changes_bench_" + (log ? "on" : "off");
					recreate(server, database);
					try (ConfigurableApplicationContext context = start(simulator, server + database, log)) {
						SyncRun run = context.getBean(SyncControl.class)
							.runNow(Account.DEFAULT, SyncMode.FULL, "bench");
						double seconds = (run.getEndedAt().toEpochMilli() - run.getStartedAt().toEpochMilli()) / 1000.0;
						double rate = run.getSeen() / seconds;
						if (round > 0) {
							(log ? withLog : withoutLog).add(rate);
						}
						System.out.printf(Locale.ROOT, "round %d log=%s: %s, %d contacts in %.2f s = %.0f contacts/s%n",
								round, log, run.getOutcome(), run.getSeen(), seconds, rate);
						if (log && round > 0) {
							double eventsPerSecond = readFeed(context);
							reads.add(eventsPerSecond);
							System.out.printf(Locale.ROOT, "round %d: /api/changes?limit=1000 read at %.0f events/s%n",
									round, eventsPerSecond);
						}
					}
					drop(server, database);
				}
			}
		}
		double on = median(withLog);
		double off = median(withoutLog);
		System.out.printf(Locale.ROOT,
				"sync contacts/s, median of %d: with the log %.0f, without %.0f, ratio %.3f (target >= 0.85)%n", rounds,
				on, off, on / off);
		System.out.printf(Locale.ROOT, "/api/changes events/s at limit=1000, median of %d: %.0f (target >= 20,000)%n",
				reads.size(), median(reads));
	}

	private static ConfigurableApplicationContext start(HeymarketSimulator simulator, String url, boolean log) {
		return SpringApplication.run(HeymirrorApplication.class, "--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--heymirror.sync.enabled=false", "--heymirror.changes.enabled=" + log,
				"--heymirror.heymarket.base-url=" + simulator.baseUrl(), "--heymirror.heymarket.api-key=" + KEY,
				"--heymirror.heymarket.requests-per-minute=10000000", "--heymirror.heymarket.shared-budget=false",
				"--heymirror.api.keys=" + KEY, "--logging.level.root=warn");
	}

	/**
	 * Reads the whole feed from the beginning, three times; the best pass's events/s. The
	 * client only looks for {@code next} and {@code hasMore} at the end of each body (as
	 * little client work as possible on the shared machine); the events are counted once,
	 * by parsing the bodies of a first pass.
	 */
	private static double readFeed(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient http = HttpClient.newHttpClient();
		JsonMapper json = JsonMapper.builder().build();
		long events = 0;
		double best = 0;
		for (int pass = 0; pass <= 3; pass++) {
			long started = System.nanoTime();
			String after = null;
			boolean more = true;
			while (more) {
				String uri = "http://127.0.0.1:" + port + "/api/changes?limit=1000"
						+ ((after != null) ? "&after=" + after : "");
				String body = http
					.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + KEY).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				if (pass == 0) {
					events += json.readTree(body).get("changes").size();
				}
				int next = body.lastIndexOf("\"next\":\"") + 8;
				after = body.substring(next, body.indexOf('"', next));
				more = body.endsWith("\"hasMore\":true}");
			}
			if (pass > 0) {
				best = Math.max(best, events / ((System.nanoTime() - started) / 1e9));
			}
		}
		return best;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static void recreate(String server, String database) throws SQLException {
		drop(server, database);
		execute(server, "CREATE DATABASE " + database);
	}

	private static void drop(String server, String database) throws SQLException {
		execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}

	private static void execute(String server, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
