package io.heymirror.simulator;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/** Counters behind {@link SimulatorStats}; cheap to bump from every event loop. */
final class StatsRecorder {

	static final String[] CHURN_KINDS = { "creates", "updates", "deletes", "optOuts" };

	private final Map<Endpoint, LongAdder> byEndpoint = new EnumMap<>(Endpoint.class);

	private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

	private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);

	private final Map<String, LongAdder> churn = new ConcurrentHashMap<>();

	StatsRecorder() {
		for (Endpoint endpoint : Endpoint.values()) {
			this.byEndpoint.put(endpoint, new LongAdder());
		}
		for (Fault fault : Fault.values()) {
			this.faults.put(fault, new LongAdder());
		}
		for (String kind : CHURN_KINDS) {
			this.churn.put(kind, new LongAdder());
		}
	}

	void served(Endpoint endpoint, int status, @Nullable Fault fault, boolean delayed) {
		this.byEndpoint.get(endpoint).increment();
		this.byStatus.computeIfAbsent(status, (key) -> new LongAdder()).increment();
		if (fault != null) {
			this.faults.get(fault).increment();
		}
		if (delayed) {
			this.faults.get(Fault.LATENCY).increment();
		}
	}

	void churned(int kind) {
		this.churn.get(CHURN_KINDS[kind]).increment();
	}

	SimulatorStats snapshot(int contacts) {
		Map<Endpoint, Long> endpoints = new EnumMap<>(Endpoint.class);
		long total = 0;
		for (Map.Entry<Endpoint, LongAdder> entry : this.byEndpoint.entrySet()) {
			long count = entry.getValue().sum();
			total += count;
			if (count > 0) {
				endpoints.put(entry.getKey(), count);
			}
		}
		Map<Integer, Long> statuses = new HashMap<>();
		this.byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
		Map<Fault, Long> injected = new EnumMap<>(Fault.class);
		this.faults.forEach((fault, count) -> injected.put(fault, count.sum()));
		Map<String, Long> writes = new HashMap<>();
		this.churn.forEach((kind, count) -> writes.put(kind, count.sum()));
		return new SimulatorStats(total, endpoints, statuses, statuses.getOrDefault(401, 0L),
				statuses.getOrDefault(429, 0L), injected, writes, contacts);
	}

	void reset() {
		this.byEndpoint.values().forEach(LongAdder::reset);
		this.byStatus.clear();
		this.faults.values().forEach(LongAdder::reset);
		this.churn.values().forEach(LongAdder::reset);
	}

}
