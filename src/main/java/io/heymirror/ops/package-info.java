/**
 * Operations: health, metrics, the sync and change sink actuator endpoints, retention and
 * the dashboard page.
 */
@ApplicationModule(allowedDependencies = { "sync", "mirror", "changes", "delivery" })
@NullMarked
package io.heymirror.ops;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
