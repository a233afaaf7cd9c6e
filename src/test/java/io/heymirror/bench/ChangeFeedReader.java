package io.heymirror.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bench row P7's feed reader: a consumer that reads {@code GET /api/changes} from the
 * oldest change to the head at {@code limit=1000}, following {@code next}, as one client.
 * Each page is parsed as it streams in (every event counted, {@code next} and
 * {@code hasMore} read), as a consumer must. Prints one {@code FEED ...} line.
 *
 * <pre class="code">
 * ChangeFeedReader BASE_URL API_KEY
 * </pre>
 */
public final class ChangeFeedReader {

	private static final int LIMIT = 1000;

	private ChangeFeedReader() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		JsonMapper json = JsonMapper.builder().build();
		@Nullable String after = null;
		long events = 0;
		int pages = 0;
		long started = System.nanoTime();
		while (true) {
			String url = args[0] + "/api/changes?limit=" + LIMIT
					+ ((after != null) ? "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8) : "");
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + args[1])
				.build();
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
			}
			Page page;
			try (InputStream body = response.body(); JsonParser parser = json.createParser(body)) {
				page = read(parser);
			}
			pages++;
			events += page.events();
			after = page.next();
			if (!page.hasMore()) {
				break;
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("FEED events=%d pages=%d seconds=%.3f rate=%.0f%n", events, pages, seconds, events / seconds);
	}

	private static Page read(JsonParser parser) {
		long events = 0;
		String next = "";
		boolean hasMore = false;
		parser.nextToken();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			switch (name) {
				case "changes" -> {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						parser.skipChildren();
						events++;
					}
				}
				case "next" -> next = parser.getString();
				case "hasMore" -> hasMore = parser.getBooleanValue();
				default -> parser.skipChildren();
			}
		}
		return new Page(events, next, hasMore);
	}

	private record Page(long events, String next, boolean hasMore) {
	}

}
