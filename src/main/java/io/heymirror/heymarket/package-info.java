/**
 * The typed client for Heymarket's six contact read endpoints: auth (key or JWT), the
 * shared rate budget, retries.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.heymirror.heymarket;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
