/**
 * The scheduled sync: the walk from a resumable watermark, tie drains, the checks that
 * keep the mirror fresh as well as complete (ties, the freshness window, totals) and
 * their repairs, run history. How it works, and what it guarantees, is written down in
 * {@code docs/sync.md} at the root of the repository.
 */
@ApplicationModule(allowedDependencies = { "heymarket", "mirror" })
@NullMarked
package io.heymirror.sync;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
