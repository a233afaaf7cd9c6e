package io.heymirror.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Measures how many pages per second the simulator serves to a bare client: one JDK
 * {@link HttpClient}, HTTP/1.1, one connection, requests strictly sequential. Pages
 * through {@code /v1/contacts} (cursor = last {@code updated}) and then
 * {@code /v2/contacts/list} (limit 100, page 0, 1, ...), wrapping around at the end.
 *
 * <pre class="code">
 * java -cp target/test-classes:$CP io.heymirror.simulator.SimulatorLoadClient http://127.0.0.1:9999 sim-key 10
 * </pre>
 */
public final class SimulatorLoadClient {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	private final String apiKey;

	private SimulatorLoadClient(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	public static void main(String[] args) throws Exception {
		String url = (args.length > 0) ? args[0] : "http://127.0.0.1:9999";
		String key = (args.length > 1) ? args[1] : SimulatorMain.DEFAULT_API_KEY;
		long seconds = (args.length > 2) ? Long.parseLong(args[2]) : 10;
		SimulatorLoadClient load = new SimulatorLoadClient(url, key);
		load.v1(seconds / 2);
		load.v2(seconds / 2);
		System.out.printf("v1 /v1/contacts (30/page): %s%n", load.v1(seconds));
		System.out.printf("v2 /v2/contacts/list (100/page): %s%n", load.v2(seconds));
	}

	private String v1(long seconds) throws IOException, InterruptedException {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long start = System.nanoTime();
		long pages = 0;
		long bytes = 0;
		String cursor = null;
		while (System.nanoTime() < end) {
			String body = (cursor == null) ? "{}" : "{\"date\":\"" + cursor + "\"}";
			byte[] page = post("/v1/contacts", body);
			pages++;
			bytes += page.length;
			String text = new String(page, StandardCharsets.ISO_8859_1);
			int at = text.lastIndexOf("\"updated\":\"");
			String next = (at < 0) ? null : text.substring(at + 11, text.indexOf('"', at + 11));
			cursor = (next == null || next.equals(cursor) || count(text, "\"updated\":") < 30) ? null : next;
		}
		return rate(pages, bytes, System.nanoTime() - start);
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			count++;
		}
		return count;
	}

	private String v2(long seconds) throws IOException, InterruptedException {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long start = System.nanoTime();
		long pages = 0;
		long bytes = 0;
		int number = 0;
		while (System.nanoTime() < end) {
			byte[] page = post("/v2/contacts/list", "{\"limit\":100,\"page\":" + number + ",\"ascending\":true}");
			pages++;
			bytes += page.length;
			number = (page.length <= 2) ? 0 : number + 1;
		}
		return rate(pages, bytes, System.nanoTime() - start);
	}

	private byte[] post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode());
		}
		return response.body();
	}

	private static String rate(long pages, long bytes, long nanos) {
		double seconds = nanos / 1e9;
		return String.format("%.0f pages/s, %.1f MB/s, %d pages in %.1f s", pages / seconds, bytes / seconds / 1e6,
				pages, seconds);
	}

}
