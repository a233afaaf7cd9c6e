package io.heymirror.api.refresh;

import io.heymirror.sync.RefreshOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What became of a webhook's refresh: done now, or queued.
 *
 * @param outcome what the refresh did, or null when it was queued
 */
public record WebhookRefresh(@Nullable RefreshOutcome outcome) {

	static final WebhookRefresh QUEUED = new WebhookRefresh(null);

	public boolean queued() {
		return this.outcome == null;
	}

}
