package io.heymirror.delivery.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.heymirror.changes.ChangeEvent;
import io.heymirror.changes.ChangeOperation;
import io.heymirror.delivery.ChangeSink;
import io.heymirror.delivery.SinkDeliveryException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes changes to a Kafka topic: one record per event, keyed
 * {@code <account>/<contact id>} (so that accounts never collide on a compacted topic and
 * a contact's events stay in one partition, in order), valued with the CloudEvent JSON
 * exactly as {@code GET /api/changes} serves it, and after each deletion a tombstone with
 * the same key. A batch counts as delivered only once the broker acknowledged every
 * record of it; the producer is idempotent with {@code acks=all}
 * ({@link KafkaProducerSettings}), so a retried batch neither reorders nor loses a
 * contact's events.
 */
class KafkaChangeSink implements ChangeSink {

	static final String NAME = "kafka";

	private static final String DELETED = ChangeOperation.DELETED.eventType();

	private static final String SOURCE_PREFIX = "heymirror/";

	private static final int BATCH_SIZE = 500;

	private static final Duration ACK_MARGIN = Duration.ofSeconds(5);

	private final KafkaTemplate<String, @Nullable String> template;

	private final String topic;

	private final JsonMapper json;

	private final KafkaSinkProperties properties;

	KafkaChangeSink(KafkaTemplate<String, @Nullable String> template, JsonMapper json, KafkaSinkProperties properties) {
		this.template = template;
		this.topic = Objects.requireNonNull(properties.topic(), "heymirror.changes.kafka.topic");
		this.json = json;
		this.properties = properties;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String kind() {
		return "kafka";
	}

	/**
	 * A topic is usually compacted and replayed by new consumers, so it should hold the
	 * whole mirror: a new Kafka sink starts from the oldest retained change, which with
	 * the rest gives every live contact.
	 */
	@Override
	public boolean startsAtBeginning() {
		return true;
	}

	@Override
	public Duration maxRetryDuration() {
		return this.properties.maxRetryDuration();
	}

	/**
	 * Larger than a webhook's: a batch costs one wait for the broker's acknowledgements,
	 * however many records it has.
	 */
	@Override
	public int batchSize() {
		return BATCH_SIZE;
	}

	@Override
	public boolean accepts(ChangeEvent event) {
		return this.properties.accounts().isEmpty() || this.properties.accounts().contains(account(event));
	}

	@Override
	public void deliver(List<ChangeEvent> events) throws SinkDeliveryException {
		List<List<CompletableFuture<?>>> sent = new ArrayList<>(events.size());
		Throwable refused = null;
		for (ChangeEvent event : events) {
			List<CompletableFuture<?>> records;
			try {
				records = send(event);
			}
			catch (RuntimeException ex) {
				refused = ex;
				break;
			}
			sent.add(records);
			if (records.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
				// refused at once (no metadata within max.block.ms, a record too large):
				// the events after it must not overtake it
				break;
			}
		}
		if (!sent.isEmpty()) {
			try {
				// every record sent completes (acknowledged or failed) before flush
				// returns, so nothing of this batch is in flight when it is retried
				this.template.flush();
			}
			catch (RuntimeException ex) {
				refused = (refused != null) ? refused : ex;
			}
		}
		int delivered = 0;
		Throwable failure = refused;
		for (List<CompletableFuture<?>> records : sent) {
			Throwable error = awaitAll(records);
			if (error != null) {
				failure = error;
				break;
			}
			delivered++;
		}
		if (delivered < events.size()) {
			throw new SinkDeliveryException(
					"Kafka did not acknowledge event " + events.get(delivered).id() + " (" + (events.size() - delivered)
							+ " of " + events.size() + " events not delivered): " + describe(failure),
					delivered, false, failure);
		}
	}

	private List<CompletableFuture<?>> send(ChangeEvent event) {
		String key = account(event) + "/" + event.subject();
		List<CompletableFuture<?>> records = new ArrayList<>(2);
		records.add(this.template.send(this.topic, key, this.json.writeValueAsString(event)));
		if (this.properties.tombstones() && DELETED.equals(event.type())) {
			records.add(this.template.send(this.topic, key, null));
		}
		return records;
	}

	/** Waits for every record's acknowledgement; the first failure, or null. */
	private @Nullable Throwable awaitAll(List<CompletableFuture<?>> records) {
		Duration wait = this.properties.sendTimeout().plus(ACK_MARGIN);
		for (CompletableFuture<?> record : records) {
			try {
				record.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				return (ex.getCause() != null) ? ex.getCause() : ex;
			}
			catch (TimeoutException ex) {
				return ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ex;
			}
		}
		return null;
	}

	private static String account(ChangeEvent event) {
		String source = event.source();
		return source.startsWith(SOURCE_PREFIX) ? source.substring(SOURCE_PREFIX.length()) : source;
	}

	private static String describe(@Nullable Throwable failure) {
		if (failure == null) {
			return "unknown error";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
