package io.heymirror.api.security;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.heymirror.heymarket.AccountProperties;
import io.heymirror.heymarket.AccountsProperties;
import io.heymirror.heymarket.HeymarketProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpenModeGuardTests {

	private static final AccountsProperties NO_ACCOUNTS = new AccountsProperties(Map.of());

	@ParameterizedTest(name = "open={0}, server.address={1}")
	@CsvSource(nullValues = "none", textBlock = """
			true,  none,     127.0.0.1
			true,  '',       127.0.0.1
			true,  0.0.0.0,  none
			false, none,     none
			""")
	void openModeBindsToLoopbackUnlessTheAddressIsSetExplicitly(boolean open, String address, String expected)
			throws Exception {
		MockEnvironment environment = new MockEnvironment().withProperty("heymirror.api.open", String.valueOf(open));
		if (address != null) {
			environment.setProperty("server.address", address);
		}
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();

		OpenModeGuard.loopbackUnlessAddressSet(environment).customize(factory);

		assertThat(factory.getAddress()).isEqualTo((expected != null) ? InetAddress.getByName(expected) : null);
	}

	@ParameterizedTest(name = "{0} with key {1}")
	@CsvSource(nullValues = "none", textBlock = """
			https://api.heymarket.com, real-key
			https://heymarket.example.org:8443, real-key
			http://10.0.0.7:8080, real-key
			""")
	void openModeRefusesRealContactsUnlessConfirmed(String baseUrl, String key) {
		MockEnvironment environment = new MockEnvironment();

		assertThatExceptionOfType(OpenModeRefusedException.class)
			.isThrownBy(() -> new OpenModeGuard(api(true, false), upstream(baseUrl, key), NO_ACCOUNTS, environment))
			.withMessageContaining("heymirror.api.open-with-real-data=true")
			.withMessageNotContaining(key);
		new OpenModeGuard(api(true, true), upstream(baseUrl, key), NO_ACCOUNTS, environment);
		new OpenModeGuard(api(false, false), upstream(baseUrl, key), NO_ACCOUNTS, environment);
	}

	@ParameterizedTest(name = "{0} with key {1}")
	@CsvSource(nullValues = "none", textBlock = """
			http://127.0.0.1:9999, sim-key
			http://localhost:9999, sim-key
			http://[::1]:9999, sim-key
			https://api.heymarket.com, none
			""")
	void openModeStartsAgainstASimulatorOrWithoutCredentials(String baseUrl, String key) {
		new OpenModeGuard(api(true, false), upstream(baseUrl, key), NO_ACCOUNTS, new MockEnvironment());
	}

	@Test
	void openModeRefusesRealContactsOfAnyAccount() {
		HeymarketProperties simulator = upstream("http://127.0.0.1:9999", "sim-key");
		AccountsProperties real = accounts(URI.create("https://api.heymarket.com"));

		assertThatExceptionOfType(OpenModeRefusedException.class)
			.isThrownBy(() -> new OpenModeGuard(api(true, false), simulator, real, new MockEnvironment()))
			.withMessageContaining("credentials for api.heymarket.com");
		new OpenModeGuard(api(true, false), simulator, accounts(URI.create("http://localhost:9998")),
				new MockEnvironment());
	}

	private static AccountsProperties accounts(URI baseUrl) {
		return new AccountsProperties(Map.of("east", new AccountProperties(baseUrl, "real-key", null, null, null, null,
				new AccountProperties.Sync(null, null, null), List.of())));
	}

	private static ApiProperties api(boolean open, boolean openWithRealData) {
		return new ApiProperties(List.of(), List.of(), open, openWithRealData, 60, Duration.ofSeconds(5));
	}

	private static HeymarketProperties upstream(String baseUrl, String key) {
		return new HeymarketProperties(URI.create(baseUrl), key, null, null, 450, false, Duration.ofSeconds(5),
				Duration.ofSeconds(30), new HeymarketProperties.Retry(6, Duration.ofMillis(500), Duration.ofSeconds(30),
						Duration.ofMinutes(3)));
	}

}
