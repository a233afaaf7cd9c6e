package io.heymirror.api;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The callers the API tests play, derived from the shared context's autowired
 * {@link RestTestClient}: it calls the running server with no credentials.
 */
public final class ApiClients {

	/** The full-access key of the test profile. */
	public static final String KEY = "test-key";

	private ApiClients() {
	}

	public static RestTestClient withKey(RestTestClient anonymous, String key) {
		return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
	}

	public static RestTestClient withKey(RestTestClient anonymous) {
		return withKey(anonymous, KEY);
	}

}
