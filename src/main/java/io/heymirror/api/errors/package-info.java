/**
 * Every error as an RFC 9457 problem detail with a stable type, and checks of caller
 * input.
 */
@NullMarked
package io.heymirror.api.errors;

import org.jspecify.annotations.NullMarked;
