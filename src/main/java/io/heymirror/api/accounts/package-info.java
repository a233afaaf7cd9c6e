/**
 * Which Heymarket account a request addresses.
 */
@NullMarked
package io.heymirror.api.accounts;

import org.jspecify.annotations.NullMarked;
