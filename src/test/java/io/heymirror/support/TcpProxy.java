package io.heymirror.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process TCP proxy on a fixed loopback port that a test can cut and restore, to
 * take a server away from a client without stopping the server (an embedded Kafka broker
 * cannot be restarted on the same port). Cut: every open connection is closed and the
 * port refuses new ones (the listening socket is closed); restored: the same port listens
 * again. It counts the connections it accepted, so a test can show its client really went
 * through it.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private volatile InetSocketAddress target;

	private volatile ServerSocket listener;

	private volatile boolean closed;

	/** Listens on a free loopback port; connections are refused until a target is set. */
	public TcpProxy() {
		this.listener = bind(0);
		this.port = this.listener.getLocalPort();
		startAccepting(this.listener);
	}

	public int port() {
		return this.port;
	}

	/** {@code 127.0.0.1:<port>}: what clients connect to. */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/** Where accepted connections are forwarded. */
	public void forwardTo(InetSocketAddress target) {
		this.target = target;
	}

	/** Connections accepted since the proxy started. */
	public long acceptedConnections() {
		return this.accepted.get();
	}

	/** Connections open right now. */
	public int openConnections() {
		return this.open.size();
	}

	/** Closes every open connection and refuses new ones until {@link #restore()}. */
	public synchronized void cut() {
		ServerSocket current = this.listener;
		this.listener = null;
		closeQuietly(current);
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/** Listens again on the same port. */
	public synchronized void restore() {
		if (this.listener == null && !this.closed) {
			this.listener = bind(this.port);
			startAccepting(this.listener);
		}
	}

	public boolean isCut() {
		return this.listener == null;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		cut();
	}

	private static ServerSocket bind(int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on port " + port, ex);
		}
	}

	private void startAccepting(ServerSocket socket) {
		Thread.ofVirtual().name("tcp-proxy-accept-" + this.port).start(() -> accept(socket));
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				this.accepted.incrementAndGet();
				connect(client);
			}
			catch (IOException ex) {
				// the listener was closed by cut() or close()
			}
		}
	}

	private void connect(Socket client) {
		InetSocketAddress to = this.target;
		if (to == null) {
			closeQuietly(client);
			return;
		}
		Socket server = new Socket();
		try {
			server.connect(to, 5_000);
			client.setTcpNoDelay(true);
			server.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(server);
			return;
		}
		this.open.add(client);
		this.open.add(server);
		if (this.listener == null) {
			// cut while connecting
			closeQuietly(client);
			closeQuietly(server);
			return;
		}
		Thread.ofVirtual().start(() -> pipe(client, server));
		Thread.ofVirtual().start(() -> pipe(server, client));
	}

	/** Copies one direction until either side closes, then closes both. */
	private void pipe(Socket from, Socket to) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (SocketException ex) {
			// closed by cut(), or by the other side
		}
		catch (IOException ex) {
			// same: the connection is gone
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

}
