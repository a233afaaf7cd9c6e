package io.heymirror.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read whose statement runs past {@code heymirror.api.query-timeout} (5 s here) is
 * cancelled by PostgreSQL and answered with a 503 problem. Another session holding a lock
 * on the contacts makes the statement wait that long.
 */
@IntegrationTest
class QueryTimeoutTests {

	@Autowired
	private RestTestClient anonymous;

	@Test
	void aQueryThatRunsTooLongIsCancelledAndAnswered503() throws Exception {
		RestTestClient client = ApiClients.withKey(this.anonymous);
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		try (Connection locker = DriverManager.getConnection(db.url(), db.username(), db.password());
				Statement statement = locker.createStatement()) {
			locker.setAutoCommit(false);
			statement.execute("LOCK TABLE contact IN ACCESS EXCLUSIVE MODE");

			EntityExchangeResult<String> result = client.post()
				.uri("/v1/contacts/count")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.exchange()
				.returnResult(String.class);

			locker.rollback();
			assertThat(result.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result.getResponseBody()).contains("\"type\":\"https://heymirror.io/problems/query-timeout\"");
		}
		client.get().uri("/api/contacts/count").exchange().expectStatus().isOk();
	}

}
