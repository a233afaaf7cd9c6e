package io.heymirror.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.sync.WriterThroughput;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bench row P3: rows/s of the sync's writer ({@link WriterThroughput}: pages of 30 and of
 * 100 handed over faster than it writes, so it groups them) and of the service's
 * {@link ContactUpserter} alone (one transaction per page), into an empty
 * {@code contact}, next to {@code COPY} of the same rows into a table of the same shape
 * ({@code LIKE contact INCLUDING ALL}). The contacts come from the simulator's generator,
 * read through the service's client (not timed). Prints {@code WRITER ...},
 * {@code UPSERT ...} and {@code COPY ...} lines.
 *
 * <pre class="code">
 * UpsertVsCopy CONTACTS [spring args...]
 * </pre>
 */
public final class UpsertVsCopy {

	private static final String KEY = "bench-key";

	private UpsertVsCopy() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.parseInt(args[0]);
		try (HeymarketSimulator simulator = HeymarketSimulator.builder()
			.host("127.0.0.1")
			.port(0)
			.apiKey(KEY)
			.contacts(count)
			.build()
			.start()) {
			List<String> springArgs = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
			springArgs.addAll(List.of("--heymirror.heymarket.base-url=" + simulator.baseUrl(),
					"--heymirror.heymarket.api-key=" + KEY, "--heymirror.heymarket.requests-per-minute=10000000",
					"--heymirror.heymarket.shared-budget=false"));
			try (ConfigurableApplicationContext context = BenchContext.start(springArgs)) {
				List<HeymarketContact> contacts = fetch(context.getBean(HeymarketClient.class));
				List<ContactData> rows = contacts.stream().map(CopyStream::row).toList();
				DataSource dataSource = context.getBean(DataSource.class);
				// the log too: one holding entries of contacts the mirror lacks is no
				// state a sync
				// leaves (a purge takes a contact's entries with its row), and the
				// writer's pass
				// after the upserter's ran at 326 rows/s into it (2026-11-30, cause not
				// found)
				for (int pageSize : new int[] { 30, 100 }) {
					execute(dataSource, "TRUNCATE contact, contact_change");
					double seconds = upsert(context, rows, pageSize);
					System.out.printf("UPSERT page=%d rows=%d seconds=%.3f rate=%.0f%n", pageSize, rows.size(), seconds,
							rows.size() / seconds);
					execute(dataSource, "TRUNCATE contact, contact_change");
					WriterThroughput.Result writer = WriterThroughput.write(context, contacts, pageSize);
					System.out.printf("WRITER page=%d rows=%d seconds=%.3f rate=%.0f writer=%s%n", pageSize,
							rows.size(), writer.seconds(), rows.size() / writer.seconds(), writer.writer());
				}
				double seconds = copy(dataSource, rows);
				System.out.printf("COPY rows=%d seconds=%.3f rate=%.0f%n", rows.size(), seconds, rows.size() / seconds);
				execute(dataSource, "DROP TABLE contact_copy");
			}
		}
	}

	/** Every contact once, in ascending {@code updated} order. */
	private static List<HeymarketContact> fetch(HeymarketClient client) {
		Map<Long, HeymarketContact> contacts = new LinkedHashMap<>();
		for (HeymarketContact c : new PageWalk(client, "v2-keyset", 100).all()) {
			contacts.putIfAbsent(c.id(), c);
		}
		return new ArrayList<>(contacts.values());
	}

	private static double upsert(ConfigurableApplicationContext context, List<ContactData> rows, int pageSize) {
		ContactUpserter upserter = context.getBean(ContactUpserter.class);
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		long started = System.nanoTime();
		for (int from = 0; from < rows.size(); from += pageSize) {
			List<ContactData> page = rows.subList(from, Math.min(rows.size(), from + pageSize));
			transaction.executeWithoutResult((status) -> upserter.upsert(page, Instant.now(), true,
					ChangeOrigin.of(Account.DEFAULT, ChangeCause.WALK)));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static double copy(DataSource dataSource, List<ContactData> rows) throws SQLException {
		long started = System.nanoTime();
		try (CopyStream copy = new CopyStream(dataSource, "contact_copy")) {
			copy.write(rows);
			copy.finish();
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
