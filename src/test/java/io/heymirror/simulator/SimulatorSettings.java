package io.heymirror.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every switch of the simulator, changeable at any time from any thread; a request reads
 * the values current when it arrives. Setters return {@code this} for chaining.
 */
public final class SimulatorSettings {

	private volatile ListOrder order = ListOrder.ASCENDING;

	private volatile boolean v1HonoursAscending;

	private volatile boolean dateInclusive = true;

	private volatile TimestampPrecision precision = TimestampPrecision.SECONDS;

	private volatile int pageSize = 30;

	private volatile int v2DefaultLimit = 30;

	private volatile int v2MaxLimit = 100;

	private volatile boolean v2RejectOverMax;

	private volatile boolean listUuid = true;

	private volatile CountFormat countFormat = CountFormat.STRING;

	private volatile int requestsPerMinute;

	private volatile boolean retryAfter;

	private volatile boolean dateTruncated;

	private volatile boolean unstableTieOrder;

	private volatile boolean v2OffsetFromRequestedLimit;

	private volatile double hiddenShare;

	private volatile boolean listRev = true;

	private volatile Duration countLag = Duration.ZERO;

	private volatile int drainUpdates;

	private volatile double createsPerSecond;

	private volatile double updatesPerSecond;

	private volatile double deletesPerSecond;

	private volatile double optOutsPerSecond;

	private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();

	private final Map<String, String> jwtSecrets = new ConcurrentHashMap<>();

	private final FaultSettings faults = new FaultSettings();

	private volatile Consumer<TimestampPrecision> precisionListener = (precision) -> {
	};

	/**
	 * Order of {@code POST /v1/contacts}; default ascending ({@code date} a lower bound).
	 */
	public ListOrder order() {
		return this.order;
	}

	public SimulatorSettings order(ListOrder order) {
		this.order = order;
		return this;
	}

	/**
	 * Whether {@code /v1/contacts} obeys an {@code ascending} body field (true:
	 * ascending, false: descending); default false, it is ignored.
	 */
	public boolean v1HonoursAscending() {
		return this.v1HonoursAscending;
	}

	public SimulatorSettings v1HonoursAscending(boolean honour) {
		this.v1HonoursAscending = honour;
		return this;
	}

	/**
	 * Whether a contact updated exactly at {@code date} is included (v1 list, v2 list and
	 * count alike); default true.
	 */
	public boolean dateInclusive() {
		return this.dateInclusive;
	}

	public SimulatorSettings dateInclusive(boolean inclusive) {
		this.dateInclusive = inclusive;
		return this;
	}

	/** Precision of stored and written times; default seconds. */
	public TimestampPrecision precision() {
		return this.precision;
	}

	/**
	 * Sets the precision; stored times are truncated to it at once (a later, finer
	 * precision does not bring the digits back).
	 */
	public SimulatorSettings precision(TimestampPrecision precision) {
		this.precision = precision;
		this.precisionListener.accept(precision);
		return this;
	}

	/** Page size of {@code /v1/contacts}; default 30. */
	public int pageSize() {
		return this.pageSize;
	}

	public SimulatorSettings pageSize(int pageSize) {
		this.pageSize = positive(pageSize, "pageSize");
		return this;
	}

	/** v2 {@code limit} when absent (or 0); default 30. */
	public int v2DefaultLimit() {
		return this.v2DefaultLimit;
	}

	public SimulatorSettings v2DefaultLimit(int limit) {
		this.v2DefaultLimit = positive(limit, "v2DefaultLimit");
		return this;
	}

	/** Largest v2 {@code limit} served; default 100. */
	public int v2MaxLimit() {
		return this.v2MaxLimit;
	}

	public SimulatorSettings v2MaxLimit(int limit) {
		this.v2MaxLimit = positive(limit, "v2MaxLimit");
		return this;
	}

