package io.heymirror.simulator;

import java.util.Map;

/**
 * {@code /__admin/*}: what the simulator holds and what it served, for the demo and for
 * eyeballing a run. No authentication, never counted in the stats.
 */
final class AdminEndpoints {

	private final HeymarketSimulator simulator;

	AdminEndpoints(HeymarketSimulator simulator) {
		this.simulator = simulator;
	}

	static boolean handles(String path) {
		return path.startsWith("/__admin/");
	}

	Reply handle(String method, String path, String query) {
		return switch (method + " " + path) {
			case "GET /__admin/stats" -> Reply.json(this.simulator.stats().toJson());
			case "GET /__admin/contacts" -> contacts(query);
			case "POST /__admin/reset-stats" -> {
				this.simulator.resetStats();
				yield Reply.json(Map.of("reset", true));
			}
			default -> Reply.error(404, "not_found", "admin endpoints: GET /__admin/stats, "
					+ "GET /__admin/contacts[?count], POST /__admin/reset-stats");
		};
	}

	private Reply contacts(String query) {
		if (query.equals("count") || query.startsWith("count=") || query.contains("&count")) {
			return Reply.json(Map.of("count", this.simulator.visibleContacts().size()));
		}
		return Reply.json(200, ContactJson.array(this.simulator.visibleJson(), true, true), -1);
	}

}
