/**
 * Mains the benchmark ({@code bench/run.sh}) runs: the embedded PostgreSQL when no server
 * answers, a sync trigger, the bare pager and the upsert-versus-COPY measurement. Test
 * sources, so they never ship.
 */
@NullMarked
package io.heymirror.bench;

import org.jspecify.annotations.NullMarked;
