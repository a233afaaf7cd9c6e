package io.heymirror.heymarket;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Request arrival times as WireMock logged them, and the busiest window among them. */
final class RequestWindows {

	private RequestWindows() {
	}

	/** Arrival times in epoch milliseconds, sorted. */
	static List<Long> arrivals(WireMockExtension server) {
		return server.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getLoggedDate().getTime())
			.sorted()
			.toList();
	}

	/** The most requests that arrived within any window of this length. */
	static int busiest(List<Long> arrivals, Duration window) {
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (arrivals.get(end) - arrivals.get(start) >= window.toMillis()) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

}
