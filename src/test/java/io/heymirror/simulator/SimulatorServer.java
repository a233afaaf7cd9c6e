package io.heymirror.simulator;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.resources.LoopResources;

/**
 * The transport: Reactor Netty on its own event loops. Requests are answered on the event
 * loop (the work is a few in-memory lookups); a connection reset is a real RST (SO_LINGER
 * 0, then close), which an HTTP client sees as "connection reset by peer".
 */
final class SimulatorServer implements AutoCloseable {

	private static final byte[] NO_BODY = new byte[0];

	private final LoopResources loops;

	private final DisposableServer server;

	// open connections, closed on close(): a client must not keep a pooled connection to
	// a
	// simulator that is gone (a new one may listen on the same port)
	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final RequestPipeline pipeline;

	private final AdminEndpoints admin;

	SimulatorServer(String host, int port, RequestPipeline pipeline, AdminEndpoints admin) {
		this.pipeline = pipeline;
		this.admin = admin;
		this.loops = LoopResources.create("heymarket-sim", Math.max(2, Runtime.getRuntime().availableProcessors()),
				true);
		this.server = HttpServer.create()
			.host(host)
			.port(port)
			.runOn(this.loops)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.doOnConnection((connection) -> this.connections.add(connection.channel()))
			.handle(this::handle)
			.bindNow(Duration.ofSeconds(10));
	}

	int port() {
		return this.server.port();
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(NO_BODY)
			.flatMap((body) -> respond(request, response, body));
	}

	private Mono<Void> respond(HttpServerRequest request, HttpServerResponse response, byte[] body) {
		String uri = request.uri();
		int question = uri.indexOf('?');
		String path = (question < 0) ? uri : uri.substring(0, question);
		String query = (question < 0) ? "" : uri.substring(question + 1);
		String method = request.method().name();
		if (AdminEndpoints.handles(path)) {
			return send(response, this.admin.handle(method, path, query), "sim-admin");
		}
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		RequestPipeline.Outcome outcome = this.pipeline.serve(method, path, authorization, body);
		Mono<Void> answer = (outcome.reply() != null) ? send(response, outcome.reply(), outcome.requestId())
				: reset(response);
		return outcome.delay().isZero() ? answer : Mono.delay(outcome.delay()).then(answer);
	}

	private static Mono<Void> send(HttpServerResponse response, Reply reply, String requestId) {
		return Mono.defer(() -> {
			response.status(reply.status())
				.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length))
				.header("X-Request-Id", requestId);
			if (reply.retryAfterSeconds() > 0) {
				response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
			}
			return response.sendByteArray(Mono.just(reply.body())).then();
		});
	}

	private static Mono<Void> reset(HttpServerResponse response) {
		return Mono.defer(() -> {
			response.withConnection((connection) -> {
				connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
				connection.channel().close();
			});
			return Mono.empty();
		});
	}

	@Override
	public void close() {
		this.connections.close().awaitUninterruptibly(5, java.util.concurrent.TimeUnit.SECONDS);
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
	}

}
