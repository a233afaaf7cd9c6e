package io.heymirror.mirror;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;

/**
 * One row of the mirror as the read APIs need it, read by {@link ContactQueries}.
 *
 * @param account the Heymarket account
 * @param id upstream id
 * @param uuid v2 uuid, when known
 * @param phone E.164 digits
 * @param email email
 * @param displayName display name
 * @param firstName first name
 * @param lastName last name
 * @param optedOut opted-out flag
 * @param teamId team
 * @param created creation time upstream
 * @param updated last update upstream (microseconds, as stored)
 * @param rev upstream revision
 * @param raw the upstream JSON as stored
 * @param rawUpdated the {@code updated} string inside {@code raw}, if it is a string
 * @param syncedAt when the mirror last wrote this row
 * @param deletedAt when the mirror found the contact deleted upstream, or null
 */
public record StoredContact(String account, long id, @Nullable String uuid, @Nullable String phone,
		@Nullable String email, @Nullable String displayName, @Nullable String firstName, @Nullable String lastName,
		@Nullable Boolean optedOut, @Nullable Long teamId, @Nullable Instant created, Instant updated,
		@Nullable Long rev, String raw, @Nullable String rawUpdated, Instant syncedAt, @Nullable Instant deletedAt) {

	static final String COLUMNS = """
			account, id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
			raw::text AS raw_text,
			CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
			synced_at, deleted_at""";

	static final RowMapper<StoredContact> MAPPER = StoredContact::map;

	private static StoredContact map(ResultSet rs, int row) throws SQLException {
		return new StoredContact(rs.getString("account"), rs.getLong("id"), rs.getString("uuid"), rs.getString("phone"),
				rs.getString("email"), rs.getString("display_name"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getObject("opted_out", Boolean.class),
				rs.getObject("team_id", Long.class), instant(rs, "created"), instant(rs, "updated"),
				rs.getObject("rev", Long.class), rs.getString("raw_text"), rs.getString("raw_updated"),
				instant(rs, "synced_at"), instant(rs, "deleted_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime sql(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	@Override
	public String toString() {
		// never contact fields beyond ids
		return "StoredContact[account=" + this.account + ", id=" + this.id + ", rev=" + this.rev + "]";
	}

}
