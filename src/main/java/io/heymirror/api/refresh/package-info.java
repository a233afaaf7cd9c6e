/**
 * Refreshes of one contact from Heymarket within what they may cost: a limit per API key,
 * a share of the upstream budget while a sync runs, and a queue in PostgreSQL so that no
 * webhook refresh is ever dropped.
 */
@NullMarked
package io.heymirror.api.refresh;

import org.jspecify.annotations.NullMarked;
