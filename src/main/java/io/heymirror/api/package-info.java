/**
 * The local query API, the Heymarket-compatible read API, caller authentication, webhooks
 * and errors.
 */
@ApplicationModule(allowedDependencies = { "mirror", "sync" })
@NullMarked
package io.heymirror.api;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
