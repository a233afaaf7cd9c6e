package io.heymirror.api.security;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.heymirror.heymarket.AccountProperties;
import io.heymirror.heymarket.AccountsProperties;
import io.heymirror.heymarket.HeymarketProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * What open mode ({@code heymirror.api.open=true}) does beyond letting callers in without
 * a key: it serves on loopback only unless {@code server.address} says otherwise, and it
 * refuses to start against a real Heymarket (credentials, of any account, for a host that
 * is not this machine) unless {@code heymirror.api.open-with-real-data=true} says that is
 * intended.
 */
@Component
class OpenModeGuard {

	private static final Logger log = LoggerFactory.getLogger(OpenModeGuard.class);

	OpenModeGuard(ApiProperties api, HeymarketProperties upstream, AccountsProperties accounts,
			Environment environment) {
		Optional<String> real = realHost(upstream, accounts);
		if (api.open() && real.isPresent() && !api.openWithRealData()) {
			throw new OpenModeRefusedException("heymirror.api.open=true with credentials for " + real.get()
					+ " would serve real contacts without a key: set API keys "
					+ "(HEYMIRROR_API_KEYS) and heymirror.api.open=false, or heymirror.api.open-with-real-data=true "
					+ "if that is really intended");
		}
		if (api.open()) {
			log.warn(
					"heymirror.api.open=true: every data route is served WITHOUT an API key ({}). "
							+ "Use this for demos only, never with real contacts.",
					addressSet(environment) ? "on server.address as set"
							: "on loopback only, as server.address is not set");
		}
	}

	/**
	 * Binds an open mirror to loopback unless {@code server.address} is set. It reads the
	 * environment rather than the settings beans: the web server is configured before
	 * they are, and binding them this early would miss properties registered later.
	 */
	static WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackUnlessAddressSet(Environment environment) {
		return (factory) -> {
			if (environment.getProperty("heymirror.api.open", Boolean.class, false) && !addressSet(environment)) {
				factory.setAddress(InetAddress.getLoopbackAddress());
			}
		};
	}

	/**
	 * The host of the first account, {@code default} or declared, with credentials for a
	 * Heymarket that is not on this machine.
	 */
	static Optional<String> realHost(HeymarketProperties upstream, AccountsProperties accounts) {
		if (realUpstream(upstream)) {
			return Optional.of(upstream.baseUrl().getHost());
		}
		for (AccountProperties account : accounts.accounts().values()) {
			URI baseUrl = (account.baseUrl() != null) ? account.baseUrl() : upstream.baseUrl();
			boolean credentials = account.apiKey() != null || account.secretId() != null;
			if (credentials && !isLoopback(baseUrl)) {
				return Optional.of(String.valueOf(baseUrl.getHost()));
			}
		}
		return Optional.empty();
	}

	/** Credentials for a Heymarket that is not on this machine (a simulator would be). */
	static boolean realUpstream(HeymarketProperties upstream) {
		boolean credentials = upstream.apiKey() != null
				|| (upstream.secretId() != null && upstream.secretKey() != null);
		return credentials && !isLoopback(upstream.baseUrl());
	}

	private static boolean addressSet(Environment environment) {
		return StringUtils.hasText(environment.getProperty("server.address"));
	}

	private static boolean isLoopback(URI url) {
		String host = (url.getHost() != null) ? url.getHost().toLowerCase(Locale.ROOT) : "";
		return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
				|| host.equals("[::1]") || host.equals("::1");
	}

}
