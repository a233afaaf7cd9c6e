package io.heymirror.api.security;

import java.util.Locale;
import java.util.regex.Pattern;

import io.heymirror.api.errors.ProblemResponses;
import io.heymirror.api.webhook.HeymarketWebhookController;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. The dashboard's static files, the API documentation, health, info,
 * the webhook route (it checks its own token) and {@code /error} are public. The data
 * routes ({@code /api/**}, the Heymarket-compatible routes) and the change feed need a
 * key of either scope; refreshes, deleted contacts and every other actuator endpoint need
 * a full key ({@link FullScopeRequests}). No key is 401, a key of too small a scope 403.
 * Stateless: no session, no CSRF token (no cookie ever authenticates), no login page, no
 * generated password.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** {@code heymirror.accounts.<name>.api-keys} in any form, flattened. */
	private static final Pattern ACCOUNT_KEYS = Pattern.compile("heymirroraccounts[a-z0-9]*apikeys[0-9]*");

	private static final String[] PUBLIC_PATHS = { "/", "/index.html", "/dashboard/**", "/assets/**", "/favicon.ico",
			"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
			HeymarketWebhookController.PATH, "/error" };

	/**
	 * The only authentication there is. Being a bean, it also stops Boot from creating an
	 * in-memory user with a generated password.
	 */
	@Bean
	AuthenticationManager apiKeyAuthenticationManager(ApiKeys keys) {
		ProviderManager manager = new ProviderManager(new ApiKeyAuthenticationProvider(keys));
		manager.setEraseCredentialsAfterAuthentication(true);
		return manager;
	}

	/**
	 * Masks the caller keys (full, read and account keys) and the webhook token in
	 * actuator's {@code env} and {@code configprops}, even where an operator chose to
	 * show values.
	 */
	@Bean
	SanitizingFunction apiSecretsSanitizer() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(SecurityConfiguration::isSecret);
	}

	static boolean isSecret(String key) {
		String flat = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return flat.startsWith("heymirrorapikeys") || flat.startsWith("heymirrorapireadkeys")
				|| ACCOUNT_KEYS.matcher(flat).matches() || flat.startsWith("heymirrorwebhooktoken");
	}

	@Bean
	static WebServerFactoryCustomizer<ConfigurableWebServerFactory> openModeLoopback(Environment environment) {
		return OpenModeGuard.loopbackUnlessAddressSet(environment);
	}

	/**
	 * 401, 403 and the firewall's refusals as problem details; being a bean, it is also
	 * the firewall's {@code RequestRejectedHandler}.
	 */
	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, AuthenticationManager apiKeyAuthenticationManager,
			ApiKeys keys, ProblemResponses problems) {
		http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeyAuthenticationManager, keys),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(EndpointRequest.to("health", "info"))
				.permitAll()
				.requestMatchers(PUBLIC_PATHS)
				.permitAll()
				.requestMatchers(FullScopeRequests.matcher())
				.hasAuthority(Scope.FULL.authority())
				.anyRequest()
				.hasAuthority(Scope.READ.authority()));
		return http.build();
	}

}
