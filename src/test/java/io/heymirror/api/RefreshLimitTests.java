package io.heymirror.api;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/contacts/refresh/{id}} is limited per key
 * ({@code heymirror.api.refresh-per-minute}, 60 here, as a burst of 60 and then one a
 * second): beyond it a 429 problem with {@code Retry-After}, for that key only.
 */
@IntegrationTest
class RefreshLimitTests {

	@Autowired
	private RestTestClient anonymous;

	@Test
	void aKeyBeyondItsRefreshesForTheMinuteGets429WithRetryAfter() {
		TestUpstream.current();
		// the digest-configured full key, which no other test refreshes with more than
		// once
		RestTestClient limited = ApiClients.withKey(this.anonymous, "test-digest-key");
		// a burst of 60, then one a second: asking faster than that is soon refused
		int admitted = 0;
		EntityExchangeResult<String> refused = refresh(limited);
		while (refused.getStatus() != HttpStatus.TOO_MANY_REQUESTS && admitted < 1000) {
			admitted++;
			refused = refresh(limited);
		}

		assertThat(admitted).isGreaterThanOrEqualTo(60);
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseBody()).contains("https://heymirror.io/problems/too-many-requests");
		assertThat(Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
		assertThat(refresh(ApiClients.withKey(this.anonymous)).getStatus()).isNotEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	private static EntityExchangeResult<String> refresh(RestTestClient client) {
		return client.post().uri("/api/contacts/refresh/{id}", 424242).exchange().returnResult(String.class);
	}

}
