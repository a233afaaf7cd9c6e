package io.heymirror.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A callback run on the request path, before the request is authorized or served, so that
 * a change it makes (say, deleting a contact) is visible to that very request. It runs on
 * the server's event loop: keep it quick and do not block.
 */
public final class Hook {

	private final Predicate<SimRequest> condition;

	private final Consumer<SimRequest> action;

	private final boolean once;

	private final AtomicInteger fired = new AtomicInteger();

	private volatile boolean cancelled;

	Hook(Predicate<SimRequest> condition, Consumer<SimRequest> action, boolean once) {
		this.condition = condition;
		this.action = action;
		this.once = once;
	}

	/** How many times the action ran. */
	public int fired() {
		return this.fired.get();
	}

	/** Stops the hook from firing again. */
	public void cancel() {
		this.cancelled = true;
	}

	boolean active() {
		return !this.cancelled;
	}

	void offer(SimRequest request) {
		if (this.cancelled || !this.condition.test(request)) {
			return;
		}
		if (this.once && !this.fired.compareAndSet(0, 1)) {
			return;
		}
		if (!this.once) {
			this.fired.incrementAndGet();
		}
		else {
			this.cancelled = true;
		}
		this.action.accept(request);
	}

}
