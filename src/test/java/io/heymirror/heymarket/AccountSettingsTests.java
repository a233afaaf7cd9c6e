package io.heymirror.heymarket;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts declared under {@code heymirror.accounts}: each gets its own client, from
 * properties or environment variables; one that cannot work stops start-up with one line
 * naming its setting; the single-account settings keep defining {@code default}.
 */
class AccountSettingsTests {

	private static final String SYSTEM_ENVIRONMENT = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(HeymarketConfiguration.class);

	@Test
	void theSingleAccountSettingsDefineTheAccountDefault() {
		this.runner.withPropertyValues("heymirror.heymarket.api-key=k-1").run((context) -> {
			HeymarketAccounts accounts = context.getBean(HeymarketAccounts.class);
			assertThat(accounts.names()).containsExactly(Account.DEFAULT);
			assertThat(accounts.find(Account.DEFAULT).orElseThrow().client())
				.isSameAs(context.getBean(HeymarketClient.class));
		});
	}

	@Test
	void declaredAccountsComeAfterDefaultByNameEachWithItsOwnClient() {
		this.runner.withPropertyValues("heymirror.heymarket.api-key=k-1", "heymirror.accounts.west.api-key=k-3",
				"heymirror.accounts.east.secret-id=id-2", "heymirror.accounts.east.secret-key=s-2",
				"heymirror.accounts.east.requests-per-minute=100", "heymirror.accounts.east.sync.strategy=v2-keyset")
			.run((context) -> {
				HeymarketAccounts accounts = context.getBean(HeymarketAccounts.class);
				assertThat(accounts.names()).containsExactly("default", "east", "west");
				Account east = accounts.find("east").orElseThrow();
				assertThat(east.client()).isNotSameAs(accounts.find("west").orElseThrow().client());
				assertThat(east.client().isConfigured()).isTrue();
				assertThat(east.sync().strategy()).isEqualTo("v2-keyset");
			});
	}

	@Test
	void anAccountsWebhookTokenIsBoundButNeverPrinted() {
		this.runner
			.withPropertyValues("heymirror.heymarket.api-key=k-1", "heymirror.accounts.east.api-key=k-2",
					"heymirror.accounts.east.webhook-token= t0ken-s3cr3t ", "heymirror.accounts.west.api-key=k-3",
					"heymirror.accounts.west.webhook-token=")
			.run((context) -> {
				AccountsProperties declared = context.getBean(AccountsProperties.class);
				assertThat(declared.accounts().get("east").webhookToken()).isEqualTo("t0ken-s3cr3t");
				assertThat(declared.accounts().get("west").webhookToken()).as("blank is unset").isNull();
				assertThat(declared.toString()).doesNotContain("s3cr3t");
			});
	}

	@Test
	void eachAccountCarriesTheUpstreamSettingsItsClientWasBuiltWith() {
		this.runner
			.withPropertyValues("heymirror.heymarket.api-key=k-1", "heymirror.heymarket.requests-per-minute=300",
					"heymirror.accounts.east.api-key=k-2", "heymirror.accounts.east.requests-per-minute=100",
					"heymirror.accounts.west.api-key=k-3")
			.run((context) -> {
				HeymarketAccounts accounts = context.getBean(HeymarketAccounts.class);
				assertThat(accounts.find("default").orElseThrow().upstream().requestsPerMinute()).isEqualTo(300);
				assertThat(accounts.find("east").orElseThrow().upstream().requestsPerMinute()).isEqualTo(100);
				assertThat(accounts.find("west").orElseThrow().upstream().requestsPerMinute()).as("unset: default's")
					.isEqualTo(300);
				assertThat(accounts.find("east").orElseThrow().upstream().apiKey()).isEqualTo("k-2");
			});
	}

	@Test
	void withoutSingleAccountCredentialsTheDeclaredAccountsAreAllThereIs() {
		this.runner.withPropertyValues("heymirror.accounts.east.api-key=k-2")
			.run((context) -> assertThat(context.getBean(HeymarketAccounts.class).names()).containsExactly("east"));
	}

