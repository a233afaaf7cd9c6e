package io.heymirror.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.heymirror.HeymirrorApplication;
import io.heymirror.heymarket.Account;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as {@code HeymirrorApplication} runs it, plus a bench-only sync trigger for
 * builds without the {@code /actuator/sync} endpoint: {@code POST /sync} on 127.0.0.1,
 * port {@code BENCH_TRIGGER_PORT}, body {@code {"mode":"full"}} or {@code {}}; it starts
 * a run through {@link SyncControl#start} exactly as the actuator endpoint does (202, or
 * 409 while a run is alive). {@code bench/run.sh} launches it from the jar with
 * {@code PropertiesLauncher} and {@code loader.path}.
 */
public final class BenchService {

	private BenchService() {
	}

	public static void main(String[] args) throws IOException {
		ConfigurableApplicationContext context = SpringApplication.run(HeymirrorApplication.class, args);
		SyncControl control = context.getBean(SyncControl.class);
		int port = Integer.parseInt(System.getenv().getOrDefault("BENCH_TRIGGER_PORT", "18099"));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/sync", (exchange) -> trigger(exchange, control));
		server.start();
		context.addApplicationListener((event) -> {
			if (event instanceof org.springframework.context.event.ContextClosedEvent) {
				server.stop(0);
			}
		});
		System.out.println("Bench sync trigger on http://127.0.0.1:" + port + "/sync");
	}

	private static void trigger(HttpExchange exchange, SyncControl control) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		SyncMode mode = body.replace(" ", "").contains("\"mode\":\"full\"") ? SyncMode.FULL : SyncMode.INCREMENTAL;
		boolean started = "POST".equals(exchange.getRequestMethod())
				&& control.start(Account.DEFAULT, mode, "bench") == SyncControl.Start.STARTED;
		byte[] answer = ("{\"started\":" + started + ",\"mode\":\"" + mode.name().toLowerCase(java.util.Locale.ROOT)
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(started ? 202 : 409, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

}
