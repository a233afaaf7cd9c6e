/**
 * Heymarket's webhook deliveries: opt-in and opt-out events refresh the contact at once.
 */
@NullMarked
package io.heymirror.api.webhook;

import org.jspecify.annotations.NullMarked;
