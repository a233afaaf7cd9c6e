package io.heymirror.api;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the mirror for the query API: single lookups, filtered keyset pages in
 * {@code (updated, id)} order, counts.
 */
@Component
@Transactional(readOnly = true)
class ContactSearch {

	private static final String SELECT = "SELECT " + StoredContact.COLUMNS + " FROM contact WHERE ";

	private static final String NEWEST_FIRST = " ORDER BY deleted_at IS NOT NULL, updated DESC, id DESC LIMIT 1";

	private final NamedParameterJdbcTemplate jdbc;

	ContactSearch(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredContact> byId(long id, boolean includeDeleted) {
		MapSqlParameterSource params = new MapSqlParameterSource("id", id);
		return first(SELECT + "id = :id" + live(includeDeleted), params);
	}

	/** The most recently updated contact with this uuid (live ones first). */
	Optional<StoredContact> byUuid(String uuid, boolean includeDeleted) {
		MapSqlParameterSource params = new MapSqlParameterSource("uuids", List.of(uuid, uuid.toLowerCase()));
		return first(SELECT + "uuid IN (:uuids)" + live(includeDeleted) + NEWEST_FIRST, params);
	}

	/**
	 * The most recently updated contact with this phone (live ones first): phones are not
	 * unique upstream, and this is what a lookup by phone there returns.
	 */
	Optional<StoredContact> byPhone(String phone, boolean includeDeleted) {
		MapSqlParameterSource params = new MapSqlParameterSource("phones", ContactFilter.phoneForms(phone));
		return first(SELECT + "phone IN (:phones)" + live(includeDeleted) + NEWEST_FIRST, params);
	}

	/**
	 * Up to {@code limit} contacts matching {@code filter} in {@code (updated, id)}
	 * order, after {@code cursor} if given.
	 */
	List<StoredContact> page(ContactFilter filter, @Nullable ContactCursor cursor, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
		StringBuilder sql = new StringBuilder(SELECT).append(filter.where(params));
		if (cursor != null) {
			sql.append(" AND (updated, id) > (:cursorUpdated, :cursorId)");
			params.addValue("cursorUpdated", StoredContact.sql(cursor.updated()));
			params.addValue("cursorId", cursor.id());
		}
		sql.append(" ORDER BY updated, id LIMIT :limit");
		return this.jdbc.query(sql.toString(), params, StoredContact.MAPPER);
	}

	long count(ContactFilter filter) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM contact WHERE " + filter.where(params), params,
				Long.class);
		return (count != null) ? count : 0;
	}

	private static String live(boolean includeDeleted) {
		return includeDeleted ? "" : " AND deleted_at IS NULL";
	}

	private Optional<StoredContact> first(String sql, MapSqlParameterSource params) {
		return this.jdbc.query(sql, params, StoredContact.MAPPER).stream().findFirst();
	}

}
