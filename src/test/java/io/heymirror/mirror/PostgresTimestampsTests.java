package io.heymirror.mirror;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresTimestampsTests {

	@ParameterizedTest
	@CsvSource(textBlock = """
			2024-06-01T12:00:00Z,                     2024-06-01T12:00:00Z
			2024-06-01t12:00:00z,                     2024-06-01T12:00:00Z
			2024-06-01 12:00:00Z,                     2024-06-01T12:00:00Z
			2024-06-01T14:00:00+02:00,                2024-06-01T12:00:00Z
			2024-06-01T07:30:00-04:30,                2024-06-01T12:00:00Z
			2024-06-01T12:00:00-00:00,                2024-06-01T12:00:00Z
			2024-06-01T12:00:00.5Z,                   2024-06-01T12:00:00.500Z
			2024-06-01T12:00:00.123456Z,              2024-06-01T12:00:00.123456Z
			2024-06-01T12:00:00.1234564Z,             2024-06-01T12:00:00.123456Z
			2024-06-01T12:00:00.1234566Z,             2024-06-01T12:00:00.123457Z
			2024-06-01T12:00:00.123456789012345678Z,  2024-06-01T12:00:00.123457Z
			2024-06-01T12:00:00.9999999Z,             2024-06-01T12:00:01Z
			2024-12-31T23:59:59.9999999Z,             2025-01-01T00:00:00Z
			2024-02-29T00:00:00Z,                     2024-02-29T00:00:00Z
			""")
	void parsesAnyPrecisionAndOffsetToMicroseconds(String text, String expected) {
		assertThat(PostgresTimestamps.parse(text)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "2024-06-01", "2024-06-01T12:00:00", "2024-06-01T12:00Z",
			"2024-06-01T12:00:00.Z", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
			"2024-06-01T24:00:00Z", "2024-06-01T12:60:00Z", "2024-06-01T12:00:60Z", "2024-06-01T12:00:00+19:00",
			"2024-06-01T12:00:00+02", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z",
			"+2024-06-01T12:00:00Z", " 2024-06-01T12:00:00Z", "2024-06-01T12:00:00Z\n", "２０２４-06-01T12:00:00Z",
			"1717243200" })
	void refusesWhatIsNotAnPostgresTimestampsTimestamp(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresTimestamps.parse(text));
	}

	@ParameterizedTest
	@CsvSource({ "2024-06-01T12:00:00Z", "2024-06-01T12:00:00.100Z", "2024-06-01T12:00:00.000001Z" })
	void formatsSoThatParsingGivesTheSameInstant(Instant instant) {
		assertThat(PostgresTimestamps.parse(PostgresTimestamps.format(instant))).isEqualTo(instant);
		assertThat(PostgresTimestamps.denotes(PostgresTimestamps.format(instant), instant)).isTrue();
	}

}
