package io.heymirror.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.heymirror.HeymirrorApplication;
import io.heymirror.heymarket.Accounts;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeLogProperties;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.simulator.SimContact;
import io.heymirror.simulator.SimulatorDataset;
import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log's share of the sync's writer alone, without upstream or HTTP: pages of
 * the simulator's contacts upserted into an empty mirror (a backfill) and then again with
 * every contact changed (an update of each), by {@link ContactUpserter} with the log on
 * and off, alternating, in one context on a PostgreSQL server (127.0.0.1:5432 by
 * default).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.heymirror.changes.ChangeLogWriteCost \
 *      [contacts=20000] [page=30] [rounds=3]
 * </pre>
 */
public final class ChangeLogWriteCost {

	private ChangeLogWriteCost() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int page = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		String database = "changes_write_cost";
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
				"postgres", ""); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		List<ContactData> created = contacts(count, 1);
		List<ContactData> changed = contacts(count, 2);
		try (ConfigurableApplicationContext context = SpringApplication.run(HeymirrorApplication.class,
				"--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--heymirror.sync.enabled=false", "--heymirror.api.keys=k", "--logging.level.root=warn")) {
			EntityManager entityManager = context.getBean(EntityManager.class);
			JsonMapper json = context.getBean(JsonMapper.class);
			ApplicationEventPublisher events = context;
			TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			ContactUpserter on = new ContactUpserter(entityManager, json, new ChangeLogProperties(true), events);
			ContactUpserter off = new ContactUpserter(entityManager, json, new ChangeLogProperties(false), events);
			List<Double> ratios = new ArrayList<>();
			for (int round = 0; round <= rounds; round++) {
				double[] withLog = null;
				double[] withoutLog = null;
				for (boolean log : (round % 2 == 0) ? new boolean[] { true, false } : new boolean[] { false, true }) {
					jdbc.sql("TRUNCATE contact, contact_change").update();
					jdbc.sql("VACUUM ANALYZE").update();
					ContactUpserter upserter = log ? on : off;
					double inserts = rate(upserter, transaction, created, page);
					double updates = rate(upserter, transaction, changed, page);
					if (log) {
						withLog = new double[] { inserts, updates };
					}
					else {
						withoutLog = new double[] { inserts, updates };
					}
				}
				double ratio = (count * 2 / (count / withLog[0] + count / withLog[1]))
						/ (count * 2 / (count / withoutLog[0] + count / withoutLog[1]));
				System.out.printf(Locale.ROOT,
						"round %d: inserts/s %.0f with the log, %.0f without; updates/s %.0f with, %.0f without; "
								+ "ratio %.3f%s%n",
						round, withLog[0], withoutLog[0], withLog[1], withoutLog[1], ratio,
						(round == 0) ? " (warm-up, not counted)" : "");
				if (round > 0) {
					ratios.add(ratio);
				}
			}
			List<Double> sorted = ratios.stream().sorted().toList();
			System.out.printf(Locale.ROOT, "writer rows/s with the log / without, median of %d rounds: %.3f%n",
					sorted.size(), sorted.get(sorted.size() / 2));
		}
	}

	private static double rate(ContactUpserter upserter, TransactionTemplate transaction, List<ContactData> rows,
			int page) {
		ChangeOrigin origin = ChangeOrigin.of(Accounts.DEFAULT, ChangeCause.WALK);
		long started = System.nanoTime();
		for (int from = 0; from < rows.size(); from += page) {
			List<ContactData> slice = rows.subList(from, Math.min(rows.size(), from + page));
			transaction.executeWithoutResult((status) -> upserter.upsert(slice, Instant.now(), false, origin));
		}
		return rows.size() / ((System.nanoTime() - started) / 1e9);
	}

	/**
	 * The generator's contacts, as the sync maps them; {@code rev} decides which version
	 * is newer.
	 */
	private static List<ContactData> contacts(int count, long rev) {
		SimulatorDataset dataset = io.heymirror.simulator.HeymarketSimulator.builder()
			.contacts(count)
			.seed(7)
			.build()
			.dataset();
		List<ContactData> rows = new ArrayList<>(count);
		JsonMapper json = JsonMapper.builder().build();
		for (SimContact contact : dataset.all()) {
			// the same fields as Heymarket's JSON, in the record's names
			String raw = json.writeValueAsString(contact).replaceFirst("\"rev\":[0-9]+", "\"rev\":" + rev);
			rows.add(new ContactData(contact.id(), contact.uuid(), contact.phone(), contact.email(),
					contact.displayName(), contact.first(), contact.last(), contact.optedOut(), contact.teamId(),
					contact.created(), contact.updated().plusSeconds(rev), rev, raw));
		}
		return rows;
	}

}
