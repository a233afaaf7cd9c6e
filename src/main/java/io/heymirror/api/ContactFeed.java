package io.heymirror.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live contacts in the orders the Heymarket-compatible list routes serve them, each
 * query a range scan of the {@code (updated, id)} index.
 */
@Component
@Transactional(readOnly = true)
class ContactFeed {

	/** Page size of {@code POST /v1/contacts}. */
	static final int V1_PAGE_SIZE = 30;

	private static final String SELECT_LIVE = "SELECT " + StoredContact.COLUMNS
			+ " FROM contact WHERE deleted_at IS NULL";

	private final NamedParameterJdbcTemplate jdbc;

	ContactFeed(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page of {@code POST /v1/contacts}: the first 30 contacts updated strictly after
	 * {@code after}, ascending by {@code (updated, id)}, grown to the end of the last
	 * contact's {@code updated} tie group. A client passing the last {@code updated} as
	 * the next {@code date} therefore never skips the rest of a group, and never sees a
	 * contact twice. Both statements read one snapshot.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	List<StoredContact> v1Page(@Nullable Instant after) {
		MapSqlParameterSource params = new MapSqlParameterSource("limit", V1_PAGE_SIZE);
		List<StoredContact> page = new ArrayList<>(
				this.jdbc.query(SELECT_LIVE + after(after, params) + " ORDER BY updated, id LIMIT :limit", params,
						StoredContact.MAPPER));
		if (page.size() == V1_PAGE_SIZE) {
			StoredContact last = page.get(page.size() - 1);
			MapSqlParameterSource tie = new MapSqlParameterSource("updated", StoredContact.sql(last.updated()))
				.addValue("id", last.id());
			page.addAll(this.jdbc.query(SELECT_LIVE + " AND updated = :updated AND id > :id ORDER BY id", tie,
					StoredContact.MAPPER));
		}
		return page;
	}

	/**
	 * A page of {@code POST /v2/contacts/list}: offset pages over {@code (updated, id)}
	 * in either direction; the id tiebreak keeps pages over a tie group disjoint.
	 */
	List<StoredContact> v2Page(@Nullable Instant after, boolean ascending, int limit, long offset) {
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
		String order = ascending ? " ORDER BY updated, id" : " ORDER BY updated DESC, id DESC";
		return this.jdbc.query(SELECT_LIVE + after(after, params) + order + " LIMIT :limit OFFSET :offset", params,
				StoredContact.MAPPER);
	}

	/** Live contacts, or those updated strictly after {@code after}. */
	long count(@Nullable Instant after) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM contact WHERE deleted_at IS NULL" + after(after, params), params, Long.class);
		return (count != null) ? count : 0;
	}

	private static String after(@Nullable Instant after, MapSqlParameterSource params) {
		if (after == null) {
			return "";
		}
		params.addValue("after", StoredContact.sql(after));
		return " AND updated > :after";
	}

}
