package io.heymirror.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last requests served (200,000 by default; older ones are dropped so a long
 * benchmark does not exhaust memory), oldest first.
 */
public final class RequestLog {

	private final Deque<LoggedRequest> entries = new ArrayDeque<>();

	private final int capacity;

	RequestLog(int capacity) {
		this.capacity = capacity;
	}

	synchronized void add(LoggedRequest entry) {
		if (this.entries.size() == this.capacity) {
			this.entries.pollFirst();
		}
		this.entries.addLast(entry);
	}

	public synchronized List<LoggedRequest> all() {
		return List.copyOf(this.entries);
	}

	public synchronized List<LoggedRequest> of(Endpoint endpoint) {
		return this.entries.stream().filter((entry) -> entry.endpoint() == endpoint).toList();
	}

	/** The {@code date} values sent to an endpoint, in order (null where absent). */
	public synchronized List<@Nullable String> dates(Endpoint endpoint) {
		List<@Nullable String> dates = new ArrayList<>();
		for (LoggedRequest entry : this.entries) {
			if (entry.endpoint() == endpoint) {
				dates.add(entry.date());
			}
		}
		return dates;
	}

	public synchronized int size() {
		return this.entries.size();
	}

	public synchronized @Nullable LoggedRequest last() {
		return this.entries.peekLast();
	}

	public synchronized void clear() {
		this.entries.clear();
	}

}
