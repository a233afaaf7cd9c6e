package io.heymirror.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.heymirror.changes.ChangeEvent;

/**
 * A sink the tests steer: it records what it acknowledged, can be told to fail (after
 * acknowledging a few events), to answer "gone", or to hang until released, and counts
 * how many deliveries to it ran at once.
 */
final class TestSink implements ChangeSink {

	private final String name;

	private final boolean beginning;

	private final Predicate<ChangeEvent> filter;

	private final Duration maxRetryDuration;

	private final List<ChangeEvent> acknowledged = new ArrayList<>();

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger mostConcurrent = new AtomicInteger();

	private volatile Mode mode = Mode.ACCEPT;

	private volatile int acknowledgeBeforeFailing;

	private volatile CountDownLatch hang = new CountDownLatch(0);

	TestSink(String name, boolean beginning) {
		this(name, beginning, (event) -> true, Duration.ofDays(1));
	}

	TestSink(String name, boolean beginning, Predicate<ChangeEvent> filter, Duration maxRetryDuration) {
		this.name = name;
		this.beginning = beginning;
		this.filter = filter;
		this.maxRetryDuration = maxRetryDuration;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String kind() {
		return "test";
	}

	@Override
	public boolean startsAtBeginning() {
		return this.beginning;
	}

	@Override
	public boolean accepts(ChangeEvent event) {
		return this.filter.test(event);
	}

	@Override
	public Duration maxRetryDuration() {
		return this.maxRetryDuration;
	}

	@Override
	public int batchSize() {
		return 7;
	}

	@Override
	public void deliver(List<ChangeEvent> events) throws SinkDeliveryException {
		this.attempts.incrementAndGet();
		int now = this.concurrent.incrementAndGet();
		this.mostConcurrent.accumulateAndGet(now, Math::max);
		try {
			this.hang.await();
			switch (this.mode) {
				case ACCEPT -> record(events);
				case FAIL -> {
					int acknowledged = Math.min(this.acknowledgeBeforeFailing, events.size());
					record(events.subList(0, acknowledged));
					throw new SinkDeliveryException("test failure", acknowledged, false, null);
				}
				case GONE -> throw new SinkDeliveryException("receiver gone (410)", 0, true, null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SinkDeliveryException("interrupted", 0, false, ex);
		}
		finally {
			this.concurrent.decrementAndGet();
		}
	}

	private synchronized void record(List<ChangeEvent> events) {
		this.acknowledged.addAll(events);
	}

	synchronized List<String> acknowledgedIds() {
		return this.acknowledged.stream().map(ChangeEvent::id).toList();
	}

	int attempts() {
		return this.attempts.get();
	}

	int mostConcurrent() {
		return this.mostConcurrent.get();
	}

	void accept() {
		this.mode = Mode.ACCEPT;
	}

	/** Fails every delivery after acknowledging its first {@code acknowledged} events. */
	void fail(int acknowledged) {
		this.acknowledgeBeforeFailing = acknowledged;
		this.mode = Mode.FAIL;
	}

	void gone() {
		this.mode = Mode.GONE;
	}

	void hang() {
		this.hang = new CountDownLatch(1);
	}

	void release() {
		this.hang.countDown();
	}

	enum Mode {

		ACCEPT, FAIL, GONE

	}

}
