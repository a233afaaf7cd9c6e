package io.heymirror.heymarket;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One account's upstream traffic (every meter tagged {@code account}), twice: Micrometer
 * meters for operators, and process-wide monotonic counters behind
 * {@link HeymarketClient#stats()} for run history. Meters are registered once and cached,
 * so recording stays cheap on the request path.
 */
final class UpstreamMetrics {

	/** Status tag of an attempt that got no response (timeout, reset). */
	static final String NO_RESPONSE = "IO_ERROR";

	private final MeterRegistry registry;

	private final Map<Endpoint, Timer> latency = new EnumMap<>(Endpoint.class);

	private final Map<Endpoint, Counter> retryCounters = new EnumMap<>(Endpoint.class);

	private final ConcurrentMap<String, Counter> requestCounters = new ConcurrentHashMap<>();

	private final Counter throttledCounter;

	private final LongAdder requests = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder throttled = new LongAdder();

	private final String account;

	UpstreamMetrics(MeterRegistry registry, String account) {
		this.registry = registry;
		this.account = account;
		for (Endpoint endpoint : Endpoint.values()) {
			this.latency.put(endpoint,
					Timer.builder("heymirror.upstream.latency")
						.description("Time of one upstream attempt, until its body is read")
						.tag("endpoint", endpoint.label())
						.tag("account", account)
						.register(registry));
			this.retryCounters.put(endpoint,
					Counter.builder("heymirror.upstream.retries")
						.description("Upstream attempts that retried a failed one")
						.tag("endpoint", endpoint.label())
						.tag("account", account)
						.register(registry));
		}
		this.throttledCounter = Counter.builder("heymirror.upstream.throttled")
			.description("Upstream responses with status 429")
			.tag("account", account)
			.register(registry);
	}

	/** One attempt ended with {@code status} (or {@link #NO_RESPONSE}). */
	void attempt(Endpoint endpoint, String status, long nanos) {
		this.requests.increment();
		this.latency.get(endpoint).record(nanos, TimeUnit.NANOSECONDS);
		this.requestCounters
			.computeIfAbsent(endpoint.name() + " " + status,
					(key) -> Counter.builder("heymirror.upstream.requests")
						.description("Upstream attempts, retries included, by final status")
						.tag("endpoint", endpoint.label())
						.tag("status", status)
						.tag("account", this.account)
						.register(this.registry))
			.increment();
		if ("429".equals(status)) {
			this.throttled.increment();
			this.throttledCounter.increment();
		}
	}

	void retry(Endpoint endpoint) {
		this.retries.increment();
		this.retryCounters.get(endpoint).increment();
	}

	UpstreamStats stats() {
		return new UpstreamStats(this.requests.sum(), this.retries.sum(), this.throttled.sum());
	}

}
