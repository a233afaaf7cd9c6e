package io.heymirror.heymarket;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends one call upstream: per attempt, a permit from the rate budget, a bearer token,
 * the HTTP exchange and the classification of its outcome; across attempts, the
 * {@link RetryPolicy}. The caller blocks for the result (sync runs on its own threads);
 * the budget wait runs on Reactor's bounded-elastic scheduler, never on an event loop.
 */
final class UpstreamExchange implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(UpstreamExchange.class);

	private static final byte[] EMPTY = new byte[0];

	private final UpstreamHttp http;

	private final UpstreamAuth auth;

	private final RateBudget budget;

	private final RetryPolicy retryPolicy;

	private final UpstreamMetrics metrics;

	UpstreamExchange(UpstreamHttp http, UpstreamAuth auth, RateBudget budget, RetryPolicy retryPolicy,
			UpstreamMetrics metrics) {
		this.http = http;
		this.auth = auth;
		this.budget = budget;
		this.retryPolicy = retryPolicy;
		this.metrics = metrics;
	}

	boolean configured() {
		return this.auth.configured();
	}

	UpstreamStats stats() {
		return this.metrics.stats();
	}

	/**
	 * Performs the call, retrying as the policy allows.
	 * @return what the reader made of the body; null for a 404 the request accepts
	 * @throws HeymarketException when the call fails for good
	 */
	<T> @Nullable T call(Request request, BodyReader<T> reader) {
		String label = request.endpoint().label();
		if (!this.auth.configured()) {
			throw new HeymarketException("Heymarket " + label + " not called: no credentials configured; set "
					+ "heymirror.heymarket.api-key (HEYMARKET_API_KEY) or secret-id and secret-key "
					+ "(HEYMARKET_SECRET_ID, HEYMARKET_SECRET_KEY)", label, 0, null, null);
		}
		Attempts attempts = new Attempts(request.endpoint());
		return Mono.defer(() -> attempt(request, reader, attempts))
			.retryWhen(this.retryPolicy.retry(attempts))
			.onErrorMap((ex) -> !(ex instanceof HeymarketException),
					(ex) -> new HeymarketException("Heymarket " + label + " failed: " + ex, label, 0, null, ex))
			.block();
	}

	private <T> Mono<T> attempt(Request request, BodyReader<T> reader, Attempts attempts) {
		return Mono.fromCallable(() -> {
			this.budget.acquire();
			return this.auth.token();
		}).subscribeOn(Schedulers.boundedElastic()).flatMap((token) -> send(request, token, reader, attempts));
	}

	private <T> Mono<T> send(Request request, String token, BodyReader<T> reader, Attempts attempts) {
		Endpoint endpoint = request.endpoint();
		attempts.start();
		long started = System.nanoTime();
		WebClient.RequestBodySpec spec = this.http.webClient()
			.method(endpoint.method())
			.uri(endpoint.path(), request.uriVariables())
			.headers((headers) -> headers.setBearerAuth(token));
		byte[] body = request.body();
		WebClient.RequestHeadersSpec<?> ready = (body != null)
				? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
		return ready.exchangeToMono(UpstreamExchange::answer).onErrorMap(UpstreamHttp::isNoResponse, (ex) -> {
			this.metrics.attempt(endpoint, UpstreamMetrics.NO_RESPONSE, System.nanoTime() - started);
			return new AttemptFailure(AttemptFailure.Kind.NO_RESPONSE, 0, null, null, ex);
		}).flatMap((answer) -> {
			this.metrics.attempt(endpoint, Integer.toString(answer.status()), System.nanoTime() - started);
			return outcome(request, token, answer, reader, attempts);
		});
	}

	private static Mono<Answer> answer(ClientResponse response) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		int status = response.statusCode().value();
		String requestId = headers.getFirst("X-Request-Id");
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.map((body) -> new Answer(status, requestId, retryAfter, body));
	}

	private <T> Mono<T> outcome(Request request, String token, Answer answer, BodyReader<T> reader, Attempts attempts) {
		int status = answer.status();
		String requestId = answer.requestId();
		if (status >= 200 && status < 300) {
			try {
				return Mono.justOrEmpty(reader.read(answer.body(), requestId));
			}
			catch (ContactParser.MalformedJson ex) {
				return Mono.error(new AttemptFailure(AttemptFailure.Kind.MALFORMED_BODY, status, requestId, null, ex));
			}
			catch (ContactParser.UnexpectedJson ex) {
				return Mono.error(refused(request, answer, ex.getMessage()));
			}
		}
		if (status == 404 && request.emptyOn404()) {
			if (!isJsonObject(answer.body())) {
				// a gateway's page or an empty body says nothing about the contact
				return Mono.error(refused(request, answer,
						"not found, but the body is not a JSON object, so it is not taken as a deletion"));
			}
			log.debug("Heymarket {}: not found (X-Request-Id {})", request.endpoint().label(), orNone(requestId));
			return Mono.empty();
		}
		if (status == 429 || status == 408 || status >= 500) {
			return Mono
				.error(new AttemptFailure(AttemptFailure.Kind.STATUS, status, requestId, answer.retryAfter(), null));
		}
		if (status == 401 && this.auth.renewable() && attempts.renewOnce()) {
			this.auth.renew(token);
			return Mono.error(new AttemptFailure(AttemptFailure.Kind.TOKEN_RENEWED, status, requestId, null, null));
		}
		return Mono.error(refused(request, answer, hint(status)));
	}

	private static HeymarketException refused(Request request, Answer answer, String why) {
		String label = request.endpoint().label();
		log.warn("Heymarket {}: HTTP {} (X-Request-Id {}), not retried: {}", label, answer.status(),
				orNone(answer.requestId()), why);
		return new HeymarketException("Heymarket " + label + " answered HTTP " + answer.status() + ", X-Request-Id "
				+ orNone(answer.requestId()) + ": " + why, label, answer.status(), answer.requestId(), null);
	}

	private static String hint(int status) {
		return switch (status) {
			case 400 -> "the request was refused as bad data";
			case 401 -> "the credentials were refused; check heymirror.heymarket.api-key or secret-id/secret-key";
			case 403 -> "these credentials may not read contacts";
			case 404 -> "not found";
			default -> "unexpected status";
		};
	}

	/** Whether the body is one JSON object: how Heymarket's own 404s look. */
	static boolean isJsonObject(byte[] body) {
		try {
			return body.length > 0 && JsonMapper.shared().readTree(body).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	static String orNone(@Nullable String requestId) {
		return (requestId != null) ? requestId : "none";
	}

	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * What to send.
	 *
	 * @param endpoint the endpoint
	 * @param body the JSON body, or null for a GET
	 * @param emptyOn404 whether a 404 with a JSON object body means "no such contact"
	 * rather than an error
	 * @param uriVariables values for the path template
	 */
	record Request(Endpoint endpoint, byte @Nullable [] body, boolean emptyOn404, Object... uriVariables) {
	}

	/** How a successful body becomes a result. */
	@FunctionalInterface
	interface BodyReader<T> {

		@Nullable T read(byte[] body, @Nullable String requestId);

	}

	private record Answer(int status, @Nullable String requestId, @Nullable String retryAfter, byte[] body) {
	}

}
