package io.heymirror.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of the mirror for the read APIs: lookups, filtered keyset pages and counts, and
 * the orders Heymarket's list routes serve contacts in. Each statement is bounded by a
 * timeout (PostgreSQL cancels it, SQLState {@code 57014}): a reader cannot hold a
 * connection and a backend indefinitely. Callers make one instance with their own
 * timeout.
 * <p>
 * A read of one statement runs without a transaction of its own (it joins the caller's,
 * if any): a transaction would add a round trip for its commit and the transaction
 * manager's work to the API's most frequent requests. Reads of more than one statement
 * open one.
 */
public class ContactQueries {

	/** Page size of Heymarket's {@code POST /v1/contacts}. */
	public static final int V1_PAGE_SIZE = 30;

	private static final String SELECT = "SELECT " + StoredContact.COLUMNS + " FROM contact WHERE ";

	private static final String SELECT_LIVE = SELECT + "account = :account AND deleted_at IS NULL";

	private static final String NEWEST_FIRST = " ORDER BY deleted_at IS NOT NULL, updated DESC, id DESC LIMIT 1";

	/** The order of one account's page by {@code (updated, id)}. */
	public enum Order {

		ASCENDING(" ORDER BY updated, id"), DESCENDING(" ORDER BY updated DESC, id DESC");

		private final String sql;

		Order(String sql) {
			this.sql = sql;
		}

	}

	private static final int NAME_WALK_FACTOR = 20;

	private static final int NAME_MATCH_FACTOR = 100;

	private final JdbcClient jdbc;

	private final NameSearch names;

	/**
	 * @param dataSource the mirror's database
	 * @param transactions the application's transactions, for the reads that need one
	 * @param statementTimeout longest a statement may run, whole seconds (JDBC's unit)
	 */
	public ContactQueries(DataSource dataSource, PlatformTransactionManager transactions, Duration statementTimeout) {
		this(dataSource, transactions, statementTimeout, NAME_WALK_FACTOR, NAME_MATCH_FACTOR);
	}