	/**
	 * Whether a v2 {@code limit} over the maximum is a 400 rather than clamped; default
	 * false.
	 */
	public boolean v2RejectOverMax() {
		return this.v2RejectOverMax;
	}

	public SimulatorSettings v2RejectOverMax(boolean reject) {
		this.v2RejectOverMax = reject;
		return this;
	}

	/**
	 * Whether list responses carry {@code uuid} (single gets always do); default true.
	 */
	public boolean listUuid() {
		return this.listUuid;
	}

	public SimulatorSettings listUuid(boolean include) {
		this.listUuid = include;
		return this;
	}

	/**
	 * Whether a {@code date} is cut to the precision of the stored times before it is
	 * compared (a finer {@code date} then bounds like the coarser one); default false,
	 * compared at full precision.
	 */
	public boolean dateTruncated() {
		return this.dateTruncated;
	}

	public SimulatorSettings dateTruncated(boolean truncated) {
		this.dateTruncated = truncated;
		return this;
	}

	/**
	 * Whether contacts sharing one {@code updated} come in an order that changes with
	 * every write to the dataset (a database without a tie-breaker in its ORDER BY);
	 * default false, by id.
	 */
	public boolean unstableTieOrder() {
		return this.unstableTieOrder;
	}

	public SimulatorSettings unstableTieOrder(boolean unstable) {
		this.unstableTieOrder = unstable;
		return this;
	}

	/**
	 * Whether a v2 page's offset is {@code page x requested limit} even when the limit is
	 * capped to {@link #v2MaxLimit()} (so a capped page leaves a gap before the next);
	 * default false, {@code page x served limit}.
	 */
	public boolean v2OffsetFromRequestedLimit() {
		return this.v2OffsetFromRequestedLimit;
	}

	public SimulatorSettings v2OffsetFromRequestedLimit(boolean requested) {
		this.v2OffsetFromRequestedLimit = requested;
		return this;
	}

	/**
	 * Share (0..1) of contacts, chosen by id, that this caller may not see: they are
	 * filtered out of list pages after the limit was applied (so pages in the middle of
	 * the data come back short), and count, single gets and the admin listing leave them
	 * out too; default 0.
	 */
	public double hiddenShare() {
		return this.hiddenShare;
	}

	public SimulatorSettings hiddenShare(double share) {
		if (share < 0 || share >= 1) {
			throw new IllegalArgumentException("hiddenShare must be in [0, 1): " + share);
		}
		this.hiddenShare = share;
		return this;
	}

	/** Whether list responses carry {@code rev} (single gets always do); default true. */
	public boolean listRev() {
		return this.listRev;
	}

	public SimulatorSettings listRev(boolean include) {
		this.listRev = include;
		return this;
	}

	/**
	 * How far behind the writes count answers: it counts the dataset as it was this long
	 * ago; default zero.
	 */
	public Duration countLag() {
		return this.countLag;
	}

	public SimulatorSettings countLag(Duration lag) {
		if (lag.isNegative()) {
			throw new IllegalArgumentException("countLag must not be negative: " + lag);
		}
		this.countLag = lag;
		return this;
	}

	/**
	 * How many more times a {@code /v2/contacts/list} request for a page after the first
	 * updates a contact the previous page of the same query returned, before it is
	 * answered: the contact leaves the offset window and every offset behind it shifts,
	 * as when contacts change while a tie is paged through; default 0.
	 */
	public int drainUpdates() {
		return this.drainUpdates;
	}

	public SimulatorSettings drainUpdates(int count) {
		this.drainUpdates = Math.max(0, count);
		return this;
	}

	/** Takes one of the {@link #drainUpdates()}; false when none is left. */
	synchronized boolean takeDrainUpdate() {
		if (this.drainUpdates <= 0) {
			return false;
		}
		this.drainUpdates--;
		return true;
	}

	/** How count answers; default a JSON string. */
	public CountFormat countFormat() {
		return this.countFormat;
	}

	public SimulatorSettings countFormat(CountFormat format) {
		this.countFormat = format;
		return this;
	}

