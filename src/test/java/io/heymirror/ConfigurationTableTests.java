package io.heymirror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.heymirror.ConfigurationTable.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table cannot drift from the settings records: every
 * {@code heymirror.*} property of Boot's configuration metadata (generated from the
 * records at compile time) has a row with its default, and every row is a setting.
 */
class ConfigurationTableTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private final ConfigurationTable table = ConfigurationTable.readme();

	private final Map<String, Setting> settings = settings();

	@Test
	void everySettingHasARow() {
		Set<String> documented = properties(this.table.settings("heymirror."));
		List<String> missing = this.settings.values()
			.stream()
			.filter((setting) -> !documented.contains(setting.name()))
			.map(Setting::suggestedRow)
			.toList();

		assertThat(missing).as("settings missing from the README's configuration table; add rows such as").isEmpty();
	}

	@Test
	void everyRowIsASetting() {
		assertThat(properties(this.table.settings("heymirror."))).as("README rows that are not settings")
			.isSubsetOf(this.settings.keySet());
	}

	@Test
	void eachRowShowsTheDefaultOfItsRecord() {
		for (Row row : this.table.settings("heymirror.")) {
			Setting setting = this.settings.get(row.property());
			if (setting == null) {
				continue;
			}
			if (setting.defaultValue() != null) {
				assertThat(row.defaultValue()).as("default of %s", row.property())
					.isEqualTo("`" + setting.defaultValue() + "`");
			}
			else {
				assertThat(row.defaultValue())
					.as("%s has no default: say in words what happens when unset", row.property())
					.doesNotStartWith("`")
					.isNotBlank();
			}
		}
	}

	@Test
	void eachSettingsVariableFollowsTheRule() {
		for (Row row : this.table.settings("heymirror.")) {
			assertThat(row.variable()).as("environment variable of %s", row.property())
				.isEqualTo(ConfigurationTable.variableOf(row.property()));
		}
	}

	@Test
	void springRowsShowTheValuesOfApplicationYml() throws IOException {
		PropertySource<?> yml = new YamlPropertySourceLoader()
			.load("application.yml", new ClassPathResource("application.yml"))
			.get(0);
		for (Row row : this.table.settings("spring.")) {
			Object value = yml.getProperty(row.property());
			if (value != null) {
				assertThat(row.defaultValue()).as("default of %s", row.property()).isEqualTo("`" + value + "`");
			}
			else {
				assertThat(row.defaultValue()).as("%s is not set in application.yml", row.property())
					.doesNotStartWith("`");
			}
		}
	}

	@Test
	void eachSettingSaysWhatItDoes() {
		for (Row row : this.table.settings("heymirror.")) {
			assertThat(row.meaning()).as("meaning of %s", row.property()).isNotBlank();
		}
	}

	private static Set<String> properties(List<Row> rows) {
		return rows.stream().map(Row::setting).collect(Collectors.toSet());
	}

	private static Map<String, Setting> settings() {
		assertThat(METADATA).as("Boot's configuration metadata (run the build's compile step)").exists();
		JsonNode properties = JsonMapper.shared().readTree(METADATA.toFile()).get("properties");
		return properties.valueStream()
			.map(Setting::of)
			.filter((setting) -> setting.name().startsWith("heymirror."))
			.collect(Collectors.toMap(Setting::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	/** A setting as the metadata describes it. */
	private record Setting(String name, String defaultValue, String description) {

		static Setting of(JsonNode property) {
			JsonNode defaultValue = property.get("defaultValue");
			JsonNode description = property.get("description");
			return new Setting(property.get("name").asString(),
					(defaultValue != null && !defaultValue.isNull()) ? defaultValue.asString() : null,
					(description != null) ? description.asString() : "");
		}

		String suggestedRow() {
			String shown = (this.defaultValue != null) ? "`" + this.defaultValue + "`" : "(unset)";
			return "| `%s` | `%s` | %s | %s |".formatted(this.name, ConfigurationTable.variableOf(this.name), shown,
					this.description.replace('\n', ' '));
		}

	}

}
