package io.heymirror.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one PostgreSQL every test in a JVM shares. By default an embedded PostgreSQL (real
 * binaries from Maven Central, no Docker); {@code HEYMIRROR_TEST_DB_URL} (with
 * {@code HEYMIRROR_TEST_DB_USER} and {@code HEYMIRROR_TEST_DB_PASSWORD}) points the tests
 * at an existing server instead. The Testcontainers variant is chosen in
 * {@link TestDatabaseConfiguration}.
 */
public final class TestDatabase {

	private static final String DATABASE = "heymirror";

	private static volatile Coordinates coordinates;

	private TestDatabase() {
	}

	public static synchronized Coordinates coordinates() {
		if (coordinates == null) {
			coordinates = start();
		}
		return coordinates;
	}

	private static Coordinates start() {
		String url = System.getenv("HEYMIRROR_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			return new Coordinates(url, envOr("HEYMIRROR_TEST_DB_USER", "postgres"),
					envOr("HEYMIRROR_TEST_DB_PASSWORD", ""));
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
			return new Coordinates(postgres.getJdbcUrl("postgres", DATABASE), "postgres", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database", ex);
		}
	}

	/**
	 * A fresh, empty database of its own on the tests' server, for instances whose state
	 * must be their own.
	 * @return its JDBC URL
	 */
	public static String createDatabase(String name) {
		Coordinates db = coordinates();
		java.util.regex.Matcher url = java.util.regex.Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)")
			.matcher(db.url());
		if (!url.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL form: " + db.url());
		}
		try (Connection connection = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return url.group(1) + name + url.group(3);
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; nothing useful to do
		}
	}

	public record Coordinates(String url, String username, String password) {
	}

}
