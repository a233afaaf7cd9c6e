package io.heymirror.simulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Fault injection: each authorized request that is not throttled draws once from a seeded
 * {@link Random}, so a run with the same seed and the same request sequence fails the
 * same requests. Rates are probabilities in 0..1 and their sum must not exceed 1.
 */
public final class FaultSettings {

	private double serviceUnavailable;

	private double serverErrorHtml;

	private double truncatedBody;

	private double connectionReset;

	private double latencyRate = 1.0;

	private Duration latencyMin = Duration.ZERO;

	private Duration latencyMax = Duration.ZERO;

	private Set<Endpoint> endpoints = EnumSet.allOf(Endpoint.class);

	private long seed;

	private Random random = new Random(0);

	/** Rate of 503 answers. */
	public synchronized FaultSettings serviceUnavailable(double rate) {
		this.serviceUnavailable = checked(rate, this.serverErrorHtml, this.truncatedBody, this.connectionReset);
		return this;
	}

	/** Rate of 500 answers with an HTML body. */
	public synchronized FaultSettings serverErrorHtml(double rate) {
		this.serverErrorHtml = checked(rate, this.serviceUnavailable, this.truncatedBody, this.connectionReset);
		return this;
	}

	/** Rate of 200 answers whose JSON body is cut short. */
	public synchronized FaultSettings truncatedBody(double rate) {
		this.truncatedBody = checked(rate, this.serviceUnavailable, this.serverErrorHtml, this.connectionReset);
		return this;
	}

	/** Rate of connection resets (no answer at all). */
	public synchronized FaultSettings connectionReset(double rate) {
		this.connectionReset = checked(rate, this.serviceUnavailable, this.serverErrorHtml, this.truncatedBody);
		return this;
	}

	/** Delays every answer by exactly {@code delay}. */
	public FaultSettings latency(Duration delay) {
		return latency(1.0, delay, delay);
	}

	/**
	 * Delays a {@code rate} share of answers by a uniform duration in {@code min..max}.
	 */
	public synchronized FaultSettings latency(double rate, Duration min, Duration max) {
		if (max.compareTo(min) < 0 || min.isNegative()) {
			throw new IllegalArgumentException("Latency range must be 0 <= min <= max");
		}
		this.latencyRate = checked(rate);
		this.latencyMin = min;
		this.latencyMax = max;
		return this;
	}

	public synchronized Duration latencyMin() {
		return this.latencyMin;
	}

	public synchronized Duration latencyMax() {
		return this.latencyMax;
	}

	/** Restricts faults and latency to these endpoints (default: all). */
	public synchronized FaultSettings onlyFor(Endpoint first, Endpoint... more) {
		this.endpoints = EnumSet.of(first, more);
		return this;
	}

	/** Restarts the fault sequence from {@code seed}. */
	public synchronized FaultSettings seed(long seed) {
		this.seed = seed;
		this.random = new Random(seed);
		return this;
	}

	/** Turns every fault and latency off. */
	public synchronized FaultSettings none() {
		this.serviceUnavailable = 0;
		this.serverErrorHtml = 0;
		this.truncatedBody = 0;
		this.connectionReset = 0;
		this.latencyMin = Duration.ZERO;
		this.latencyMax = Duration.ZERO;
		this.endpoints = EnumSet.allOf(Endpoint.class);
		return this;
	}

	/** Takes every value of {@code other}, restarting the sequence from its seed. */
	void copyFrom(FaultSettings other) {
		FaultSettings source = new FaultSettings();
		synchronized (other) {
			source.serviceUnavailable = other.serviceUnavailable;
			source.serverErrorHtml = other.serverErrorHtml;
			source.truncatedBody = other.truncatedBody;
			source.connectionReset = other.connectionReset;
			source.latencyRate = other.latencyRate;
			source.latencyMin = other.latencyMin;
			source.latencyMax = other.latencyMax;
			source.endpoints = EnumSet.copyOf(other.endpoints);
			source.seed = other.seed;
		}
		synchronized (this) {
			this.serviceUnavailable = source.serviceUnavailable;
			this.serverErrorHtml = source.serverErrorHtml;
			this.truncatedBody = source.truncatedBody;
			this.connectionReset = source.connectionReset;
			this.latencyRate = source.latencyRate;
			this.latencyMin = source.latencyMin;
			this.latencyMax = source.latencyMax;
			this.endpoints = source.endpoints;
			seed(source.seed);
		}
	}

	/** What happens to one request: a fault or none, a delay, and where a body is cut. */
	synchronized Decision decide(Endpoint endpoint) {
		if (!this.endpoints.contains(endpoint)) {
			return Decision.NONE;
		}
		double roll = this.random.nextDouble();
		Fault fault = null;
		if ((roll -= this.connectionReset) < 0) {
			fault = Fault.CONNECTION_RESET;
		}
		else if ((roll -= this.serviceUnavailable) < 0) {
			fault = Fault.SERVICE_UNAVAILABLE;
		}
		else if ((roll -= this.serverErrorHtml) < 0) {
			fault = Fault.SERVER_ERROR_HTML;
		}
		else if ((roll - this.truncatedBody) < 0) {
			fault = Fault.TRUNCATED_BODY;
		}
		Duration delay = Duration.ZERO;
		if (!this.latencyMax.isZero() && this.random.nextDouble() < this.latencyRate) {
			long spread = this.latencyMax.toNanos() - this.latencyMin.toNanos();
			delay = this.latencyMin.plusNanos((spread > 0) ? (long) (this.random.nextDouble() * spread) : 0);
		}
		return new Decision(fault, delay, this.random.nextDouble());
	}

	private static double checked(double rate, double... others) {
		double sum = rate;
		for (double other : others) {
			sum += other;
		}
		if (rate < 0 || rate > 1 || sum > 1.0 + 1e-9) {
			throw new IllegalArgumentException("Fault rates must be in 0..1 and sum to at most 1");
		}
		return rate;
	}

	/**
	 * @param fault the fault to inject, or null
	 * @param delay added latency
	 * @param cut where a truncated body ends, as a share of its length
	 */
	record Decision(@Nullable Fault fault, Duration delay, double cut) {

		static final Decision NONE = new Decision(null, Duration.ZERO, 0);

	}

}
