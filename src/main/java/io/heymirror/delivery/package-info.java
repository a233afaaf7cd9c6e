/**
 * Pushing the change feed to sinks (webhook subscribers, Kafka): each {@link ChangeSink}
 * gets its own delivery loop and its own cursor in PostgreSQL, advanced only past what it
 * acknowledged, with one replica at a time delivering to it. See
 * {@code docs/delivery.md}.
 */
@ApplicationModule(allowedDependencies = { "changes" })
@NullMarked
package io.heymirror.delivery;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
