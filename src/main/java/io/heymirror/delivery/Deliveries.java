package io.heymirror.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import io.heymirror.changes.ChangeCursor;
import io.heymirror.changes.ChangeLogReader;
import io.heymirror.changes.ChangeLogStats;
import io.heymirror.changes.ChangeLogStats.Backlog;
import io.heymirror.changes.ChangePosition;
import io.heymirror.changes.ChangeWait;
import io.heymirror.changes.ChangesProperties;
import io.heymirror.changes.RetentionHold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Runs a delivery loop for every configured sink (the {@link ChangeSink} beans and the
 * sinks of {@link ChangeSinks} beans), tells how each is doing, rewinds them, and holds
 * the retention purge back for the entries an enabled sink has not received.
 */
@Service
public class Deliveries implements SmartLifecycle, RetentionHold {

	static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final List<ChangeSink> configured;

	private final SinkCursors cursors;

	private final ChangeLogReader reader;

	private final ChangeWait changes;

	private final ChangeLogStats stats;

	private final SinkLocks locks;

	private final SinkMetrics metrics;

	private final DeliveryProperties retry;

	private final ChangesProperties changesProperties;

	private final Clock clock;

	private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();

	private volatile boolean lifecycleRunning;

	Deliveries(List<ChangeSink> sinks, List<ChangeSinks> groups, SinkCursors cursors, ChangeLogReader reader,
			ChangeWait changes, ChangeLogStats stats, SinkLocks locks, SinkMetrics metrics, DeliveryProperties retry,
			ChangesProperties changesProperties, Clock clock) {
		List<ChangeSink> all = new ArrayList<>(sinks);
		groups.forEach((group) -> all.addAll(group.sinks()));
		this.configured = checkNames(all);
		this.cursors = cursors;
		this.reader = reader;
		this.changes = changes;
		this.stats = stats;
		this.locks = locks;
		this.metrics = metrics;
		this.retry = retry;
		this.changesProperties = changesProperties;
		this.clock = clock;
	}

	private static List<ChangeSink> checkNames(List<ChangeSink> sinks) {
		Map<String, ChangeSink> byName = new LinkedHashMap<>();
		for (ChangeSink sink : sinks) {
			if (!NAME.matcher(sink.name()).matches()) {
				throw new IllegalStateException("Change sink name '" + sink.name() + "' (" + sink.kind()
						+ ") must be lower-case letters, digits and '-'");
			}
			ChangeSink other = byName.putIfAbsent(sink.name(), sink);
			if (other != null) {
				throw new IllegalStateException("Two change sinks are named '" + sink.name() + "' (" + other.kind()
						+ " and " + sink.kind() + "): give the webhook subscriber another name");
			}
		}
		return List.copyOf(byName.values());
	}

	/** The sinks configured in this replica. */
	public List<ChangeSink> sinks() {
		return this.running.values().stream().map(Running::sink).toList();
	}

	/**
	 * Starts delivering to {@code sink} in this replica (at start-up for every configured
	 * sink; tests add their own). A sink seen for the first time starts at the head, or
	 * at the oldest retained change if it asks to.
	 */
	public void start(ChangeSink sink) {
		checkNames(List.of(sink));
		ChangeCursor head = this.reader.head();
		ChangeCursor start = sink.startsAtBeginning() ? new ChangeCursor(ChangePosition.BEGINNING, head.purge()) : head;
		this.cursors.register(sink.name(), sink.kind(), start);
		SinkLoop loop = new SinkLoop(sink, start, this.cursors, this.reader, this.changes, this.locks,
				this.metrics.register(sink, () -> backlog(sink.name())), this.retry);
		if (this.running.putIfAbsent(sink.name(), new Running(sink, loop)) != null) {
			throw new IllegalStateException("Change sink '" + sink.name() + "' is already delivered to");
		}
		loop.start();
		log.info("Sink {} ({}): delivering", sink.name(), sink.kind());
	}

	/** Stops delivering to a sink in this replica (its cursor stays). */
	public void stop(String name) {
		Running sink = this.running.remove(name);
		if (sink != null) {
			sink.loop().stop(STOP_GRACE);
			this.metrics.remove(name);
		}
	}

	/** How every sink of this replica is doing, by name. */
	public List<SinkStatus> statuses() {
		List<String> names = this.running.keySet().stream().sorted().toList();
		if (names.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		return this.cursors.findAll(names).stream().map((row) -> status(row, now)).toList();
	}

	/** How one sink is doing. */
	public SinkStatus status(String name) {
		if (!this.running.containsKey(name)) {
			throw new UnknownSinkException(name);
		}
		return this.cursors.find(name)
			.map((row) -> status(row, this.clock.instant()))
			.orElseThrow(() -> new UnknownSinkException(name));
	}

	/**
	 * Puts the sink's cursor at {@code to} ({@code latest}, {@code beginning} or a cursor
	 * of {@code GET /api/changes}) and back to active, whatever its state.
	 * @throws UnknownSinkException if no such sink is configured here
	 * @throws IllegalArgumentException if {@code to} is none of those
	 */
	public SinkStatus rewind(String name, String to) {
		Running sink = this.running.get(name);
		if (sink == null) {
			throw new UnknownSinkException(name);
		}
		ChangeCursor cursor = switch (to.strip()) {
			case "latest" -> this.reader.head();
			case "beginning" -> new ChangeCursor(ChangePosition.BEGINNING, this.reader.head().purge());
			default -> ChangeCursor.decode(to.strip());
		};
		if (!this.cursors.rewind(name, cursor)) {
			throw new UnknownSinkException(name);
		}
		sink.loop().wake();
		log.info("Sink {}: rewound to {}", name, to.strip());
		return status(name);
	}

	/**
	 * The lowest cursor of the sinks this replica delivers to that are enabled (active or
	 * failing): the purge keeps what they have not received.
	 */
	@Override
	public Optional<ChangePosition> heldAfter() {
		List<String> names = List.copyOf(this.running.keySet());
		if (names.isEmpty()) {
			return Optional.empty();
		}
		return this.cursors.findAll(names)
			.stream()
			.filter((row) -> row.state().delivering())
			.map((row) -> row.cursor().position())
			.min(ChangePosition::compareTo);
	}

	private Backlog backlog(String name) {
		return this.cursors.find(name)
			.map((row) -> this.stats.backlog(row.cursor().position()))
			.orElse(new Backlog(0, null));
	}

	private SinkStatus status(SinkRow row, Instant now) {
		Backlog backlog = this.stats.backlog(row.cursor().position());
		boolean held = row.state().delivering() && backlog.oldest() != null
				&& backlog.oldest().isBefore(now.minus(this.changesProperties.retention()));
		return new SinkStatus(row.name(), row.kind(), row.state(), row.cursor().encode(), backlog.entries(),
				backlog.oldest(), held, row.lastDeliveryAt(), row.failingSince(), row.lastError(), row.delivered(),
				row.failed());
	}

	@Override
	public void start() {
		this.configured.forEach(this::start);
		this.lifecycleRunning = true;
	}

	@Override
	public void stop() {
		Collection<Running> all = List.copyOf(this.running.values());
		// every loop at once: each finishes its batch
		all.forEach((sink) -> sink.loop().requestStop());
		this.running.keySet().forEach(this::stop);
		this.lifecycleRunning = false;
	}

	@Override
	public boolean isRunning() {
		return this.lifecycleRunning;
	}

	private record Running(ChangeSink sink, SinkLoop loop) {
	}

}
