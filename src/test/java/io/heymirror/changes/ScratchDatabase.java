package io.heymirror.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.heymirror.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh, empty database of its own on the tests' PostgreSQL server, for what the shared
 * database cannot show (such as an upgrade from an older schema).
 */
final class ScratchDatabase {

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

	private ScratchDatabase() {
	}

	static DataSource create(String name) {
		TestDatabase.Coordinates db = TestDatabase.coordinates();
		Matcher url = JDBC_URL.matcher(db.url());
		if (!url.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL form: " + db.url());
		}
		try (Connection connection = DriverManager.getConnection(db.url(), db.username(), db.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url.group(1) + name + url.group(3),
				db.username(), db.password());
	}

	/**
	 * Migrates to the highest migration below the one described so (as Flyway names it
	 * from its file), whichever other migrations exist by then.
	 */
	static void migrateToTheVersionBefore(DataSource database, String description) {
		MigrationInfo[] all = Flyway.configure().dataSource(database).load().info().all();
		MigrationVersion next = Arrays.stream(all)
			.filter((migration) -> migration.getDescription().equals(description))
			.findFirst()
			.orElseThrow()
			.getVersion();
		MigrationVersion previous = Arrays.stream(all)
			.map(MigrationInfo::getVersion)
			.filter((version) -> version.isNewerThan(MigrationVersion.EMPTY) && next.isNewerThan(version))
			.max(MigrationVersion::compareTo)
			.orElseThrow();
		Flyway.configure().dataSource(database).target(previous).load().migrate();
	}

}
