package io.heymirror.heymarket;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The HTTP side: a WebClient from Boot's builder (so observations and codecs apply) on a
 * connection pool of its own, with the configured connect and read timeouts. Built once
 * and reused by every call; closing it releases the pool.
 */
final class UpstreamHttp implements AutoCloseable {

	// a page of 100 contacts with notes and custom fields stays far below this
	private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private final ConnectionProvider connections;

	private final WebClient webClient;

	UpstreamHttp(HeymarketProperties settings, WebClient.Builder builder) {
		// idle connections are dropped before common load-balancer idle timeouts could
		// close them under a request
		this.connections = ConnectionProvider.builder("heymarket")
			.maxConnections(50)
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		HttpClient http = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.responseTimeout(settings.readTimeout());
		this.webClient = builder.baseUrl(settings.baseUrl().toString().replaceAll("/+$", ""))
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.build();
	}

	WebClient webClient() {
		return this.webClient;
	}

	/**
	 * No response or a broken one: connect and read timeouts, resets, premature closes.
	 */
	static boolean isNoResponse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof WebClientRequestException || cause instanceof IOException
					|| cause instanceof TimeoutException
					|| cause instanceof io.netty.handler.timeout.TimeoutException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

}
