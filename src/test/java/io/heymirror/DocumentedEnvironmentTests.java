package io.heymirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.ConfigurationTable.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable of the README's configuration table sets its property, and
 * an unset, empty or blank one leaves the default: compose passes empty strings.
 */
class DocumentedEnvironmentTests {

	private static final String SYSTEM_ENVIRONMENT = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	/**
	 * The rows, a map entry's rows for an entry named {@code example} (and, for its
	 * {@code *} row, its {@code timeout}).
	 */
	static List<Row> documentedVariables() {
		return ConfigurationTable.readme().rows().stream().map(Row::example).toList();
	}

	@ParameterizedTest
	@MethodSource("documentedVariables")
	void setsItsProperty(Row row) {
		assertThat(bound(row.property(), Map.of(row.variable(), "value-7"))).isEqualTo("value-7");
	}

	@ParameterizedTest
	@MethodSource("documentedVariables")
	void emptyOrBlankIsUnset(Row row) {
		String unset = bound(row.property(), Map.of());

		assertThat(bound(row.property(), Map.of(row.variable(), ""))).isEqualTo(unset);
		assertThat(bound(row.property(), Map.of(row.variable(), "  "))).isEqualTo(unset);
	}

	@Test
	void theSettingsHaveNoDefaultOutsideTheirRecords() {
		for (Row row : ConfigurationTable.readme().settings("heymirror.")) {
			assertThat(bound(row.example().property(), Map.of())).as(row.property()).isNull();
		}
	}

	@Test
	void theLongNameWinsOverTheShortOne() {
		Map<String, Object> variables = Map.of("HEYMARKET_API_KEY", "short", "HEYMIRROR_HEYMARKET_API_KEY", "long",
				"DATABASE_URL", "jdbc:postgresql://short/db", "SPRING_DATASOURCE_URL", "jdbc:postgresql://long/db");

		assertThat(bound("heymirror.heymarket.api-key", variables)).isEqualTo("long");
		assertThat(bound("spring.datasource.url", variables)).isEqualTo("jdbc:postgresql://long/db");
	}

	@Test
	void leavesOtherEmptyVariablesAlone() {
		assertThat(DocumentedEnvironment.resolve(Map.of("SPRING_DATASOURCE_PASSWORD", "", "HOME", "")))
			.containsOnlyKeys("SPRING_DATASOURCE_PASSWORD", "HOME");
	}

	@Test
	void errorsStillNameTheVariable() {
		ConfigurableEnvironment environment = environment(Map.of("HEYMIRROR_SYNC_INTERVAL", "PT1M"));

		assertThat(environment.getPropertySources().get(SYSTEM_ENVIRONMENT)).isInstanceOf(OriginLookup.class);
	}

	@Test
	void emptyVariablesGiveTheSameSettingsAsNone() {
		Map<String, Object> empty = new HashMap<>();
		documentedVariables().forEach((row) -> empty.put(row.variable(), ""));

		settingsRunner(Map.of()).run((none) -> settingsRunner(empty).run((allEmpty) -> {
			assertThat(allEmpty).hasNotFailed();
			assertThat(settingsOf(allEmpty)).isEqualTo(settingsOf(none)).isNotEmpty();
		}));
	}

	@Test
	void isAppliedToTheApplication() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(SYSTEM_ENVIRONMENT, new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT,
					Map.of("HEYMARKET_API_KEY", "k-1", "HEYMIRROR_SYNC_INTERVAL", "")));
		SpringApplication application = new SpringApplication(NoBeans.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);

		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("heymirror.heymarket.api-key")).isEqualTo("k-1");
			assertThat(context.getEnvironment().getProperty("heymirror.sync.interval")).isNull();
		}
	}

	/** The property as Spring binds it, with application.yml and these variables. */
	private static String bound(String property, Map<String, Object> variables) {
		return Binder.get(environment(variables)).bind(property, String.class).orElse(null);
	}

	private static ConfigurableEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(SYSTEM_ENVIRONMENT, new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, variables));
		try {
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		postProcess(environment);
		return environment;
	}

	private static void postProcess(ConfigurableEnvironment environment) {
		SpringApplication application = new SpringApplication();
		new DocumentedEnvironment().postProcessEnvironment(environment, application);
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment, application);
	}

	private static ApplicationContextRunner settingsRunner(Map<String, Object> variables) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(AllSettings.class)
			// keys or open mode are required; neither is a default
			.withPropertyValues("heymirror.api.open=true")
			.withInitializer((context) -> {
				context.getEnvironment()
					.getPropertySources()
					.replace(SYSTEM_ENVIRONMENT, new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, variables));
				postProcess(context.getEnvironment());
			});
	}

	private static Map<String, Object> settingsOf(ApplicationContext context) {
		Map<String, Object> settings = new HashMap<>();
		ConfigurationPropertiesBean.getAll(context).forEach((name, bean) -> settings.put(name, bean.getInstance()));
		return settings;
	}

	@Configuration(proxyBeanMethods = false)
	static class NoBeans {

	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = HeymirrorApplication.class)
	static class AllSettings {

	}

}
