package io.heymirror.delivery.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a real local port (the JDK's HTTP server): it records every
 * request and answers with the status it is told to.
 */
final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new ArrayList<>();

	private volatile IntSupplier status = () -> 200;

	TestReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks/heymirror");
	}

	/** Answers every request from now on with {@code status}. */
	void answer(int status) {
		this.status = () -> status;
	}

	void answer(IntSupplier status) {
		this.status = status;
	}

	synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The requests answered with a 2xx. */
	synchronized List<Received> acknowledged() {
		return this.received.stream().filter((request) -> request.status() / 100 == 2).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
			int answer = this.status.getAsInt();
			synchronized (this) {
				this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
						body, answer, System.currentTimeMillis()));
			}
			exchange.sendResponseHeaders(answer, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request.
	 *
	 * @param method the HTTP method
	 * @param path the request path
	 * @param headers by name, case-insensitive
	 * @param body the body as text
	 * @param status what the receiver answered
	 * @param receivedAtMillis when it arrived
	 */
	record Received(String method, String path, Map<String, String> headers, String body, int status,
			long receivedAtMillis) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
