package io.heymirror.mirror;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Filters of a contact search, each an SQL condition with bound parameters that can use
 * an index: {@code account}, {@code phone}, {@code lower(email)}, the trigram indexes of
 * the names, {@code opted_out}, {@code (updated, id)}.
 *
 * @param account only contacts of this account (null: of every account)
 * @param phone exact phone, with or without a leading {@code +}
 * @param email email, case-insensitive
 * @param q part of the display, first or last name, case-insensitive
 * @param optedOut opted-out flag (a missing flag counts as not opted out)
 * @param updatedSince only contacts updated at or after this
 * @param includeDeleted also contacts found deleted upstream
 */
public record ContactFilter(@Nullable String account, @Nullable String phone, @Nullable String email,
		@Nullable String q, @Nullable Boolean optedOut, @Nullable Instant updatedSince, boolean includeDeleted) {

	private static final Pattern TRIGRAM = Pattern.compile("[\\p{L}\\p{N}]{3}");

	/** {@code WHERE} conditions (starting with {@code TRUE}) filling {@code params}. */
	String where(Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("TRUE");
		if (!this.includeDeleted) {
			sql.append(" AND deleted_at IS NULL");
		}
		if (this.account != null) {
			sql.append(" AND account = :account");
			params.put("account", this.account);
		}
		if (this.phone != null) {
			sql.append(" AND phone IN (:phones)");
			params.put("phones", phoneForms(this.phone));
		}
		if (this.email != null) {
			sql.append(" AND lower(email) = lower(:email)");
			params.put("email", this.email);
		}
		if (this.q != null) {
			sql.append(" AND ").append(nameCondition(params));
		}
		if (this.optedOut != null) {
			// the first form matches the partial index of opted-out contacts
			sql.append(this.optedOut ? " AND opted_out" : " AND opted_out IS NOT TRUE");
		}
		if (this.updatedSince != null) {
			sql.append(" AND updated >= :updatedSince");
			params.put("updatedSince", StoredContact.sql(this.updatedSince));
		}
		return sql.toString();
	}

	/**
	 * The condition of {@code q} alone, filling {@code params}; only for a filter with
	 * {@code q}.
	 */
	String nameCondition(Map<String, Object> params) {
		params.put("q", "%" + likeEscape(Objects.requireNonNull(this.q)) + "%");
		return "(display_name ILIKE :q ESCAPE '\\' OR first_name ILIKE :q ESCAPE '\\' OR last_name ILIKE :q ESCAPE '\\')";
	}

	/** This filter without {@code q}. */
	ContactFilter withoutName() {
		return new ContactFilter(this.account, this.phone, this.email, null, this.optedOut, this.updatedSince,
				this.includeDeleted);
	}

	/**
	 * Whether the trigram index can narrow {@code q}: PostgreSQL's {@code pg_trgm} takes
	 * no trigram from a pattern without three letters or digits in a row, and would then
	 * read its whole index.
	 */
	boolean nameUsesTrigrams() {
		return this.q != null && TRIGRAM.matcher(this.q).find();
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

	@Override
	public String toString() {
		// filters hold phones and emails: name only which are set
		return "ContactFilter[account=" + this.account + ", phone=" + (this.phone != null) + ", email="
				+ (this.email != null) + ", q=" + (this.q != null) + ", optedOut=" + this.optedOut + ", updatedSince="
				+ this.updatedSince + ", includeDeleted=" + this.includeDeleted + "]";
	}

}