	/**
	 * Requests per sliding minute over all endpoints before 429; 0 (default) for no
	 * limit.
	 */
	public int requestsPerMinute() {
		return this.requestsPerMinute;
	}

	public SimulatorSettings requestsPerMinute(int limit) {
		this.requestsPerMinute = Math.max(0, limit);
		return this;
	}

	/**
	 * Whether a 429 carries {@code Retry-After} (seconds); default false, as documented.
	 */
	public boolean retryAfter() {
		return this.retryAfter;
	}

	public SimulatorSettings retryAfter(boolean send) {
		this.retryAfter = send;
		return this;
	}

	/** Background writes per second by kind; all 0 (no churn) by default. */
	public SimulatorSettings churn(double creates, double updates, double deletes, double optOuts) {
		this.createsPerSecond = creates;
		this.updatesPerSecond = updates;
		this.deletesPerSecond = deletes;
		this.optOutsPerSecond = optOuts;
		return this;
	}

	public SimulatorSettings stopChurn() {
		return churn(0, 0, 0, 0);
	}

	/** Creates, updates, deletes and opt-outs per second, in that order. */
	public double[] churnRates() {
		return new double[] { this.createsPerSecond, this.updatesPerSecond, this.deletesPerSecond,
				this.optOutsPerSecond };
	}

	/** Accepted legacy API keys (mutable: add or remove at runtime). */
	public Set<String> apiKeys() {
		return this.apiKeys;
	}

	public SimulatorSettings apiKey(String key) {
		this.apiKeys.add(key);
		return this;
	}

	/** Accepted JWT secrets, secret id to secret key; several at once for rotation. */
	public Map<String, String> jwtSecrets() {
		return this.jwtSecrets;
	}

	public SimulatorSettings jwtSecret(String secretId, String secretKey) {
		this.jwtSecrets.put(secretId, secretKey);
		return this;
	}

	/** Fault injection rates and latency. */
	public FaultSettings faults() {
		return this.faults;
	}

	/** A detached copy of every value (the precision listener excluded). */
	SimulatorSettings copy() {
		SimulatorSettings copy = new SimulatorSettings();
		copy.copyFrom(this);
		return copy;
	}

	/** Takes every value of {@code other}; a precision change re-renders the dataset. */
	void copyFrom(SimulatorSettings other) {
		this.order = other.order;
		this.v1HonoursAscending = other.v1HonoursAscending;
		this.dateInclusive = other.dateInclusive;
		this.pageSize = other.pageSize;
		this.v2DefaultLimit = other.v2DefaultLimit;
		this.v2MaxLimit = other.v2MaxLimit;
		this.v2RejectOverMax = other.v2RejectOverMax;
		this.listUuid = other.listUuid;
		this.countFormat = other.countFormat;
		this.dateTruncated = other.dateTruncated;
		this.unstableTieOrder = other.unstableTieOrder;
		this.v2OffsetFromRequestedLimit = other.v2OffsetFromRequestedLimit;
		this.hiddenShare = other.hiddenShare;
		this.listRev = other.listRev;
		this.countLag = other.countLag;
		this.drainUpdates = other.drainUpdates;
		this.requestsPerMinute = other.requestsPerMinute;
		this.retryAfter = other.retryAfter;
		double[] churn = other.churnRates();
		churn(churn[0], churn[1], churn[2], churn[3]);
		this.apiKeys.retainAll(other.apiKeys);
		this.apiKeys.addAll(other.apiKeys);
		this.jwtSecrets.keySet().retainAll(other.jwtSecrets.keySet());
		this.jwtSecrets.putAll(other.jwtSecrets);
		this.faults.copyFrom(other.faults);
		if (this.precision != other.precision) {
			precision(other.precision);
		}
	}

	void onPrecisionChange(Consumer<TimestampPrecision> listener) {
		this.precisionListener = listener;
	}

	private static int positive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
		return value;
	}

}
