package io.heymirror.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator served since start or the last reset, and what churn did.
 *
 * @param requests API requests (admin requests excluded)
 * @param byEndpoint requests per endpoint
 * @param byStatus answers per HTTP status (0 for connection resets)
 * @param unauthorized 401 answers
 * @param rateLimited 429 answers
 * @param faults injected faults per kind
 * @param churn background writes per kind ({@code creates}, {@code updates},
 * {@code deletes}, {@code optOuts})
 * @param contacts dataset size now
 */
public record SimulatorStats(long requests, Map<Endpoint, Long> byEndpoint, Map<Integer, Long> byStatus,
		long unauthorized, long rateLimited, Map<Fault, Long> faults, Map<String, Long> churn, int contacts) {

	public SimulatorStats {
		byEndpoint = Map.copyOf(byEndpoint);
		byStatus = Map.copyOf(byStatus);
		faults = Map.copyOf(faults);
		churn = Map.copyOf(churn);
	}

	public long requests(Endpoint endpoint) {
		return this.byEndpoint.getOrDefault(endpoint, 0L);
	}

	public long status(int status) {
		return this.byStatus.getOrDefault(status, 0L);
	}

	public long faults(Fault fault) {
		return this.faults.getOrDefault(fault, 0L);
	}

	/** As served by {@code GET /__admin/stats}. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("requests", this.requests);
		json.put("byEndpoint", new TreeMap<>(this.byEndpoint));
		json.put("byStatus", new TreeMap<>(this.byStatus));
		json.put("unauthorized", this.unauthorized);
		json.put("rateLimited", this.rateLimited);
		json.put("faults", new TreeMap<>(this.faults));
		json.put("churn", new TreeMap<>(this.churn));
		json.put("contacts", this.contacts);
		return json;
	}

}
