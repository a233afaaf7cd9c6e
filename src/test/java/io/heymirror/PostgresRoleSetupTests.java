package io.heymirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.heymirror.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's database role ({@code deploy/postgres-role.sql}, run by compose's
 * {@code postgres-setup} service before every start): Heymirror runs as a role that owns
 * its database and schema but is not a superuser, the setup can run any number of times,
 * it adopts a database an earlier deployment migrated as the superuser, and Flyway still
 * migrates as the new role.
 */
class PostgresRoleSetupTests {

	private static final Path SETUP = Path.of("deploy/postgres-role.sql");

	private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String role = "heymirror_app_" + this.suffix;

	private final List<String> databases = List.of("role_adopted_" + this.suffix, "role_fresh_" + this.suffix);

	@AfterEach
	void dropWhatTheTestCreated() {
		JdbcClient admin = admin("postgres");
		this.databases
			.forEach((database) -> admin.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update());
		admin.sql("DROP ROLE IF EXISTS " + this.role).update();
	}

	@Test
	void adoptsADatabaseTheSuperuserMigrated() throws IOException {
		String database = this.databases.get(0);
		admin("postgres").sql("CREATE DATABASE " + database).update();
		flyway(database, TestDatabase.coordinates().username()).migrate();

		setUpRole(database);
		setUpRole(database);

		assertThat(isSuperuser()).isFalse();
		assertThat(objectsNotOwnedByTheRole(database)).isEmpty();
		assertThat(flyway(database, this.role).migrate().success).isTrue();
		assertThat(JdbcClient.create(dataSource(database, this.role))
			.sql("SELECT current_user")
			.query(String.class)
			.single()).isEqualTo(this.role);
	}

	@Test
	void preparesAnEmptyDatabaseForFlywayToMigrateAsTheRole() throws IOException {
		String database = this.databases.get(1);
		admin("postgres").sql("CREATE DATABASE " + database).update();

		setUpRole(database);
		setUpRole(database);

		assertThat(flyway(database, this.role).migrate().migrationsExecuted).isPositive();
		assertThat(isSuperuser()).isFalse();
		assertThat(objectsNotOwnedByTheRole(database)).isEmpty();
		assertThat(admin(database).sql("SELECT tableowner FROM pg_tables WHERE tablename = 'contact'")
			.query(String.class)
			.single()).isEqualTo(this.role);
	}

	private void setUpRole(String database) throws IOException {
		String setup = Files.readString(SETUP);
		// one session: the settings live as long as it does
		SingleConnectionDataSource session = new SingleConnectionDataSource(urlOf(database),
				TestDatabase.coordinates().username(), TestDatabase.coordinates().password(), true);
		try {
			JdbcClient client = JdbcClient.create(session);
			client
				.sql("SELECT set_config('heymirror.app_user', :role, false), "
						+ "set_config('heymirror.app_password', :password, false)")
				.param("role", this.role)
				.param("password", "it's a \"secret\"")
				.query()
				.listOfRows();
			client.sql(setup).update();
		}
		finally {
			session.destroy();
		}
	}

	private boolean isSuperuser() {
		return admin("postgres")
			.sql("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = :role")
			.param("role", this.role)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Tables, sequences, views, functions and types of the public schema, and the schema
	 * itself.
	 */
	private List<String> objectsNotOwnedByTheRole(String database) {
		return admin(database).sql("""
				SELECT 'relation ' || c.relname FROM pg_class c
				WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> :role::regrole
				UNION ALL
				SELECT 'function ' || p.proname FROM pg_proc p
				WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> :role::regrole
					AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
				UNION ALL
				SELECT 'schema public' FROM pg_namespace WHERE nspname = 'public' AND nspowner <> :role::regrole
				UNION ALL
				SELECT 'database' FROM pg_database WHERE datname = current_database() AND datdba <> :role::regrole
				""").param("role", this.role).query(String.class).list();
	}

	private static JdbcClient admin(String database) {
		return JdbcClient.create(dataSource(database, TestDatabase.coordinates().username()));
	}

	private Flyway flyway(String database, String user) {
		return Flyway.configure().dataSource(urlOf(database), user, TestDatabase.coordinates().password()).load();
	}

	private static DataSource dataSource(String database, String user) {
		return new SimpleDriverDataSource(new Driver(), urlOf(database), user, TestDatabase.coordinates().password());
	}

	private static String urlOf(String database) {
		Matcher url = DATABASE_IN_URL.matcher(TestDatabase.coordinates().url());
		assertThat(url.matches()).as("a PostgreSQL JDBC URL: %s", TestDatabase.coordinates().url()).isTrue();
		// the embedded server's URL names its user; the role's connections must not
		String parameters = url.group(3).replaceAll("(?<=[?&])user=[^&]*&?", "").replaceAll("[?&]$", "");
		return url.group(1) + database.toLowerCase(Locale.ROOT) + parameters;
	}

}
