package io.heymirror.api;

import java.util.List;
import java.util.stream.Stream;

import io.heymirror.support.AccountsIntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, route by route and key by key: none, a wrong one, a full key, a read
 * key, and a key bound to one account (read scope: it opens what a read key opens and
 * nothing more; which account it reads is {@link AccountScopingTests}'s matter). The
 * context has several accounts so that bound keys exist.
 */
@AccountsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTests {

	/** Routes a key of either scope may call. */
	private static final String READ_ROUTES = """
			GET  | /api/contacts
			GET  | /api/contacts?includeDeleted=false
			GET  | /api/contacts/count
			GET  | /api/contacts/1
			GET  | /api/contacts/by-uuid/a1b2c3d4-e5f6-7890-abcd-ef1234567890
			GET  | /api/contacts/by-phone/15105553344
			GET  | /api/changes
			GET  | /api/anything-else
			GET  | /v1/contact/98765
			POST | /v1/contact/get
			GET  | /v2/contact/a1b2c3d4-e5f6-7890-abcd-ef1234567890
			POST | /v1/contacts
			POST | /v2/contacts/list
			POST | /v1/contacts/count
			""";

	/** Routes only a full key may call. */
	private static final String FULL_ROUTES = """
			POST | /api/contacts/refresh/1
			POST | /api/contacts/1/refresh
			GET  | /api/contacts?includeDeleted=true
			GET  | /api/contacts/count?includeDeleted=TRUE
			GET  | /api/contacts/1?includeDeleted=1
			GET  | /api/contacts/by-phone/15105553344?includeDeleted=yes
			GET  | /api/contacts/by-uuid/a1b2c3d4-e5f6-7890-abcd-ef1234567890?includeDeleted=on
			GET  | /api/contacts?includeDeleted=false&includeDeleted=true
			GET  | /api/contacts?includeDeleted=maybe
			GET  | /actuator
			GET  | /actuator/prometheus
			GET  | /actuator/metrics
			GET  | /actuator/metrics/jvm.memory.used
			GET  | /actuator/sync
			POST | /actuator/sync
			GET  | /actuator/changes
			POST | /actuator/changes/crm/rewind
			GET  | /actuator/env
			GET  | /actuator/configprops
			GET  | /actuator/beans
			GET  | /actuator/loggers
			""";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private RestTestClient anonymous;

	@BeforeEach
	void clients() {
		// the refresh route asks the shared test upstream, which must be up
		TestUpstream.current();
	}

	/** The keys bound to one account, plain and given as a digest. */
	private static final String[] BOUND_KEYS = { "Bearer " + AccountsIntegrationTest.EAST_KEY,
			"Bearer " + AccountsIntegrationTest.EAST_DIGEST_KEY, "Bearer " + AccountsIntegrationTest.WEST_KEY };

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = READ_ROUTES + FULL_ROUTES)
	void dataRoutesAnswer401ProblemWithoutAValidKey(HttpMethod method, String path) {
		for (String authorization : new String[] { null, "Bearer wrong-key", "Bearer ", "Basic dGVzdC1rZXk6",
				"test-key", "Bearer test-key2", "Bearer test-ke",
				"Bearer sha256:eb91b1597b8c106fed2d6e5892d631f8ce19a53473ec5ec1065475257e0f4f5a",
				"Bearer eb91b1597b8c106fed2d6e5892d631f8ce19a53473ec5ec1065475257e0f4f5a", "Bearer east-reader2",
				"Bearer sha256:efe775ac84b9cda9500566b82b490f8201e52c253b93f0d930ae491a319ce974", "east-reader" }) {
			EntityExchangeResult<String> result = exchange(method, path, authorization);

			assertThat(result.getStatus()).as(authorization).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(
					result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
			assertThat(result.getResponseBody()).contains("\"type\":\"https://heymirror.io/problems/unauthorized\"");
			assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = READ_ROUTES + FULL_ROUTES)
	void everyRouteLetsAFullKeyThroughWhetherGivenPlainOrAsDigest(HttpMethod method, String path) {
		// as if another replica were syncing: POST /actuator/sync answers 409 instead of
		// starting
		// a run that would outlive this test and change the mirror under the next ones
		holdSyncLock("timezone('utc', now()) + interval '10 minutes'");
		try {
			for (String authorization : new String[] { "Bearer test-key", "bearer test-key", "Bearer  test-key ",
					"Bearer test-digest-key" }) {
				HttpStatus status = HttpStatus.valueOf(exchange(method, path, authorization).getStatus().value());

				assertThat(status).as(authorization).isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
			}
		}
		finally {
			holdSyncLock("timezone('utc', now())");
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = READ_ROUTES)
	void readKeysAndKeysBoundToAnAccountReadTheData(HttpMethod method, String path) {
		for (String authorization : withBoundKeys("Bearer test-read-key", "Bearer test-digest-read-key")) {
			HttpStatus status = HttpStatus.valueOf(exchange(method, path, authorization).getStatus().value());

			assertThat(status).as(authorization).isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = FULL_ROUTES)
	void readKeysAndKeysBoundToAnAccountGet403ProblemOnWhatSpendsTheBudgetShowsDeletedContactsOrOperatesTheService(
			HttpMethod method, String path) {
		for (String authorization : withBoundKeys("Bearer test-read-key", "Bearer test-digest-read-key")) {
			EntityExchangeResult<String> result = exchange(method, path, authorization);

			assertThat(result.getStatus()).as(authorization).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(
					result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.isTrue();
			assertThat(result.getResponseBody()).contains("\"type\":\"https://heymirror.io/problems/forbidden\"");
		}
	}

	private static String[] withBoundKeys(String... authorizations) {
		return Stream.concat(Stream.of(authorizations), Stream.of(BOUND_KEYS)).toArray(String[]::new);
	}

	/** The sync locks of every account, as if another replica held them. */
	private void holdSyncLock(String until) {
		for (String account : this.context.getBean(SyncControl.class).accounts()) {
			this.context.getBean(JdbcTemplate.class)
				.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (?, " + until
						+ ", timezone('utc', now()), 'another-replica') "
						+ "ON CONFLICT (name) DO UPDATE SET lock_until = excluded.lock_until",
						SyncControl.lockName(account));
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GET  | /actuator/health                 | 200
			GET  | /actuator/health/liveness        | 200
			GET  | /actuator/health/readiness       | 200
			GET  | /actuator/info                   | 200
			GET  | /v3/api-docs                     | 200
			GET  | /v3/api-docs/swagger-config      | 200
			GET  | /swagger-ui.html                 | 302
			GET  | /swagger-ui/index.html           | 200
			POST | /webhooks/heymarket              | 401
			GET  | /                                | 404
			GET  | /index.html                      | 404
			GET  | /favicon.ico                     | 404
			GET  | /dashboard/app.js                | 404
			GET  | /assets/app.css                  | 404
			""")
	void publicRoutesNeedNoKey(HttpMethod method, String path, int status) {
		// the dashboard's files are another feature's; until they exist they are 404, not
		// 401
		for (String authorization : new String[] { null, "Bearer wrong-key" }) {
			EntityExchangeResult<String> result = exchange(method, path, authorization);
			if (status == 404) {
				assertThat(result.getStatus()).isIn(HttpStatus.OK, HttpStatus.NOT_FOUND);
			}
			else {
				assertThat(result.getStatus().value()).as(path).isEqualTo(status);
			}
		}
	}

	@Test
	void healthShowsComponentsAndDetailsOnlyWithAKeyThatReadsEveryAccount() {
		this.anonymous.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
		this.anonymous.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.db.status")
			.isEqualTo("UP")
			.jsonPath("$.components.db.details.database")
			.isEqualTo("PostgreSQL");
		this.anonymous.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer test-read-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.sync.details.accounts.west")
			.exists();
		// the components name every account
		this.anonymous.get()
			.uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + AccountsIntegrationTest.EAST_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
	}

	@Test
	void noUserDetailsServiceSoNoGeneratedPassword() {
		assertThat(this.context.getBeansOfType(UserDetailsService.class)).isEmpty();
	}

	@Test
	void neverLogsKeysOrTokensEvenAtDebugLevel(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		// server side only: Tomcat's wire dumps (org.apache.coyote at DEBUG) print raw
		// requests by design,
		// and the test's own client logs what it sends
		List<String> loggers = List.of("org.springframework.security", "org.springframework.web.servlet",
				"org.springframework.web.filter", "org.springframework.web.method", "io.heymirror",
				"org.springframework.boot.actuate", "org.springframework.boot.web", "org.apache.catalina");
		loggers.forEach((name) -> logging.setLogLevel(name, LogLevel.TRACE));
		try {
			for (String authorization : List.of("Bearer test-key", "Bearer presented-wrong-key-8d1f",
					"Bearer " + AccountsIntegrationTest.EAST_KEY)) {
				exchange(HttpMethod.GET, "/api/contacts?phone=1", authorization);
				exchange(HttpMethod.POST, "/v1/contacts", authorization);
				exchange(HttpMethod.GET, "/actuator/health", authorization);
				exchange(HttpMethod.GET, "/actuator/env", authorization);
			}
			for (String token : List.of("test-webhook-token", "wrong-webhook-token-77aa")) {
				this.anonymous.post()
					.uri("/webhooks/heymarket")
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"type\": \"chat_closed\", \"id\": 1, \"token\": \"" + token + "\", \"event_data\": {}}")
					.exchange();
			}
		}
		finally {
			loggers.forEach((name) -> logging.setLogLevel(name, null));
		}
		assertThat(output.getAll()).contains("/api/contacts")
			.doesNotContain("test-key")
			.doesNotContain("presented-wrong-key-8d1f")
			.doesNotContain(AccountsIntegrationTest.EAST_KEY)
			.doesNotContain("test-webhook-token")
			.doesNotContain("wrong-webhook-token-77aa");
	}

	private EntityExchangeResult<String> exchange(HttpMethod method, String path, String authorization) {
		RestTestClient.RequestBodySpec request = this.anonymous.method(method).uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (method == HttpMethod.POST) {
			request.contentType(MediaType.APPLICATION_JSON).body("{}");
		}
		return request.exchange().returnResult(String.class);
	}

}
