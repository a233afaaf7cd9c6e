package io.heymirror.heymarket;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v2/contacts/list}.
 *
 * @param limit page size (upstream default 30, documented maximum 100)
 * @param page zero-indexed page number
 * @param date RFC 3339 lower bound on {@code updated}, or null
 * @param ascending true for ascending by {@code updated} (upstream defaults to
 * descending)
 */
public record V2ListRequest(int limit, int page, @Nullable String date, boolean ascending) {
}
