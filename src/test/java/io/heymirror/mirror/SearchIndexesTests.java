package io.heymirror.mirror;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search filters can be served by an index rather than a scan of every contact: the
 * trigram index for {@code q} (part of a name) and the partial index of opted-out
 * contacts. The plans are asked for with sequential scans priced out, as an empty test
 * table would otherwise always be scanned.
 */
@IntegrationTest
class SearchIndexesTests {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void aNameSearchCanUseTheTrigramIndex() {
		assertThat(plan(new ContactFilter(null, null, null, "arti", null, null, false)))
			.contains("contact_names_trgm_idx");
	}

	@Test
	void aSearchForOptedOutContactsCanUseItsPartialIndex() {
		assertThat(plan(new ContactFilter(null, null, null, null, true, null, false)))
			.contains("contact_opted_out_idx");
	}

	private String plan(ContactFilter filter) {
		Map<String, Object> params = new HashMap<>();
		String where = filter.where(params);
		return this.transaction.execute((status) -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			List<String> lines = this.jdbc.sql("EXPLAIN SELECT id FROM contact WHERE " + where + " LIMIT 51")
				.params(params)
				.query(String.class)
				.list();
			return String.join("\n", lines);
		});
	}

}
