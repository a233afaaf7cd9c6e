package io.heymirror.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Bench row P7's webhook lag: a local webhook receiver on {@code PORT} (the service runs
 * with a subscriber pointed at it, starting at {@code latest}), and a writer that commits
 * one change to the change log every {@code 1/RATE} s for {@code SECONDS} s, each in its
 * own transaction, as the mirror's statements append them. The lag of a change is the
 * time from its commit returning to the writer to its webhook arriving at the receiver
 * (both clocks are this process's {@code nanoTime}). Changes of the first {@code WARMUP}
 * s are delivered but not counted. Prints one {@code WEBHOOK ...} line.
 *
 * <pre class="code">
 * WebhookLag PORT JDBC_URL RATE SECONDS WARMUP
 * </pre>
 */
public final class WebhookLag {

	private static final String APPEND = """
			INSERT INTO contact_change (account, contact_id, version, operation, changed_fields, data, updated, cause)
			VALUES ('default', ?, ?, 'updated', 'first,rev,updated',
			        jsonb_build_object('id', ?::bigint, 'first', 'Bench', 'last', 'Contact', 'phone', '15105550100',
			                           'email', 'bench@example.com', 'rev', ?::bigint, 'team_id', 7,
			                           'updated', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
			                           'tags', '[]'::jsonb, 'custom', '{}'::jsonb, 'is_opted_out', false),
			        now(), 'walk')
			RETURNING seq""";

	private static final int CONTACTS = 1000;

	private WebhookLag() {
	}

	public static void main(String[] args) throws IOException, SQLException, InterruptedException {
		int port = Integer.parseInt(args[0]);
		String url = args[1];
		int rate = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int warmup = Integer.parseInt(args[4]);
		Map<String, Long> received = new ConcurrentHashMap<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.createContext("/", (exchange) -> receive(exchange, received));
		receiver.start();
		int total = rate * (seconds + warmup);
		long[] committed = new long[total];
		String[] ids = new String[total];
		long period = TimeUnit.SECONDS.toNanos(1) / rate;
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				PreparedStatement append = connection.prepareStatement(APPEND)) {
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				LockSupport.parkNanos(start + i * period - System.nanoTime());
				long contact = i % CONTACTS + 1;
				long version = i / CONTACTS + 1;
				append.setLong(1, contact);
				append.setLong(2, version);
				append.setLong(3, contact);
				append.setLong(4, version);
				try (ResultSet rs = append.executeQuery()) {
					rs.next();
					ids[i] = Long.toString(rs.getLong(1));
				}
				committed[i] = System.nanoTime();
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (received.size() < total && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		receiver.stop(0);
		int counted = total - rate * warmup;
		long[] lags = new long[counted];
		int missing = 0;
		for (int i = rate * warmup; i < total; i++) {
			Long arrived = received.get(ids[i]);
			if (arrived == null) {
				missing++;
				lags[i - rate * warmup] = Long.MAX_VALUE;
			}
			else {
				lags[i - rate * warmup] = arrived - committed[i];
			}
		}
		Arrays.sort(lags);
		System.out.printf("WEBHOOK events=%d rate=%d missing=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", counted, rate,
				missing, millis(lags[counted / 2]), millis(lags[(int) Math.ceil(counted * 0.99) - 1]),
				millis(lags[counted - 1]));
	}

	private static void receive(HttpExchange exchange, Map<String, Long> received) throws IOException {
		long now = System.nanoTime();
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			if (id != null) {
				received.putIfAbsent(id, now);
			}
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private static double millis(long nanos) {
		return (nanos == Long.MAX_VALUE) ? Double.POSITIVE_INFINITY : nanos / 1_000_000.0;
	}

}
