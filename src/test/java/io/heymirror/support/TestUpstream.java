package io.heymirror.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.function.Consumer;

import io.heymirror.simulator.HeymarketSimulator;

/**
 * The Heymarket simulator the shared test context talks to. Its port is fixed for the JVM
 * (the context's base URL points at it), while its content is replaced per test: each
 * {@link #replace} stops the current simulator and starts a freshly built one on the same
 * port.
 */
public final class TestUpstream {

	public static final String API_KEY = "test-upstream-key";

	private static final int PORT = freePort();

	private static HeymarketSimulator current;

	private TestUpstream() {
	}

	public static String baseUrl() {
		return "http://127.0.0.1:" + PORT;
	}

	/** The running simulator, started with an empty dataset if none runs yet. */
	public static synchronized HeymarketSimulator current() {
		if (current == null) {
			replace((builder) -> builder.contacts(0));
		}
		return current;
	}

	/** Replaces the running simulator with one built by {@code configurer}. */
	public static synchronized HeymarketSimulator replace(Consumer<HeymarketSimulator.Builder> configurer) {
		if (current != null) {
			current.close();
			current = null;
		}
		HeymarketSimulator.Builder builder = HeymarketSimulator.builder().host("127.0.0.1").port(PORT).apiKey(API_KEY);
		configurer.accept(builder);
		current = builder.build().start();
		return current;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
