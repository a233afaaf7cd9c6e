/**
 * Mains the benchmark ({@code bench/run.sh}) runs: the embedded PostgreSQL when no server
 * answers, a sync trigger, the bare pager, the upsert-versus-COPY measurement and the
 * Kafka sink's broker and stopwatch. Test sources, so they never ship.
 */
@NullMarked
package io.heymirror.bench;

import org.jspecify.annotations.NullMarked;
