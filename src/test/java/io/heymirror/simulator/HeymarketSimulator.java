package io.heymirror.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A stateful fake of Heymarket's six contact read endpoints over real HTTP:
 *
 * <pre class="code">
 * try (HeymarketSimulator sim = HeymarketSimulator.builder().apiKey("k").contacts(1000).seed(42).build().start()) {
 * 	sim.settings().order(ListOrder.DESCENDING).dateInclusive(false);
 * 	sim.dataset().delete(17);
 * 	// point the client at sim.baseUrl()
 * }
 * </pre>
 *
 * Everything is switchable at runtime through {@link #settings()}; what was served shows
 * in {@link #stats()} and {@link #requestLog()}, and over HTTP under {@code /__admin/}.
 */
public final class HeymarketSimulator implements AutoCloseable {

	private final String host;

	private final int requestedPort;

	private final long seed;

	private final SimulatorSettings settings;

	private final SimulatorSettings initialSettings;

	private final int initialContacts;

	private final List<TieGroup> initialTies;

	private final SimulatorDataset dataset;

	private final StatsRecorder stats = new StatsRecorder();

	private final RequestLog requestLog;

	private final ContactEndpoints endpoints;

	private final RequestPipeline pipeline;

	private @Nullable SimulatorServer server;

	private @Nullable Churn churn;

	private HeymarketSimulator(Builder builder) {
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.seed = builder.seed;
		this.settings = builder.settings;
		this.initialSettings = builder.settings.copy();
		this.initialContacts = builder.contacts;
		this.initialTies = List.copyOf(builder.tieGroups);
		this.requestLog = new RequestLog(builder.requestLogCapacity);
		this.dataset = new SimulatorDataset(new DatasetGenerator(builder.seed, builder.nasty), builder.generatedUntil,
				builder.clock, this.settings.precision());
		populate();
		this.settings.onPrecisionChange(this.dataset::precision);
		this.endpoints = new ContactEndpoints(this.dataset, this.settings);
		this.pipeline = new RequestPipeline(this.endpoints, this.settings, this.stats, this.requestLog, builder.clock);
	}

	public static Builder builder() {
		return new Builder();
	}

	private void populate() {
		this.dataset.generate(this.initialContacts);
		for (TieGroup tie : this.initialTies) {
			this.dataset.tieGroup(tie.size(), tie.updated());
		}
	}

	/**
	 * Back to the state right after {@link Builder#build()}: switches as built, the
	 * generated dataset, no hooks, an empty rate-limit window, stats and log cleared. The
	 * port stays, so a simulator shared by many tests (and by a cached Spring context)
	 * can be reset between them.
	 */
	public synchronized void reset() {
		this.settings.stopChurn();
		this.pipeline.clearHooks();
		Runnable regenerate = () -> {
			this.dataset.clear();
			this.settings.precision(this.initialSettings.precision());
			populate();
		};
		if (this.churn != null) {
			this.churn.exclusive(regenerate);
		}
		else {
			regenerate.run();
		}
		this.settings.copyFrom(this.initialSettings);
		this.pipeline.resetRateLimit();
		resetStats();
	}

	/** Binds the port and starts churn; returns this. */
	public synchronized HeymarketSimulator start() {
		if (this.server == null) {
			this.server = new SimulatorServer(this.host, this.requestedPort, this.pipeline, new AdminEndpoints(this));
			this.churn = new Churn(this.dataset, this.settings, this.stats, this.seed + 1);
		}
		return this;
	}

	/** {@code http://host:port}, to use as the Heymarket base URL. */
	public String baseUrl() {
		return "http://" + this.host + ":" + port();
	}

	public int port() {
		SimulatorServer running = this.server;
		if (running == null) {
			throw new IllegalStateException("Simulator not started");
		}
		return running.port();
	}

	/** The switches, changeable at any time. */
	public SimulatorSettings settings() {
		return this.settings;
	}

	/** The contacts, with methods to change them as Heymarket would. */
	public SimulatorDataset dataset() {
		return this.dataset;
	}

	/**
	 * The endpoints' semantics without HTTP, for tests that drive thousands of upstream
	 * behaviours in seconds; needs no {@link #start()}.
	 */
	public InProcessCalls inProcess() {
		return new InProcessCalls(this.endpoints, this.pipeline, this.settings);
	}

	/** Every contact a caller can see, ordered by {@code updated} then {@code id}. */
	public List<SimContact> visibleContacts() {
		return this.endpoints.hide(this.dataset.read(ContactIndex::all)).stream().map(ContactJson::contact).toList();
	}

	List<ContactJson> visibleJson() {
		return this.endpoints.hide(this.dataset.read(ContactIndex::all));
	}

	/** The last requests served. */
	public RequestLog requestLog() {
		return this.requestLog;
	}

	/** Counters since start or the last {@link #resetStats()}. */
	public SimulatorStats stats() {
		return this.stats.snapshot(this.dataset.count());
	}

	/** Clears the counters and the request log. */
	public void resetStats() {
		this.stats.reset();
		this.requestLog.clear();
	}

	/** API requests received since start (resets do not change it). */
	public long requestCount() {
		return this.pipeline.requestCount();
	}

	/**
	 * Runs {@code action} once, on the {@code n}th API request from now (1 = the next),
	 * before that request is served.
	 */
	public Hook onRequest(long n, Consumer<SimRequest> action) {
		long target = this.pipeline.requestCount() + n;
		return onRequest((request) -> request.number() == target, action);
	}

	/**
	 * Runs {@code action} once, on the first request that matches, before it is served.
	 */
	public Hook onRequest(Predicate<SimRequest> condition, Consumer<SimRequest> action) {
		return this.pipeline.addHook(new Hook(condition, action, true));
	}

	/** Runs {@code action} on every request that matches, before it is served. */
	public Hook onEveryRequest(Predicate<SimRequest> condition, Consumer<SimRequest> action) {
		return this.pipeline.addHook(new Hook(condition, action, false));
	}

	/**
	 * A JWT as a Heymarket client signs it: HS256 over {@code {"iss": secretId, "iat":
	 * issuedAt}} with key {@code secretId + "||" + secretKey}.
	 */
	public static String jwt(String secretId, String secretKey, Instant issuedAt) {
		return Authenticator.jwt(secretId, secretKey, issuedAt.getEpochSecond());
	}

	@Override
	public synchronized void close() {
		if (this.churn != null) {
			this.churn.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	private record TieGroup(int size, Instant updated) {
	}

	/** Options fixed at build time; the switches go through {@link #settings}. */
	public static final class Builder {

		/**
		 * Default end of the generated year, fixed so a seed gives the same data any day.
		 */
		public static final Instant DEFAULT_GENERATED_UNTIL = Instant.parse("2026-01-01T00:00:00Z");

		private String host = "127.0.0.1";

		private int port;

		private int contacts = 100;

		private long seed = 1;

		private boolean nasty;

		private Instant generatedUntil = DEFAULT_GENERATED_UNTIL;

		private final List<TieGroup> tieGroups = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private int requestLogCapacity = 200_000;

		private final SimulatorSettings settings = new SimulatorSettings();

		private Builder() {
		}

		/** Interface to bind; default 127.0.0.1. */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/** Port; default 0 (a free one, see {@link HeymarketSimulator#port()}). */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** An accepted legacy API key (call again for more). */
		public Builder apiKey(String key) {
			this.settings.apiKey(key);
			return this;
		}

		/** An accepted JWT secret pair (call again for a second one, as in rotation). */
		public Builder jwtSecret(String secretId, String secretKey) {
			this.settings.jwtSecret(secretId, secretKey);
			return this;
		}

		/** Generated contacts, ids 1..n; default 100. */
		public Builder contacts(int count) {
			this.contacts = count;
			return this;
		}

		/** Seed of the generated dataset; default 1. */
		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Whether about 30% of contacts carry hostile values (see {@code NastyValues}).
		 */
		public Builder nasty(boolean nasty) {
			this.nasty = nasty;
			return this;
		}

		/** Generated {@code updated} values fall in the year before this instant. */
		public Builder generatedUntil(Instant until) {
			this.generatedUntil = until;
			return this;
		}

		/**
		 * Adds {@code size} contacts sharing exactly {@code updated} (after the generated
		 * ones).
		 */
		public Builder tieGroup(int size, Instant updated) {
			this.tieGroups.add(new TieGroup(size, updated));
			return this;
		}

		/** Clock for writes, JWT expiry and the rate-limit window; default system UTC. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** How many requests the log keeps; default 200,000. */
		public Builder requestLogCapacity(int capacity) {
			this.requestLogCapacity = capacity;
			return this;
		}

		/** Sets switches before the dataset is generated (precision applies to it). */
		public Builder settings(Consumer<SimulatorSettings> configurer) {
			configurer.accept(this.settings);
			return this;
		}

		public HeymarketSimulator build() {
			return new HeymarketSimulator(this);
		}

	}

}
