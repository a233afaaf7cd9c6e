package io.heymirror.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The container's {@code HEALTHCHECK}: exits 0 when the readiness group answers 200, 1
 * otherwise. A plain class run by the JRE already in the image
 * ({@code java -cp /app/BOOT-INF/classes io.heymirror.ops.ContainerHealthCheck}), so the
 * runtime image needs no curl or wget. The port follows {@code MANAGEMENT_SERVER_PORT},
 * then {@code SERVER_PORT}, then 8080.
 */
public final class ContainerHealthCheck {

	static final String PATH = "/actuator/health/readiness";

	private ContainerHealthCheck() {
	}

	public static void main(String[] args) {
		System.exit(check(target(System.getenv())));
	}

	static URI target(Map<String, String> environment) {
		String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT",
				environment.getOrDefault("SERVER_PORT", "8080"));
		return URI.create("http://localhost:" + port + PATH);
	}

	/** 0 when {@code uri} answers 200 within a few seconds, else 1. */
	static int check(URI uri) {
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(4)).GET().build();
			HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
			return (response.statusCode() == 200) ? 0 : 1;
		}
		catch (IOException ex) {
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

}
