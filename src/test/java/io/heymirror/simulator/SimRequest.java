package io.heymirror.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A request as hooks see it, before it is served. Body fields are as sent, null when
 * absent or not of the expected JSON type.
 *
 * @param number 1 for the first API request since start, counting every API request
 * @param endpoint the endpoint
 * @param method HTTP method
 * @param path request path without query
 * @param date {@code date} body field
 * @param page {@code page} body field
 * @param limit {@code limit} body field
 * @param ascending {@code ascending} body field
 * @param phone {@code phone} body field ({@code /v1/contact/get})
 * @param id {@code id} body field ({@code /v1/contact/get}) or the id or uuid in the path
 */
public record SimRequest(long number, Endpoint endpoint, String method, String path, @Nullable String date,
		@Nullable Integer page, @Nullable Integer limit, @Nullable Boolean ascending, @Nullable String phone,
		@Nullable String id) {
}
