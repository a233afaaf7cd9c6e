package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs the simulator on its own port until killed:
 *
 * <pre class="code">
 * java -cp target/test-classes:$(cat cp.txt) io.heymirror.simulator.SimulatorMain --port 9999 --contacts 100000
 * </pre>
 *
 * Prints one line with the base URL once it accepts requests. {@code --help} lists the
 * flags.
 */
public final class SimulatorMain {

	static final String DEFAULT_API_KEY = "sim-key";

	private static final String USAGE = """
			Heymarket simulator. Flags (defaults in brackets):
			  --host H                 interface to bind [127.0.0.1]
			  --port N                 port, 0 for any free one [9999]
			  --contacts N             generated contacts, ids 1..N [1000]
			  --seed N                 dataset seed [1]
			  --until RFC3339          generated updated values fall in the year before [2026-01-01T00:00:00Z]
			  --tie K[@RFC3339]        add K contacts sharing one updated (repeatable)
			  --nasty                  hostile values (NUL, lone surrogates, 8 KB fields) in ~30% of contacts
			  --api-key KEY            accepted API key (repeatable) [sim-key when no key and no secret]
			  --jwt-secret ID:KEY      accepted JWT secret pair (repeatable)
			  --order asc|desc         /v1/contacts order [asc]
			  --v1-ascending ignore|honour   /v1/contacts "ascending" body field [ignore]
			  --date inclusive|exclusive     date bound of lists and count [inclusive]
			  --precision seconds|millis|micros|nanos   timestamps [seconds]
			  --date-truncated true|false    date cut to the precision before comparing [false]
			  --tie-order stable|unstable    order within one updated: by id, or changing with writes [stable]
			  --page-size N            /v1/contacts page size [30]
			  --v2-default-limit N     [30]
			  --v2-max-limit N         [100]
			  --v2-over-max clamp|reject     [clamp]
			  --v2-offset served|requested   v2 offset from the served (capped) or the requested limit [served]
			  --hidden R               share of contacts hidden from every answer, filtered after the limit [0]
			  --list-uuid true|false   uuid in list responses [true]
			  --list-rev true|false    rev in list responses [true]
			  --count string|number    count format [string]
			  --count-lag MS           count answers as of this many ms ago [0]
			  --drain-updates N        v2 pages after the first update a contact of the previous page, N times [0]
			  --rpm N                  requests per sliding minute, 0 = unlimited [0]
			  --retry-after true|false Retry-After on 429 [false]
			  --fault-503 R  --fault-500 R  --fault-truncate R  --fault-reset R   rates 0..1 [0]
			  --fault-seed N           [0]
			  --latency MS | MIN-MAX   added latency in ms [0]
			  --latency-rate R         share of requests delayed [1]
			  --churn C,U,D,O          creates,updates,deletes,opt-outs per second [0,0,0,0]
			  --log-capacity N         requests kept in the request log [200000]
			Admin: GET /__admin/stats, GET /__admin/contacts[?count], POST /__admin/reset-stats
			""";

