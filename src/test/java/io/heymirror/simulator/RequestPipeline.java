package io.heymirror.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One API request from arrival to answer: hooks, authentication, the rate limit, fault
 * injection, the endpoint itself, then stats and the request log. Transport-free, so the
 * server only moves bytes.
 */
final class RequestPipeline {

	private static final JsonNode EMPTY_BODY = JsonMapper.shared().createObjectNode();

	private final ContactEndpoints endpoints;

	private final SimulatorSettings settings;

	private final Authenticator authenticator;

	private final RateLimiter limiter = new RateLimiter();

	private final StatsRecorder stats;

	private final RequestLog log;

	private final Clock clock;

	private final List<Hook> hooks = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	RequestPipeline(ContactEndpoints endpoints, SimulatorSettings settings, StatsRecorder stats, RequestLog log,
			Clock clock) {
		this.endpoints = endpoints;
		this.settings = settings;
		this.authenticator = new Authenticator(settings, clock);
		this.stats = stats;
		this.log = log;
		this.clock = clock;
	}

	Hook addHook(Hook hook) {
		this.hooks.add(hook);
		return hook;
	}

	void clearHooks() {
		this.hooks.forEach(Hook::cancel);
		this.hooks.clear();
	}

	long requestCount() {
		return this.requests.get();
	}

	void resetRateLimit() {
		this.limiter.reset();
	}

	Outcome serve(String method, String path, @Nullable String authorization, byte[] rawBody) {
		long number = this.requests.incrementAndGet();
		String requestId = "sim-" + Long.toHexString(0x100000000L + number).substring(1);
		Endpoint endpoint = Endpoint.of(method, path);
		JsonNode body = parse(endpoint, rawBody);
		SimRequest request = describe(number, endpoint, method, path, body);
		runHooks(request);
		Reply reply;
		Fault fault = null;
		Duration delay = Duration.ZERO;
		String refusal = this.authenticator.refusal(authorization);
		long waitMillis = (refusal != null) ? 0
				: this.limiter.acquire(this.clock.millis(), this.settings.requestsPerMinute());
		if (refusal != null) {
			reply = Reply.error(401, "unauthorized", refusal);
		}
		else if (waitMillis > 0) {
			Reply throttled = Reply.error(429, "rate_limited", "Too many requests");
			long retryAfter = this.settings.retryAfter() ? (waitMillis + 999) / 1000 : 0;
			reply = new Reply(429, throttled.contentType(), throttled.body(), retryAfter, -1);
		}
		else {
			FaultSettings.Decision decision = this.settings.faults().decide(endpoint);
			delay = decision.delay();
			fault = decision.fault();
			reply = answer(endpoint, path, body, fault, decision.cut());
			if (fault == Fault.TRUNCATED_BODY && reply != null && reply.status() != 200) {
				fault = null;
			}
		}
		int status = (reply != null) ? reply.status() : 0;
		this.stats.served(endpoint, status, fault, !delay.isZero());
		Fault logged = (fault == null && !delay.isZero()) ? Fault.LATENCY : fault;
		this.log.add(new LoggedRequest(request, this.clock.instant(), status, logged,
				(reply != null && status == 200) ? reply.returned() : -1, requestId));
		return new Outcome(reply, delay, requestId);
	}

	/**
	 * Accounts for a request served in-process (see {@link InProcessCalls}): it is
	 * numbered, runs the hooks and shows in the stats like an HTTP request.
	 */
	void servedInProcess(Endpoint endpoint, String path, @Nullable String date, @Nullable Integer page,
			@Nullable Integer limit, @Nullable Boolean ascending, @Nullable String id) {
		long number = this.requests.incrementAndGet();
		String method = (endpoint == Endpoint.V1_CONTACT) ? "GET" : "POST";
		runHooks(new SimRequest(number, endpoint, method, path, date, page, limit, ascending, null, id));
		this.stats.served(endpoint, 200, null, false);
	}

	private @Nullable Reply answer(Endpoint endpoint, String path, @Nullable JsonNode body, @Nullable Fault fault,
			double cut) {
		if (fault == Fault.CONNECTION_RESET) {
			return null;
		}
		if (fault == Fault.SERVICE_UNAVAILABLE) {
			return Reply.error(503, "service_unavailable", "Service temporarily unavailable");
		}
		if (fault == Fault.SERVER_ERROR_HTML) {
			return Reply.html(500, "<html><head><title>500 Internal Server Error</title></head>"
					+ "<body><center><h1>500 Internal Server Error</h1></center></body></html>\n");
		}
		if (body == null) {
			return Reply.badData("request body must be a JSON object");
		}
		try {
			Reply reply = this.endpoints.handle(endpoint, path, body);
			return (fault == Fault.TRUNCATED_BODY && reply.status() == 200) ? reply.truncated(cut) : reply;
		}
		catch (ContactEndpoints.BadData ex) {
			return Reply.badData(ex.getMessage());
		}
	}

	private void runHooks(SimRequest request) {
		for (Hook hook : this.hooks) {
			hook.offer(request);
			if (!hook.active()) {
				this.hooks.remove(hook);
			}
		}
	}

	/** The body as a JSON object; null when it is not one (answered 400 after auth). */
	private static @Nullable JsonNode parse(Endpoint endpoint, byte[] rawBody) {
		if (endpoint == Endpoint.V1_CONTACT || endpoint == Endpoint.V2_CONTACT || isBlank(rawBody)) {
			return EMPTY_BODY;
		}
		try {
			JsonNode node = JsonMapper.shared().readTree(rawBody);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

	private static SimRequest describe(long number, Endpoint endpoint, String method, String path,
			@Nullable JsonNode body) {
		JsonNode fields = (body != null) ? body : EMPTY_BODY;
		String id = (endpoint == Endpoint.V1_CONTACT || endpoint == Endpoint.V2_CONTACT) ? path.substring(12)
				: stringField(fields, "id");
		return new SimRequest(number, endpoint, method, path, stringField(fields, "date"), intField(fields, "page"),
				intField(fields, "limit"),
				fields.path("ascending").isBoolean() ? fields.get("ascending").booleanValue() : null,
				stringField(fields, "phone"), id);
	}

	private static @Nullable String stringField(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static @Nullable Integer intField(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return (value != null && value.isIntegralNumber() && value.canConvertToInt()) ? value.intValue() : null;
	}

	/**
	 * @param reply the answer, or null to reset the connection
	 * @param delay how long to wait before answering
	 * @param requestId the {@code X-Request-Id}
	 */
	record Outcome(@Nullable Reply reply, Duration delay, String requestId) {
	}

}
