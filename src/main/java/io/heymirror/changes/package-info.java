/**
 * The change feed: reads the change log that {@code mirror} appends to in the same
 * transaction as each change, serves it as CloudEvents on {@code GET /api/changes}, and
 * keeps it within its retention. See {@code docs/changes.md}.
 */
@ApplicationModule(allowedDependencies = { "mirror" })
@NullMarked
package io.heymirror.changes;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
