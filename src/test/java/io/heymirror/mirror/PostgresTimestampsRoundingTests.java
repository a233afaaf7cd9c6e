package io.heymirror.mirror;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.heymirror.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresTimestamps} rounds fractions of a second exactly as PostgreSQL does when
 * it stores a {@code timestamptz}, so the {@code updated} text Heymarket sent denotes the
 * stored column. Checked on random texts biased to the rounding boundary.
 */
@IntegrationTest
class PostgresTimestampsRoundingTests {

	@Autowired
	private JdbcTemplate jdbc;

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void roundsFractionsExactlyAsPostgresql(long seed) {
		Random random = new Random(seed);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			texts.add(randomText(random));
		}

		List<Instant> stored = this.jdbc.query((connection) -> {
			PreparedStatement statement = connection
				.prepareStatement("SELECT t::timestamptz FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n");
			statement.setArray(1, connection.createArrayOf("text", texts.toArray()));
			return statement;
		}, (rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant());

		for (int i = 0; i < texts.size(); i++) {
			assertThat(PostgresTimestamps.parse(texts.get(i))).as("seed %d: %s", seed, texts.get(i))
				.isEqualTo(stored.get(i));
		}
	}

	private static String randomText(Random random) {
		StringBuilder fraction = new StringBuilder();
		int digits = 1 + random.nextInt(12);
		for (int d = 0; d < digits; d++) {
			fraction.append(random.nextInt(10));
		}
		if (digits >= 7 && random.nextBoolean()) {
			// exactly half a microsecond, or just around it
			fraction.setCharAt(6, '5');
			for (int d = 7; d < digits; d++) {
				fraction.setCharAt(d, random.nextBoolean() ? '0' : fraction.charAt(d));
			}
		}
		String offset = switch (random.nextInt(3)) {
			case 0 -> "Z";
			case 1 -> "+%02d:%02d".formatted(random.nextInt(15), random.nextInt(60));
			default -> "-%02d:%02d".formatted(random.nextInt(12), random.nextInt(60));
		};
		return "%04d-%02d-%02dT%02d:%02d:%02d.%s%s".formatted(1971 + random.nextInt(100), 1 + random.nextInt(12),
				1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60), fraction, offset);
	}

}
