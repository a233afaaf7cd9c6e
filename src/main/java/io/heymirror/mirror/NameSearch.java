package io.heymirror.mirror;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A page of a search by part of a name, planned by how dense its matches are rather than
 * by PostgreSQL's estimate of it. The planner cannot estimate a substring pattern's
 * matches well (at 1,000,000 contacts it took "Ana Smith", 0.14% of them, for 0.85%), and
 * then walks the {@code (updated, account, id)} order testing every contact: 37,000 for
 * one page, 105 ms. Either plan is right for some density, so the search tries them in
 * order, each bounded:
 * <ol>
 * <li>walk the first {@code 20 x limit} contacts in order: enough when at least one in 20
 * matches;</li>
 * <li>else, when the trigram index can narrow the pattern and the walk found too few
 * matches for the plain query to be cheaper (see {@link #walkIsShorter}), take every
 * match from the index, up to {@code 100 x limit}, and sort them: the answer when there
 * are fewer;</li>
 * <li>else (null) the caller's plain query: the matches are dense enough for its
 * walk.</li>
 * </ol>
 * Each answer comes from one statement, so it is as consistent as a single query. Only
 * the second plan needs a transaction, for its plan settings.
 */
final class NameSearch {

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	private final int walkFactor;

	private final int matchFactor;

	NameSearch(JdbcClient jdbc, TransactionTemplate readOnly, int walkFactor, int matchFactor) {
		this.jdbc = jdbc;
		this.readOnly = readOnly;
		this.walkFactor = walkFactor;
		this.matchFactor = matchFactor;
	}

	/**
	 * Up to {@code limit} contacts matching {@code filter}, which has a name, after
	 * {@code after}; null when neither bounded plan answers, and the plain query must.
	 */
	@Nullable List<StoredContact> page(ContactFilter filter, @Nullable ContactPosition after, int limit) {
		List<StoredContact> walked = walk(filter, after, limit);
		if (walked.size() == limit) {
			return walked;
		}
		if (!filter.nameUsesTrigrams() || walkIsShorter(walked.size(), limit)) {
			return null;
		}
		return fromIndex(filter, after, limit);
	}

	/**
	 * Whether the plain query's walk, at the density of matches the first walk found,
	 * reads no more contacts for a page than the index step may sort
	 * ({@code matchFactor x limit}). A common last name (a few percent of the contacts)
	 * is such a case: the index step would sort its cap of matches, find there are more,
	 * and the plain query would run after all.
	 */
	private boolean walkIsShorter(int found, int limit) {
		// limit / (found / walked) <= matchFactor x limit, without dividing
		return (long) found * this.matchFactor >= (long) this.walkFactor * limit;
	}

	private List<StoredContact> walk(ContactFilter filter, @Nullable ContactPosition after, int limit) {
		Map<String, Object> params = new HashMap<>();
		String sql = "SELECT " + StoredContact.COLUMNS + " FROM (SELECT * FROM contact WHERE "
				+ filter.withoutName().where(params) + ContactQueries.after(after, params)
				+ " ORDER BY updated, account, id LIMIT :walk) contact WHERE " + filter.nameCondition(params)
				+ " ORDER BY updated, account, id LIMIT :limit";
		params.put("walk", this.walkFactor * limit);
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query(StoredContact.MAPPER).list();
	}

	/**
	 * The page sorted out of every match found through the indexes, or null when there
	 * are {@code matchFactor x limit} or more. Index scans in order and sequential scans
	 * are priced out in a read-only transaction, as the planner would otherwise prefer
	 * them on the same estimate. The page's rows are then fetched by their row address,
	 * read in the same snapshot.
	 */
	private @Nullable List<StoredContact> fromIndex(ContactFilter filter, @Nullable ContactPosition after, int limit) {
		return this.readOnly.execute((transaction) -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off")
				.update();
			List<StoredContact> page = sortedMatches(filter, after, limit);
			if (!transaction.isNewTransaction()) {
				// in the caller's transaction, the settings would outlast this step
				this.jdbc
					.sql("SET LOCAL enable_seqscan = DEFAULT; SET LOCAL enable_indexscan = DEFAULT;"
							+ " SET LOCAL jit = DEFAULT")
					.update();
			}
			return page;
		});
	}

	private @Nullable List<StoredContact> sortedMatches(ContactFilter filter, @Nullable ContactPosition after,
			int limit) {
		Map<String, Object> params = new HashMap<>();
		String sql = "WITH matched AS MATERIALIZED (SELECT ctid AS m_ctid, account AS m_account, id AS m_id,"
				+ " updated AS m_updated FROM contact WHERE " + filter.where(params)
				+ ContactQueries.after(after, params) + " LIMIT :cap),"
				+ " first AS (SELECT * FROM matched ORDER BY m_updated, m_account, m_id LIMIT :limit) SELECT "
				+ StoredContact.COLUMNS + ", (SELECT count(*) FROM matched) AS matched"
				+ " FROM first JOIN contact ON contact.ctid = m_ctid ORDER BY m_updated, m_account, m_id";
		int cap = this.matchFactor * limit;
		params.put("cap", cap);
		params.put("limit", limit);
		long[] matched = { 0 };
		List<StoredContact> page = this.jdbc.sql(sql).params(params).query((rs, row) -> {
			matched[0] = rs.getLong("matched");
			return StoredContact.MAPPER.mapRow(rs, row);
		}).list();
		return (matched[0] < cap) ? page : null;
	}

}
