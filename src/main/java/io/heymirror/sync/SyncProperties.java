package io.heymirror.sync;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.heymirror.heymarket.AccountProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How and when the mirror syncs.
 *
 * @param enabled whether scheduled runs are on (the first one right after start)
 * @param interval pause between the end of one scheduled run and the start of the next
 * @param strategy how to page upstream: {@code v1-cursor} (POST /v1/contacts, pages of
 * 30) or {@code v2-keyset} (POST /v2/contacts/list with date + ascending, pages of 100)
 * @param reconcileInterval how often a run is a full reconciliation (re-fetch everything,
 * detect deletions), catching changes that equal counts hide
 * @param staleAfter the sync is reported unhealthy when the last successful run is older;
 * defaults to three intervals
 * @param v2PageSize limit sent to POST /v2/contacts/list (documented maximum 100; a
 * smaller cap is learned from the data, as is the page size of POST /v1/contacts, which
 * takes no limit)
 * @param maxDrainPages most offset pages one tie group may take before the run fails
 * @param repairWindow a count gap is narrowed down until its window holds at most this
 * many contacts, then that window is re-synced
 * @param lockAtMostFor how long the sync lock outlives a crashed replica; it is extended
 * while the run is alive
 * @param progressInterval how often a long run logs its progress
 * @param countSettle how far in the past the checked windows end, and how long a run
 * waits before counting a shortfall again: counts may lag writes by this much
 * @param maxClockSkew how far past the database's now an upstream {@code updated} may be
 * before the checkpoint stops following it (the contact is stored and flagged)
 * @param maxConcurrentAccounts most account runs one replica runs at once (each holds up
 * to two database connections)
 */
@Validated
@ConfigurationProperties("heymirror.sync")
public record SyncProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT5M") @NotNull Duration interval,
		@DefaultValue("v1-cursor") @NotNull Strategy strategy, @DefaultValue("P1D") @NotNull Duration reconcileInterval,
		@Nullable Duration staleAfter, @DefaultValue("100") @Min(1) @Max(1000) int v2PageSize,
		@DefaultValue("100000") @Min(1) int maxDrainPages, @DefaultValue("300") @Min(1) int repairWindow,
		@DefaultValue("PT1M") @NotNull Duration lockAtMostFor,
		@DefaultValue("PT10S") @NotNull Duration progressInterval, @DefaultValue("PT10S") @NotNull Duration countSettle,
		@DefaultValue("PT5M") @NotNull Duration maxClockSkew, @DefaultValue("4") @Min(1) int maxConcurrentAccounts) {

	public SyncProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("heymirror.sync.interval must be positive, was " + interval);
		}
		if (countSettle.isNegative() || maxClockSkew.isNegative()) {
			throw new IllegalArgumentException(
					"heymirror.sync.count-settle and heymirror.sync.max-clock-skew must not be negative");
		}
		if (lockAtMostFor.compareTo(Duration.ofSeconds(30)) < 0) {
			throw new IllegalArgumentException("heymirror.sync.lock-at-most-for must be at least PT30S");
		}
	}

	/**
	 * The settings of one account: these, with the account's own interval, strategy and
	 * reconciliation interval where it sets them.
	 */
	public SyncProperties forAccount(AccountProperties.Sync own) {
		Strategy ownStrategy = (own.strategy() != null) ? Strategy.of(own.strategy()) : this.strategy;
		return new SyncProperties(this.enabled, (own.interval() != null) ? own.interval() : this.interval, ownStrategy,
				(own.reconcileInterval() != null) ? own.reconcileInterval() : this.reconcileInterval, this.staleAfter,
				this.v2PageSize, this.maxDrainPages, this.repairWindow, this.lockAtMostFor, this.progressInterval,
				this.countSettle, this.maxClockSkew, this.maxConcurrentAccounts);
	}

	/** The age after which the sync counts as stale. */
	public Duration effectiveStaleAfter() {
		return (this.staleAfter != null) ? this.staleAfter : this.interval.multipliedBy(3);
	}

	/** Paging strategies. */
	public enum Strategy {

		/** {@code POST /v1/contacts} with the {@code date} cursor, pages of 30. */
		V1_CURSOR,

		/**
		 * {@code POST /v2/contacts/list} with {@code date} + {@code ascending}, pages of
		 * 100.
		 */
		V2_KEYSET;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		/** The strategy of a label ({@code v1-cursor}, {@code v2-keyset}). */
		public static Strategy of(String label) {
			return valueOf(label.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}

	}

}
