package io.heymirror.sync;

/**
 * Published when a run ends, whatever its outcome (metrics and the dashboard listen).
 *
 * @param run the finished run as recorded in {@code sync_run}
 */
public record SyncRunFinished(SyncRun run) {
}
