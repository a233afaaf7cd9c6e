package io.heymirror.heymarket;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.heymirror.heymarket.RateBudgetTests.PERIOD;
import static io.heymirror.heymarket.RateBudgetTests.PERMITS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "replicas" (clients with their own Bucket4j proxies on the test PostgreSQL) using
 * the same credential share one budget: together they stay within it, as seen from the
 * server's request log.
 */
@IntegrationTest
class SharedRateBudgetTests {

	@RegisterExtension
	static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final String identity = "api-key:shared-budget-test-" + UUID.randomUUID();

	@Autowired
	private DataSource dataSource;

	@AfterEach
	void dropTheBucket() {
		new JdbcTemplate(this.dataSource).update("DELETE FROM bucket WHERE id = ?",
				RateBudget.bucketId(this.identity, PERMITS, PERIOD));
	}

	@Test
	void replicasWithTheSameCredentialShareOneBudget() throws Exception {
		upstream.stubFor(post("/v1/contacts/count").willReturn(okJson("\"1\"")));
		try (TestClient first = replica(); TestClient second = replica()) {
			RateBudgetTests.concurrently(2, 4, first.client, second.client);
			upstream.resetRequests();

			RateBudgetTests.concurrently(4, 50, first.client, second.client);
		}

		List<Long> arrivals = RequestWindows.arrivals(upstream);
		assertThat(arrivals).hasSize(50);
		assertThat(RequestWindows.busiest(arrivals, PERIOD)).isLessThanOrEqualTo(PERMITS);
		assertThat(new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT count(*) FROM bucket WHERE id = ? AND state IS NOT NULL", Integer.class,
				RateBudget.bucketId(this.identity, PERMITS, PERIOD)))
			.isEqualTo(1);
	}

	private TestClient replica() {
		return TestClient.at(upstream.baseUrl())
			.budget(RateBudget.shared(this.dataSource, this.identity, PERMITS, PERIOD))
			.build();
	}

}