	@Test
	void anEnvironmentVariableDeclaresAnAccount() {
		Map<String, Object> variables = Map.of("HEYMIRROR_ACCOUNTS_EAST_APIKEY", "k-2",
				"HEYMIRROR_ACCOUNTS_EAST_REQUESTSPERMINUTE", "120", "HEYMIRROR_ACCOUNTS_EAST_SYNC_STRATEGY",
				"v2-keyset", "HEYMIRROR_ACCOUNTS_EAST_WEBHOOKTOKEN", "hook-2", "HEYMIRROR_ACCOUNTS_NORTH_API_KEY",
				"k-3", "HEYMIRROR_ACCOUNTS_EAST_APIKEYS", "reader-1, sha256:ab12");
		this.runner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, variables));
			new SystemEnvironmentPropertySourceEnvironmentPostProcessor()
				.postProcessEnvironment(context.getEnvironment(), new org.springframework.boot.SpringApplication());
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			AccountsProperties declared = context.getBean(AccountsProperties.class);
			assertThat(declared.accounts()).containsOnlyKeys("east", "north");
			assertThat(declared.accounts().get("east").apiKey()).isEqualTo("k-2");
			assertThat(declared.accounts().get("east").requestsPerMinute()).isEqualTo(120);
			assertThat(declared.accounts().get("east").sync().strategy()).isEqualTo("v2-keyset");
			assertThat(declared.accounts().get("east").webhookToken()).isEqualTo("hook-2");
			assertThat(declared.accounts().get("north").apiKey()).isEqualTo("k-3");
			assertThat(declared.accounts().get("east").apiKeys()).containsExactly("reader-1", "sha256:ab12");
			assertThat(declared.accounts().get("north").apiKeys()).isEmpty();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "heymirror.accounts.east.api-keys=reader-1, reader-2",
					"heymirror.accounts.east.api-keys[0]=reader-1;heymirror.accounts.east.api-keys[1]=reader-2",
					"heymirror.accounts.east.apiKeys=reader-1,reader-2" })
	void callerKeysOfAnAccountAreASettingInEveryFormAndNeverPrinted(String settings) {
		this.runner.withPropertyValues("heymirror.accounts.east.api-key=k-2")
			.withPropertyValues(settings.split(";"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AccountProperties east = context.getBean(AccountsProperties.class).accounts().get("east");
				assertThat(east.apiKeys()).containsExactly("reader-1", "reader-2");
				assertThat(east.toString()).doesNotContain("reader-");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"heymirror.accounts.East.api-key=k | heymirror.accounts.East is not a valid account name",
			"heymirror.accounts.east_1.api-key=k | heymirror.accounts.east_1 is not a valid account name",
			"heymirror.accounts.a12345678901234567890123456789012345678901.api-key=k | is not a valid account name",
			"heymirror.accounts.default.api-key=k | heymirror.accounts.default cannot be declared",
			"heymirror.accounts.east.requests-per-minute=10 | heymirror.accounts.east.api-key must be set",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.secret-id=i | heymirror.accounts.east.api-key is set with secret-id",
			"heymirror.accounts.east.secret-id=i | heymirror.accounts.east.secret-key must be set with secret-id",
			"heymirror.accounts.east.secret-key=s3cr3t | heymirror.accounts.east.secret-id must be set with secret-key",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.base-url=ftp://x | heymirror.accounts.east.base-url must be an absolute http or https URL",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.apikye=k | heymirror.accounts.east.apikye is not a setting",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.requests-per-minute=0 | heymirror.accounts[east].requests-per-minute must be greater than 0",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.api-keys[0]=r;heymirror.accounts.east.api-keys[1]= | heymirror.accounts[east].api-keys[1] must not be blank",
			"heymirror.accounts.east.api-key=k;heymirror.accounts.east.sync.strategy=v3 | heymirror.accounts[east].sync.strategy must be v1-cursor or v2-keyset" })
	void anAccountThatCannotWorkStopsStartUpWithOneLineNamingItsSetting(String settings, String expected) {
		this.runner.withPropertyValues(settings.split(";")).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis).as("%s", context.getStartupFailure()).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Invalid configuration: ")
				.contains(expected)
				.doesNotContain("\n")
				.doesNotContain("s3cr3t");
		});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		for (FailureAnalyzer analyzer : new FailureAnalyzer[] { new SettingsFailureAnalyzer(),
				new AccountFailureAnalyzer() }) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
