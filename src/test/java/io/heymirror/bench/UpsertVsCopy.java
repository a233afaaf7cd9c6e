package io.heymirror.bench;

import java.nio.charset.StandardCharsets;
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

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.simulator.HeymarketSimulator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bench row P3: rows/s of the service's {@link ContactUpserter} (one transaction per
 * page, pages of 30 and of 100, into an empty {@code contact}) next to {@code COPY} of
 * the same rows into a table of the same shape ({@code LIKE contact INCLUDING ALL}). The
 * contacts come from the simulator's generator, read through the service's client (not
 * timed). Prints {@code UPSERT ...} and {@code COPY ...} lines.
 *
 * <pre class="code">
 * UpsertVsCopy CONTACTS [spring args...]
 * </pre>
 */
public final class UpsertVsCopy {

	private static final String KEY = "bench-key";

	private static final String COLUMNS = "id, uuid, phone, email, display_name, first_name, last_name, opted_out, "
			+ "team_id, created, updated, rev, raw, synced_at, seen_at";

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
				List<ContactData> rows = fetch(context.getBean(HeymarketClient.class));
				DataSource dataSource = context.getBean(DataSource.class);
				for (int pageSize : new int[] { 30, 100 }) {
					execute(dataSource, "TRUNCATE contact");
					double seconds = upsert(context, rows, pageSize);
					System.out.printf("UPSERT page=%d rows=%d seconds=%.3f rate=%.0f%n", pageSize, rows.size(), seconds,
							rows.size() / seconds);
				}
				execute(dataSource, "DROP TABLE IF EXISTS contact_copy");
				execute(dataSource, "CREATE TABLE contact_copy (LIKE contact INCLUDING ALL)");
				double seconds = copy(dataSource, rows);
				System.out.printf("COPY rows=%d seconds=%.3f rate=%.0f%n", rows.size(), seconds, rows.size() / seconds);
				execute(dataSource, "DROP TABLE contact_copy");
			}
		}
	}

	private static List<ContactData> fetch(HeymarketClient client) {
		Map<Long, ContactData> rows = new LinkedHashMap<>();
		for (HeymarketContact c : new PageWalk(client, "v2-keyset", 100).all()) {
			rows.put(c.id(), new ContactData(c.id(), c.uuid(), c.phone(), c.email(), c.displayName(), c.first(),
					c.last(), c.optedOut(), c.teamId(), c.created(), c.updated(), c.rev(), c.rawJson()));
		}
		return new ArrayList<>(rows.values());
	}

	private static double upsert(ConfigurableApplicationContext context, List<ContactData> rows, int pageSize) {
		ContactUpserter upserter = context.getBean(ContactUpserter.class);
		TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
		long started = System.nanoTime();
		for (int from = 0; from < rows.size(); from += pageSize) {
			List<ContactData> page = rows.subList(from, Math.min(rows.size(), from + pageSize));
			transaction.executeWithoutResult(
					(status) -> upserter.upsert(page, Instant.now(), true, ChangeOrigin.of(ChangeCause.WALK)));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static double copy(DataSource dataSource, List<ContactData> rows) throws SQLException {
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			CopyIn copy = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY contact_copy (" + COLUMNS + ") FROM STDIN (FORMAT csv)");
			StringBuilder chunk = new StringBuilder(1 << 20);
			for (ContactData row : rows) {
				csvRow(chunk, row, Instant.now().toString());
				if (chunk.length() > (1 << 20) - 16384) {
					write(copy, chunk);
				}
			}
			write(copy, chunk);
			copy.endCopy();
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
		byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		chunk.setLength(0);
	}

	private static void csvRow(StringBuilder out, ContactData row, String now) {
		Object[] values = { row.id(), row.uuid(), row.phone(), row.email(), row.displayName(), row.firstName(),
				row.lastName(), row.optedOut(), row.teamId(), row.created(), row.updated(), row.rev(), row.rawJson(),
				now, now };
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

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
