package io.heymirror;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the README documents, as Spring sees them. Spring already
 * binds {@code HEYMIRROR_SYNC_LOCK_AT_MOST_FOR} to
 * {@code heymirror.sync.lock-at-most-for} (and every other setting the same way); this
 * adds two things.
 * <ul>
 * <li>An empty or blank {@code HEYMIRROR_*}, {@code HEYMARKET_*} or {@code DATABASE_*}
 * variable, or {@code LOGGING_STRUCTURED_FORMAT_CONSOLE} or
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} (the other Spring variables the README
 * documents), counts as unset, so the setting keeps its default: compose files and
 * orchestrators often pass every variable they know, set or not.</li>
 * <li>Short names: {@code HEYMARKET_*} for {@code HEYMIRROR_HEYMARKET_*} (the
 * {@code heymirror.heymarket.*} settings) and {@code DATABASE_URL},
 * {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD}, {@code DATABASE_POOL_SIZE} for
 * the datasource. The long name wins when both are set.</li>
 * </ul>
 * Runs just before Boot wraps the system environment with origins, so error messages
 * still name the variable.
 */
class DocumentedEnvironment implements EnvironmentPostProcessor, Ordered {

	private static final List<String> OWN_PREFIXES = List.of("HEYMIRROR_", "HEYMARKET_", "DATABASE_");

	private static final Set<String> OWN_NAMES = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE",
			"SPRING_KAFKA_BOOTSTRAP_SERVERS");

	private static final Map<String, String> DATABASE_VARIABLES = Map.of("DATABASE_URL", "SPRING_DATASOURCE_URL",
			"DATABASE_USERNAME", "SPRING_DATASOURCE_USERNAME", "DATABASE_PASSWORD", "SPRING_DATASOURCE_PASSWORD",
			"DATABASE_POOL_SIZE", "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		if (environment.getPropertySources().get(name) instanceof SystemEnvironmentPropertySource variables) {
			environment.getPropertySources()
				.replace(name, new SystemEnvironmentPropertySource(name, resolve(variables.getSource())));
		}
	}

	@Override
	public int getOrder() {
		return SystemEnvironmentPropertySourceEnvironmentPostProcessor.DEFAULT_ORDER - 1;
	}

	/** The variables Spring binds from, given the process's environment. */
	static Map<String, Object> resolve(Map<String, Object> variables) {
		Map<String, Object> resolved = new LinkedHashMap<>();
		variables.forEach((name, value) -> {
			if (!(isOwn(name) && value.toString().isBlank())) {
				resolved.put(name, value);
			}
		});
		Map.copyOf(resolved).forEach((name, value) -> {
			String longName = longName(name);
			if (longName != null) {
				resolved.putIfAbsent(longName, value);
			}
		});
		return resolved;
	}

	private static boolean isOwn(String name) {
		return OWN_NAMES.contains(name) || OWN_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private static @Nullable String longName(String name) {
		if (name.startsWith("HEYMARKET_")) {
			return "HEYMIRROR_" + name;
		}
		return DATABASE_VARIABLES.get(name);
	}

}
