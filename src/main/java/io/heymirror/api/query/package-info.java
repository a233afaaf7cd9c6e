/**
 * The local query API: filtered keyset pages, counts, lookups, refresh of one contact.
 */
@NullMarked
package io.heymirror.api.query;

import org.jspecify.annotations.NullMarked;
