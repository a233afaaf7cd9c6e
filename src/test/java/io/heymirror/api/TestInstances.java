package io.heymirror.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.heymirror.HeymirrorApplication;
import io.heymirror.support.TestDatabase;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Heymirror instances with their own settings, for what the shared test context cannot
 * show: start-up failures, open mode, an instance whose upstream is a simulator or
 * another Heymirror. Each runs the test profile on a random port; close it when done.
 */
final class TestInstances {

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

	private TestInstances() {
	}

	/** An instance on the shared test database. */
	static ConfigurableApplicationContext start(String... args) {
		return run(TestDatabase.coordinates().url(), TestDatabase.coordinates().username(), args);
	}

	/**
	 * An instance on a fresh database of its own (same server), so its sync state and
	 * contacts are its own.
	 */
	static ConfigurableApplicationContext startOnOwnDatabase(String database, String... args) {
		return run(createDatabase(database), TestDatabase.coordinates().username(), args);
	}

	/**
	 * An instance on a fresh database of its own, connecting as a role that owns the
	 * schema but is not a superuser and may not create extensions.
	 */
	static ConfigurableApplicationContext startAsSchemaOwner(String database, String role, String... args) {
		String url = createDatabase(database);
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP ROLE IF EXISTS " + role);
			statement.execute("CREATE ROLE " + role + " LOGIN");
			statement.execute("ALTER SCHEMA public OWNER TO " + role);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create role " + role, ex);
		}
		// the URL may name the superuser (user=...), which would win over the role
		return run(url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", ""), role, args);
	}

	private static String createDatabase(String database) {
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		Matcher url = JDBC_URL.matcher(db.url());
		if (!url.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL form: " + db.url());
		}
		try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + database, ex);
		}
		return url.group(1) + database + url.group(3);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** A client of the instance, without credentials. */
	static RestTestClient client(ConfigurableApplicationContext context) {
		return RestTestClient.bindToServer().baseUrl("http://localhost:" + port(context)).build();
	}

	private static ConfigurableApplicationContext run(String url, String username, String... args) {
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		List<String> all = new ArrayList<>(
				List.of("--spring.profiles.active=test", "--server.port=0", "--spring.datasource.url=" + url,
						"--spring.datasource.username=" + username, "--spring.datasource.password=" + db.password()));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(HeymirrorApplication.class).web(WebApplicationType.SERVLET)
			.run(all.toArray(String[]::new));
	}

}
