package io.heymirror.delivery.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.heymirror.changes.ChangeEvent;
import io.heymirror.delivery.SinkDeliveryException;
import io.heymirror.delivery.webhook.TestReceiver.Received;
import io.heymirror.delivery.webhook.WebhookProperties.Start;
import io.heymirror.delivery.webhook.WebhookProperties.Subscriber;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One subscriber's deliveries over real HTTP to a local receiver: what a receiver that
 * verifies with the published Standard Webhooks algorithm sees, and how each answer is
 * taken.
 */
class WebhookSinkTests {

	static final String SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final String PREVIOUS_SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString("the-previous-key-of-24-bytes!".getBytes());

	private final TestReceiver receiver = new TestReceiver();

	private final JsonMapper json = JsonMapper.builder().build();

	private final SettableClock clock = new SettableClock(Instant.now());

	@AfterEach
	void closeReceiver() {
		this.receiver.close();
	}

	@Test
	void everyDeliveryIsOneSignedPostOfTheCloudEventThatAStandardVerifierAccepts() throws Exception {
		List<ChangeEvent> events = List.of(event(1, "created"), event(2, "updated"), event(3, "deleted"));

		sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of())).deliver(events);

		List<Received> received = this.receiver.received();
		assertThat(received).hasSize(3);
		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);
		for (int i = 0; i < 3; i++) {
			Received request = received.get(i);
			ChangeEvent event = events.get(i);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/hooks/heymirror");
			assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
			assertThat(request.header("webhook-id")).isEqualTo(event.id());
			assertThat(request.header("webhook-timestamp"))
				.isEqualTo(Long.toString(this.clock.instant().getEpochSecond()));
			assertThat(this.json.readTree(request.body()))
				.isEqualTo(this.json.readTree(this.json.writeValueAsString(event)));
			assertThat(verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
					request.header("webhook-signature"), request.body(), this.clock.instant()))
				.as("the standard verification of delivery %d", i)
				.isTrue();
		}
		assertThat(new StandardWebhooksVerifier(PREVIOUS_SECRET).verify(received.get(0).header("webhook-id"),
				received.get(0).header("webhook-timestamp"), received.get(0).header("webhook-signature"),
				received.get(0).body(), this.clock.instant()))
			.as("another secret does not verify")
			.isFalse();
	}

	@Test
	void duringASecretRotationReceiversVerifyingWithEitherSecretAccept() throws Exception {
		sink(subscriber(this.receiver.url(), SECRET, PREVIOUS_SECRET, List.of(), List.of()))
			.deliver(List.of(event(1, "created")));

		Received request = this.receiver.received().get(0);
		assertThat(request.header("webhook-signature")).matches("v1,\\S+ v1,\\S+");
		for (String secret : List.of(SECRET, PREVIOUS_SECRET)) {
			assertThat(new StandardWebhooksVerifier(secret).verify(request.header("webhook-id"),
					request.header("webhook-timestamp"), request.header("webhook-signature"), request.body(),
					this.clock.instant()))
				.isTrue();
		}
	}

	@Test
	void everyAttemptIsSignedAgainWithTheCurrentTime() throws Exception {
		WebhookSink sink = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of()));
		this.receiver.answer(500);
		assertThatExceptionOfType(SinkDeliveryException.class)
			.isThrownBy(() -> sink.deliver(List.of(event(1, "created"))));
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(30)));
		this.receiver.answer(204);

		sink.deliver(List.of(event(1, "created")));

		List<Received> received = this.receiver.received();
		assertThat(received).hasSize(2);
		Received retry = received.get(1);
		assertThat(retry.header("webhook-timestamp")).isNotEqualTo(received.get(0).header("webhook-timestamp"));
		assertThat(new StandardWebhooksVerifier(SECRET).verify(retry.header("webhook-id"),
				retry.header("webhook-timestamp"), retry.header("webhook-signature"), retry.body(),
				this.clock.instant()))
			.as("a retry half an hour later still verifies")
			.isTrue();
	}

	@Test
	void aNon2xxAnswerStopsTheBatchAndSaysHowManyWereAcknowledged() {
		AtomicInteger requests = new AtomicInteger();
		this.receiver.answer(() -> (requests.incrementAndGet() <= 2) ? 200 : 503);
		WebhookSink sink = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of()));

		assertThatExceptionOfType(SinkDeliveryException.class)
			.isThrownBy(() -> sink
				.deliver(List.of(event(1, "created"), event(2, "created"), event(3, "created"), event(4, "created"))))
			.satisfies((failure) -> {
				assertThat(failure.delivered()).isEqualTo(2);
				assertThat(failure.gone()).isFalse();
				assertThat(failure.getMessage()).isEqualTo("event 3: the receiver answered 503");
			});
		assertThat(this.receiver.received()).as("nothing after the failed event").hasSize(3);
	}

	@Test
	void aGoneAnswerSaysTheReceiverIsGone() {
		this.receiver.answer(410);
		WebhookSink sink = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of()));

		assertThatExceptionOfType(SinkDeliveryException.class)
			.isThrownBy(() -> sink.deliver(List.of(event(1, "created"))))
			.satisfies((failure) -> assertThat(failure.gone()).isTrue());
	}

	@Test
	void aRedirectIsNotFollowedAndIsAFailure() {
		this.receiver.answer(307);
		WebhookSink sink = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of()));

		assertThatExceptionOfType(SinkDeliveryException.class)
			.isThrownBy(() -> sink.deliver(List.of(event(1, "created"))))
			.satisfies((failure) -> assertThat(failure.gone()).isFalse());
	}

	@Test
	void aRefusedConnectionOrATimeoutIsAFailure() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
		}
		assertThatExceptionOfType(SinkDeliveryException.class)
			.isThrownBy(() -> sink(subscriber(closed, SECRET, null, List.of(), List.of()))
				.deliver(List.of(event(1, "created"))))
			.satisfies((failure) -> assertThat(failure.delivered()).isZero());

		try (ServerSocket silent = new ServerSocket(0)) {
			// accepts connections (the backlog) and never answers
			URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
			assertThatExceptionOfType(SinkDeliveryException.class)
				.isThrownBy(() -> sink(new Subscriber(url, SECRET, null, List.of(), List.of(), Start.LATEST, true,
						Duration.ofDays(1), Duration.ofMillis(300)))
					.deliver(List.of(event(1, "created"))))
				.withMessageContaining("no answer within PT0.3S");
		}
	}

	@Test
	void acceptsOnlyTheListedTypesAndAccounts() {
		WebhookSink all = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of()));
		WebhookSink deletions = sink(subscriber(this.receiver.url(), SECRET, null,
				List.of("deleted", "io.heymirror.contact.restored"), List.of()));
		WebhookSink otherAccount = sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of("acme")));

		assertThat(all.accepts(event(1, "updated"))).isTrue();
		assertThat(deletions.accepts(event(1, "deleted"))).isTrue();
		assertThat(deletions.accepts(event(1, "restored"))).isTrue();
		assertThat(deletions.accepts(event(1, "updated"))).isFalse();
		assertThat(otherAccount.accepts(event(1, "updated"))).isFalse();
		assertThat(sink(subscriber(this.receiver.url(), SECRET, null, List.of(), List.of("default")))
			.accepts(event(1, "updated"))).isTrue();
	}

	private WebhookSink sink(Subscriber subscriber) {
		return new WebhookSink("test", subscriber, WebhookSinks.client(subscriber), this.json, this.clock);
	}

	static Subscriber subscriber(URI url, String secret, @Nullable String previousSecret, List<String> types,
			List<String> accounts) {
		return new Subscriber(url, secret, previousSecret, types, accounts, Start.LATEST, true, Duration.ofDays(1),
				Duration.ofSeconds(10));
	}

	static ChangeEvent event(long id, String operation) {
		return new ChangeEvent("1.0", Long.toString(id), "heymirror/default", "io.heymirror.contact." + operation,
				Long.toString(1000 + id), "2026-11-30T10:46:45.118123Z", "application/json",
				"{\"id\":" + (1000 + id) + ",\"first\":\"Ann\"}", operation.equals("updated") ? "first" : null, "walk",
				id);
	}

	/** A clock the test sets. */
	static final class SettableClock extends Clock {

		private final AtomicReference<Instant> now;

		SettableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void set(Instant instant) {
			this.now.set(instant);
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
