/**
 * Operations: health, metrics, the sync actuator endpoint, retention and the dashboard
 * page.
 */
@ApplicationModule(allowedDependencies = { "sync", "mirror", "changes" })
@NullMarked
package io.heymirror.ops;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
