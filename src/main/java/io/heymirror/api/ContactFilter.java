package io.heymirror.api;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The filters of {@code GET /api/contacts} and its count, as SQL conditions with bound
 * parameters. Each condition can use an index: {@code phone}, {@code lower(email)},
 * {@code (updated, id)}.
 *
 * @param phone exact phone, with or without a leading {@code +}
 * @param email email, case-insensitive
 * @param q part of the display, first or last name, case-insensitive
 * @param optedOut opted-out flag (a missing flag counts as not opted out)
 * @param updatedSince only contacts updated at or after this
 * @param includeDeleted also contacts found deleted upstream
 */
record ContactFilter(@Nullable String phone, @Nullable String email, @Nullable String q, @Nullable Boolean optedOut,
		@Nullable Instant updatedSince, boolean includeDeleted) {

	/** {@code WHERE} conditions (starting with {@code TRUE}) filling {@code params}. */
	String where(MapSqlParameterSource params) {
		StringBuilder sql = new StringBuilder("TRUE");
		if (!this.includeDeleted) {
			sql.append(" AND deleted_at IS NULL");
		}
		if (this.phone != null) {
			sql.append(" AND phone IN (:phones)");
			params.addValue("phones", phoneForms(this.phone));
		}
		if (this.email != null) {
			sql.append(" AND lower(email) = lower(:email)");
			params.addValue("email", this.email);
		}
		if (this.q != null) {
			sql.append(" AND (display_name ILIKE :q ESCAPE '\\' OR first_name ILIKE :q ESCAPE '\\'"
					+ " OR last_name ILIKE :q ESCAPE '\\')");
			params.addValue("q", "%" + likeEscape(this.q) + "%");
		}
		if (this.optedOut != null) {
			sql.append(" AND coalesce(opted_out, false) = :optedOut");
			params.addValue("optedOut", this.optedOut);
		}
		if (this.updatedSince != null) {
			sql.append(" AND updated >= :updatedSince");
			params.addValue("updatedSince", StoredContact.sql(this.updatedSince));
		}
		return sql.toString();
	}

	/** The phone as given, and without (or with) its leading {@code +}. */
	static List<String> phoneForms(String phone) {
		Set<String> forms = new LinkedHashSet<>();
		forms.add(phone);
		forms.add(phone.startsWith("+") ? phone.substring(1) : "+" + phone);
		return List.copyOf(forms);
	}

	private static String likeEscape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
