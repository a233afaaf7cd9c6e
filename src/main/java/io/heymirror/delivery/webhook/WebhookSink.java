package io.heymirror.delivery.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.heymirror.changes.ChangeEvent;
import io.heymirror.delivery.ChangeSink;
import io.heymirror.delivery.SinkDeliveryException;
import io.heymirror.delivery.webhook.WebhookProperties.Start;
import io.heymirror.delivery.webhook.WebhookProperties.Subscriber;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook subscriber: one {@code POST} per event, in order, each body the CloudEvent
 * exactly as {@code GET /api/changes} serves it (the same JSON mapper), signed again on
 * every attempt with the current time as Standard Webhooks prescribes. A 2xx acknowledges
 * the event; 410 means the subscriber is gone; anything else, a timeout or a refused
 * connection is a failure the framework retries.
 */
final class WebhookSink implements ChangeSink {

	static final String CONTENT_TYPE = "application/cloudevents+json";

	private static final int GONE = 410;

	private final String name;

	private final URI url;

	private final Subscriber subscriber;

	private final Set<String> types;

	private final Set<String> sources;

	private final WebhookSigner signer;

	private final HttpClient http;

	private final JsonMapper json;

	private final Clock clock;

	WebhookSink(String name, Subscriber subscriber, HttpClient http, JsonMapper json, Clock clock) {
		this.name = name;
		this.subscriber = subscriber;
		if (subscriber.url() == null || subscriber.secret() == null) {
			throw new IllegalArgumentException("Webhook subscriber " + name + " needs a URL and a secret");
		}
		this.url = subscriber.url();
		this.signer = new WebhookSigner(subscriber.secret(), subscriber.previousSecret());
		this.types = subscriber.types().stream().map(EventTypes::of).collect(Collectors.toSet());
		this.sources = subscriber.accounts()
			.stream()
			.map((account) -> "heymirror/" + account.strip())
			.collect(Collectors.toSet());
		this.http = http;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String kind() {
		return "webhook";
	}

	@Override
	public boolean startsAtBeginning() {
		return this.subscriber.start() == Start.BEGINNING;
	}

	@Override
	public boolean accepts(ChangeEvent event) {
		return (this.types.isEmpty() || this.types.contains(event.type()))
				&& (this.sources.isEmpty() || this.sources.contains(event.source()));
	}

	@Override
	public Duration maxRetryDuration() {
		return this.subscriber.maxRetryDuration();
	}

	@Override
	public void deliver(List<ChangeEvent> events) throws SinkDeliveryException {
		for (int i = 0; i < events.size(); i++) {
			post(events.get(i), i);
		}
	}

	private void post(ChangeEvent event, int delivered) throws SinkDeliveryException {
		byte[] body = this.json.writeValueAsBytes(event);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.subscriber.timeout())
			.header("Content-Type", CONTENT_TYPE)
			.header("User-Agent", "Heymirror")
			.header("webhook-id", event.id())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", this.signer.signature(event.id(), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		int status;
		try {
			status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpTimeoutException ex) {
			throw new SinkDeliveryException("event " + event.id() + ": no answer within " + this.subscriber.timeout(),
					delivered, false, ex);
		}
		catch (IOException ex) {
			throw new SinkDeliveryException("event " + event.id() + ": " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : ""), delivered, false, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SinkDeliveryException("event " + event.id() + ": interrupted", delivered, false, ex);
		}
		if (status == GONE) {
			throw new SinkDeliveryException("event " + event.id() + ": the receiver answered 410 Gone", delivered, true,
					null);
		}
		if (status < 200 || status > 299) {
			throw new SinkDeliveryException("event " + event.id() + ": the receiver answered " + status, delivered,
					false, null);
		}
	}

	@Override
	public String toString() {
		return "WebhookSink[" + this.name + " -> " + this.url + "]";
	}

}
