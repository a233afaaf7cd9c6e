package io.heymirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The README's configuration table: one row per setting, with its environment variable
 * and its default as a newcomer reads them.
 */
record ConfigurationTable(List<Row> rows) {

	static final Path README = Path.of("README.md");

	private static final String SECTION = "## Configuration";

	static ConfigurationTable readme() {
		try {
			return parse(Files.readAllLines(README));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ConfigurationTable parse(List<String> lines) {
		int start = lines.indexOf(SECTION);
		if (start < 0) {
			throw new IllegalStateException("README.md has no '" + SECTION + "' section");
		}
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			if (line.startsWith("| `")) {
				rows.add(Row.parse(line));
			}
		}
		return new ConfigurationTable(List.copyOf(rows));
	}

	List<Row> settings(String prefix) {
		return this.rows.stream().filter((row) -> row.property().startsWith(prefix)).toList();
	}

	/**
	 * The environment variable of a Heymirror setting: Spring's own rule
	 * ({@code heymirror.sync.lock-at-most-for} is
	 * {@code HEYMIRROR_SYNC_LOCK_AT_MOST_FOR}), with the short {@code HEYMARKET_} prefix
	 * for {@code heymirror.heymarket.*}.
	 */
	static String variableOf(String property) {
		String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		return variable.startsWith("HEYMIRROR_HEYMARKET_") ? variable.substring("HEYMIRROR_".length()) : variable;
	}

	/**
	 * One row.
	 *
	 * @param property the Spring property
	 * @param variable the environment variable that sets it
	 * @param defaultValue the default as written: {@code `value`} for a literal, words
	 * otherwise
	 * @param meaning what it does
	 */
	record Row(String property, String variable, String defaultValue, String meaning) {

		static Row parse(String line) {
			String[] cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
				.map(String::strip)
				.toArray(String[]::new);
			if (cells.length < 4) {
				throw new IllegalStateException("Configuration table row without four cells: " + line);
			}
			return new Row(unquote(cells[0]), unquote(cells[1]), cells[2],
					String.join("|", Arrays.copyOfRange(cells, 3, cells.length)));
		}

		/**
		 * The setting a row documents: itself, or for a row of one map entry's field
		 * ({@code heymirror.changes.webhooks.<name>.url}) the map
		 * ({@code heymirror.changes.webhooks}).
		 */
		String setting() {
			int entry = this.property.indexOf(".<");
			return (entry < 0) ? this.property : this.property.substring(0, entry);
		}

		/**
		 * A map entry's row for an entry named {@code example}; its {@code *} row for the
		 * entry's {@code timeout}. Other rows as they are.
		 */
		Row example() {
			return new Row(this.property.replace("<name>", "example").replace(".*", ".timeout"),
					this.variable.replace("<NAME>", "EXAMPLE").replace("_*", "_TIMEOUT"), this.defaultValue,
					this.meaning);
		}

		private static String unquote(String cell) {
			return cell.replace("`", "");
		}

		@Override
		public String toString() {
			return this.variable;
		}

	}

}