	/**
	 * With the bounds of a name search's plans (see {@link NameSearch}): tests try every
	 * plan on a few rows.
	 */
	ContactQueries(DataSource dataSource, PlatformTransactionManager transactions, Duration statementTimeout,
			int nameWalkFactor, int nameMatchFactor) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setQueryTimeout(Math.toIntExact(Math.max(1, statementTimeout.toSeconds())));
		this.jdbc = JdbcClient.create(template);
		TransactionTemplate readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
		this.names = new NameSearch(this.jdbc, readOnly, nameWalkFactor, nameMatchFactor);
	}

	public Optional<StoredContact> byId(String account, long id, boolean includeDeleted) {
		return this.jdbc.sql(SELECT + "account = :account AND id = :id" + live(includeDeleted))
			.param("account", account)
			.param("id", id)
			.query(StoredContact.MAPPER)
			.optional();
	}

	/** The account's most recently updated contact with this uuid (live ones first). */
	public Optional<StoredContact> byUuid(String account, String uuid, boolean includeDeleted) {
		return this.jdbc.sql(SELECT + "account = :account AND uuid IN (:uuids)" + live(includeDeleted) + NEWEST_FIRST)
			.param("account", account)
			.param("uuids", List.of(uuid, uuid.toLowerCase()))
			.query(StoredContact.MAPPER)
			.optional();
	}

	/**
	 * The most recently updated contact with this phone (live ones first): phones are not
	 * unique upstream, and this is what a lookup by phone there returns.
	 */
	public Optional<StoredContact> byPhone(String account, String phone, boolean includeDeleted) {
		return this.jdbc.sql(SELECT + "account = :account AND phone IN (:phones)" + live(includeDeleted) + NEWEST_FIRST)
			.param("account", account)
			.param("phones", ContactFilter.phoneForms(phone))
			.query(StoredContact.MAPPER)
			.optional();
	}

	/**
	 * Up to {@code limit} contacts matching {@code filter} in
	 * {@code (updated, account, id)} order, strictly after {@code after} if given.
	 */
	public List<StoredContact> page(ContactFilter filter, @Nullable ContactPosition after, int limit) {
		List<StoredContact> named = (filter.q() != null) ? this.names.page(filter, after, limit) : null;
		if (named != null) {
			return named;
		}
		Map<String, Object> params = new HashMap<>();
		String sql = SELECT + filter.where(params) + after(after, params)
				+ " ORDER BY updated, account, id LIMIT :limit";
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query(StoredContact.MAPPER).list();
	}

	/**
	 * The condition of a page strictly after {@code after}, filling {@code params}; empty
	 * without one.
	 */
	static String after(@Nullable ContactPosition after, Map<String, Object> params) {
		if (after == null) {
			return "";
		}
		params.put("afterUpdated", StoredContact.sql(after.updated()));
		params.put("afterAccount", after.account());
		params.put("afterId", after.id());
		return " AND (updated, account, id) > (:afterUpdated, :afterAccount, :afterId)";
	}

	public long count(ContactFilter filter) {
		Map<String, Object> params = new HashMap<>();
		return this.jdbc.sql("SELECT count(*) FROM contact WHERE " + filter.where(params))
			.params(params)
			.query(Long.class)
			.single();
	}

	/**
	 * A page as Heymarket's {@code POST /v1/contacts} serves it: the first 30 live
	 * contacts updated strictly after {@code after}, ascending by {@code (updated, id)},
	 * grown to the end of the last contact's {@code updated} tie group. A client passing
	 * the last {@code updated} as the next {@code date} therefore never skips the rest of
	 * a group, and never sees a contact twice. Both statements read one snapshot.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public List<StoredContact> v1Page(String account, @Nullable Instant after) {
		Map<String, Object> params = new HashMap<>();
		params.put("account", account);
		params.put("limit", V1_PAGE_SIZE);
		List<StoredContact> page = new ArrayList<>(
				this.jdbc.sql(SELECT_LIVE + updatedAfter(after, params) + Order.ASCENDING.sql + " LIMIT :limit")
					.params(params)
					.query(StoredContact.MAPPER)
					.list());
		if (page.size() == V1_PAGE_SIZE) {
			StoredContact last = page.get(page.size() - 1);
			page.addAll(this.jdbc.sql(SELECT_LIVE + " AND updated = :updated AND id > :id ORDER BY id")
				.param("account", account)
				.param("updated", StoredContact.sql(last.updated()))
				.param("id", last.id())
				.query(StoredContact.MAPPER)
				.list());
		}
		return page;
	}

	/**
	 * A page as Heymarket's {@code POST /v2/contacts/list} serves it: offset pages of
	 * live contacts over {@code (updated, id)}; the id tiebreak keeps pages over a tie
	 * group disjoint.
	 */
	public List<StoredContact> v2Page(String account, @Nullable Instant after, Order order, int limit, long offset) {
		Map<String, Object> params = new HashMap<>();
		params.put("account", account);
		params.put("limit", limit);
		params.put("offset", offset);
		return this.jdbc.sql(SELECT_LIVE + updatedAfter(after, params) + order.sql + " LIMIT :limit OFFSET :offset")
			.params(params)
			.query(StoredContact.MAPPER)
			.list();
	}

	/** The account's live contacts, or those updated strictly after {@code after}. */
	public long countLive(String account, @Nullable Instant after) {
		Map<String, Object> params = new HashMap<>();
		params.put("account", account);
		return this.jdbc
			.sql("SELECT count(*) FROM contact WHERE account = :account AND deleted_at IS NULL"
					+ updatedAfter(after, params))
			.params(params)
			.query(Long.class)
			.single();
	}

	private static String live(boolean includeDeleted) {
		return includeDeleted ? "" : " AND deleted_at IS NULL";
	}

	private static String updatedAfter(@Nullable Instant after, Map<String, Object> params) {
		if (after == null) {
			return "";
		}
		params.put("after", StoredContact.sql(after));
		return " AND updated > :after";
	}

}
