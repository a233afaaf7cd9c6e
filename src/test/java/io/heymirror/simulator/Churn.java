package io.heymirror.simulator;

import java.util.SplittableRandom;

/**
 * Background writes at the rates in {@link SimulatorSettings#churn}: creates, updates,
 * deletes and opt-outs, each bumping {@code updated} and {@code rev} like any dataset
 * write. Ticks every 20 ms and carries fractions over, so low rates work too; at rate 0
 * it idles.
 */
final class Churn implements AutoCloseable {

	private static final long TICK_MILLIS = 20;

	private final SimulatorDataset dataset;

	private final SimulatorSettings settings;

	private final StatsRecorder stats;

	private final SplittableRandom random;

	private final Thread thread;

	private final double[] owed = new double[4];

	private volatile boolean running = true;

	Churn(SimulatorDataset dataset, SimulatorSettings settings, StatsRecorder stats, long seed) {
		this.dataset = dataset;
		this.settings = settings;
		this.stats = stats;
		this.random = new SplittableRandom(seed);
		this.thread = Thread.ofVirtual().name("heymarket-sim-churn").start(this::run);
	}

	private void run() {
		long last = System.nanoTime();
		while (this.running) {
			try {
				Thread.sleep(TICK_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = System.nanoTime();
			tick((now - last) / 1e9);
			last = now;
		}
	}

	/** Runs {@code action} while no churn write is in progress. */
	synchronized void exclusive(Runnable action) {
		action.run();
	}

	private synchronized void tick(double seconds) {
		double[] rates = this.settings.churnRates();
		for (int kind = 0; kind < rates.length; kind++) {
			if (rates[kind] <= 0) {
				this.owed[kind] = 0;
				continue;
			}
			this.owed[kind] += rates[kind] * seconds;
			while (this.owed[kind] >= 1 && this.running) {
				this.owed[kind] -= 1;
				if (write(kind)) {
					this.stats.churned(kind);
				}
			}
		}
	}

	private boolean write(int kind) {
		if (kind == 0) {
			this.dataset.create();
			return true;
		}
		Integer id = this.dataset.randomId(this.random);
		if (id == null) {
			return false;
		}
		return switch (kind) {
			case 1 -> this.dataset
				.update(id, (contact) -> contact.withCustom("103", Integer.toString(this.random.nextInt(1000))))
				.isPresent();
			case 2 -> this.dataset.delete(id);
			default -> this.dataset.optOut(id).isPresent();
		};
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

}
