/**
 * The read APIs over the mirror, in parts: {@code query} (the local query API),
 * {@code compatible} (Heymarket's contact read routes), {@code webhook} (Heymarket's
 * deliveries), {@code security} (who may call what), {@code errors} (every error as a
 * problem detail) and {@code openapi} (the API document). Every part is internal: no
 * other module uses this one. All SQL goes through {@code mirror}'s
 * {@link io.heymirror.mirror.ContactQueries}.
 */
@ApplicationModule(allowedDependencies = { "mirror", "sync", "heymarket" })
@NullMarked
package io.heymirror.api;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
