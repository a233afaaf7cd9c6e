package io.heymirror.heymarket;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Request arrival times as WireMock logged them, and the busiest window among them. */
final class RequestWindows {

	/**
	 * How much later than its neighbours a request may reach the server on a loaded
	 * machine. The budget bounds when requests are sent; the server sees them shifted by
	 * scheduling delays, so windows are shortened by this much. An unthrottled client
	 * still fills a window many times over.
	 */
	static final Duration ARRIVAL_JITTER = Duration.ofMillis(250);

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

	/**
	 * The most requests that arrived within any window of this length, less the
	 * {@link #ARRIVAL_JITTER}.
	 */
	static int busiest(List<Long> arrivals, Duration window) {
		long span = window.minus(ARRIVAL_JITTER).toMillis();
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (arrivals.get(end) - arrivals.get(start) >= span) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

}
