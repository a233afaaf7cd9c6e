package io.heymirror.heymarket;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Heymarket's six contact read endpoints, typed. Every call is authenticated, counted
 * against the shared request budget and retried where retrying is safe; a call that fails
 * for good throws {@link HeymarketException}.
 */
@Component
public class HeymarketClient {

	/** {@code GET /v1/contact/{id}}; empty on 404. */
	public Optional<HeymarketContact> contactById(long id) {
		throw new UnsupportedOperationException("issue 2");
	}

	/** {@code POST /v1/contact/get} with {@code phone}; empty on 404. */
	public Optional<HeymarketContact> contactByPhone(String phone) {
		throw new UnsupportedOperationException("issue 2");
	}

	/** {@code POST /v1/contact/get} with {@code id} (as a string); empty on 404. */
	public Optional<HeymarketContact> contactByIdViaGet(long id) {
		throw new UnsupportedOperationException("issue 2");
	}

	/** {@code GET /v2/contact/{uuid}}; empty on 404. */
	public Optional<HeymarketContact> contactByUuid(String uuid) {
		throw new UnsupportedOperationException("issue 2");
	}

	/**
	 * {@code POST /v1/contacts}.
	 * @param date the {@code date} cursor, or null for the first page
	 * @param ascending sent as {@code ascending} when not null
	 */
	public ContactPage contacts(@Nullable String date, @Nullable Boolean ascending) {
		throw new UnsupportedOperationException("issue 2");
	}

	/** {@code POST /v2/contacts/list}. */
	public ContactPage contactsV2(V2ListRequest request) {
		throw new UnsupportedOperationException("issue 2");
	}

	/**
	 * {@code POST /v1/contacts/count}; accepts a JSON string ({@code "1042"}) or a
	 * number.
	 * @param date count only contacts updated after this RFC 3339 time, or null for all
	 */
	public long count(@Nullable String date) {
		throw new UnsupportedOperationException("issue 2");
	}

	/** This process's upstream traffic so far. */
	public UpstreamStats stats() {
		throw new UnsupportedOperationException("issue 2");
	}

	/** Whether credentials are configured, so that calls can be made at all. */
	public boolean isConfigured() {
		throw new UnsupportedOperationException("issue 2");
	}

}