	private SimulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		HeymarketSimulator.Builder builder;
		try {
			builder = parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("simulator: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		if (builder == null) {
			System.out.print(USAGE);
			return;
		}
		HeymarketSimulator simulator = builder.build().start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}));
		System.out.println("Heymarket simulator ready at " + simulator.baseUrl() + " (" + simulator.dataset().count()
				+ " contacts)");
		stopped.await();
	}

	/** The builder for these flags, or null when help was asked for. */
	static HeymarketSimulator.@Nullable Builder parse(String[] args) {
		HeymarketSimulator.Builder builder = HeymarketSimulator.builder().port(9999).contacts(1000);
		List<String[]> ties = new ArrayList<>();
		Instant until = HeymarketSimulator.Builder.DEFAULT_GENERATED_UNTIL;
		boolean credentials = false;
		for (int i = 0; i < args.length; i++) {
			String flag = args[i];
			String value = null;
			int equals = flag.indexOf('=');
			if (equals > 0) {
				value = flag.substring(equals + 1);
				flag = flag.substring(0, equals);
			}
			if (flag.equals("--help") || flag.equals("-h")) {
				return null;
			}
			if (flag.equals("--nasty")) {
				builder.nasty(true);
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(flag + " needs a value");
				}
				value = args[++i];
			}
			switch (flag) {
				case "--host" -> builder.host(value);
				case "--port" -> builder.port(Integer.parseInt(value));
				case "--contacts" -> builder.contacts(Integer.parseInt(value));
				case "--seed" -> builder.seed(Long.parseLong(value));
				case "--until" -> until = Instant.parse(value);
				case "--tie" -> ties.add(value.split("@", 2));
				case "--api-key" -> {
					builder.apiKey(value);
					credentials = true;
				}
				case "--jwt-secret" -> {
					String[] pair = value.split(":", 2);
					require(pair.length == 2, "--jwt-secret takes ID:KEY");
					builder.jwtSecret(pair[0], pair[1]);
					credentials = true;
				}
				case "--log-capacity" -> builder.requestLogCapacity(Integer.parseInt(value));
				default -> {
					String name = flag;
					String setting = value;
					builder.settings((settings) -> applySwitch(settings, name, setting));
				}
			}
		}
		if (!credentials) {
			builder.apiKey(DEFAULT_API_KEY);
		}
		builder.generatedUntil(until);
		for (int i = 0; i < ties.size(); i++) {
			String[] tie = ties.get(i);
			Instant at = (tie.length == 2) ? Instant.parse(tie[1]) : until.minus(Duration.ofDays(30L * (i + 1)));
			builder.tieGroup(Integer.parseInt(tie[0]), at);
		}
		return builder;
	}

	private static void applySwitch(SimulatorSettings settings, String flag, String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		switch (flag) {
			case "--order" -> settings.order(choice(lower, "asc", "desc") ? ListOrder.ASCENDING : ListOrder.DESCENDING);
			case "--v1-ascending" -> settings.v1HonoursAscending(!choice(lower, "ignore", "honour"));
			case "--date" -> settings.dateInclusive(choice(lower, "inclusive", "exclusive"));
			case "--precision" -> settings.precision(TimestampPrecision.valueOf(value.toUpperCase(Locale.ROOT)));
			case "--page-size" -> settings.pageSize(Integer.parseInt(value));
			case "--v2-default-limit" -> settings.v2DefaultLimit(Integer.parseInt(value));
			case "--v2-max-limit" -> settings.v2MaxLimit(Integer.parseInt(value));
			case "--v2-over-max" -> settings.v2RejectOverMax(!choice(lower, "clamp", "reject"));
			case "--v2-offset" -> settings.v2OffsetFromRequestedLimit(!choice(lower, "served", "requested"));
			case "--hidden" -> settings.hiddenShare(Double.parseDouble(value));
			case "--date-truncated" -> settings.dateTruncated(choice(lower, "true", "false"));
			case "--tie-order" -> settings.unstableTieOrder(!choice(lower, "stable", "unstable"));
			case "--list-rev" -> settings.listRev(choice(lower, "true", "false"));
			case "--count-lag" -> settings.countLag(Duration.ofMillis(Long.parseLong(value)));
			case "--drain-updates" -> settings.drainUpdates(Integer.parseInt(value));
			case "--list-uuid" -> settings.listUuid(choice(lower, "true", "false"));
			case "--count" ->
				settings.countFormat(choice(lower, "string", "number") ? CountFormat.STRING : CountFormat.NUMBER);
			case "--rpm" -> settings.requestsPerMinute(Integer.parseInt(value));
			case "--retry-after" -> settings.retryAfter(choice(lower, "true", "false"));
			case "--fault-503" -> settings.faults().serviceUnavailable(Double.parseDouble(value));
			case "--fault-500" -> settings.faults().serverErrorHtml(Double.parseDouble(value));
			case "--fault-truncate" -> settings.faults().truncatedBody(Double.parseDouble(value));
			case "--fault-reset" -> settings.faults().connectionReset(Double.parseDouble(value));
			case "--fault-seed" -> settings.faults().seed(Long.parseLong(value));
			case "--latency" -> {
				String[] range = value.split("-", 2);
				long min = Long.parseLong(range[0]);
				long max = (range.length == 2) ? Long.parseLong(range[1]) : min;
				settings.faults().latency(1.0, Duration.ofMillis(min), Duration.ofMillis(max));
			}
			case "--latency-rate" -> settings.faults()
				.latency(Double.parseDouble(value), settings.faults().latencyMin(), settings.faults().latencyMax());
			case "--churn" -> {
				String[] rates = value.split(",");
				require(rates.length == 4, "--churn takes creates,updates,deletes,optOuts");
				settings.churn(Double.parseDouble(rates[0]), Double.parseDouble(rates[1]), Double.parseDouble(rates[2]),
						Double.parseDouble(rates[3]));
			}
			default -> throw new IllegalArgumentException("unknown flag " + flag);
		}
	}

	private static boolean choice(String value, String first, String second) {
		require(value.equals(first) || value.equals(second), "expected " + first + " or " + second + ": " + value);
		return value.equals(first);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
