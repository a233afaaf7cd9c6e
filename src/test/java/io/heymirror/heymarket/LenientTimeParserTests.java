package io.heymirror.heymarket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written fast path agrees with java.time on every RFC 3339 time. */
class LenientTimeParserTests {

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 42, 1717243200, 20240601 })
	void agreesWithJavaTimeOnRandomTimes(long seed) {
		Random random = new Random(seed);
		for (int i = 0; i < 2_000; i++) {
			String text = randomTime(random);
			Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();

			UpstreamTime parsed = LenientTimeParser.parse(text);

			assertThat(parsed).as(text).isNotNull();
			assertThat(parsed.instant()).as(text).isEqualTo(expected);
			int dot = text.indexOf(".");
			assertThat(parsed.digits()).as(text)
				.isEqualTo((dot < 0) ? 0 : text.length() - dot - 1 - ((text.endsWith("Z")) ? 1 : 6));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-06-01T24:00:00Z",
			"2024-06-01T12:60:00Z", "2024-06-01T12:00:60Z", "2024-06-01T12:00:00.Z", "2024-06-01T12:00:00.1234567890Z",
			"2024-06-01T12:00:00+19:00", "2024-06-01T12:00:00+01:60", "2024-06-01T12:00:00", "2024-06-01T12:00:00ZZ",
			"2024-06-01T12:00:00 Z", "+2024-06-01T12:00:00Z", "2024-6-01T12:00:00Z" })
	void refusesWhatIsNotATime(String text) {
		assertThat(LenientTimeParser.parse(text)).isNull();
	}

	private static String randomTime(Random random) {
		StringBuilder text = new StringBuilder(
				String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1970 + random.nextInt(100), 1 + random.nextInt(12),
						1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
		int fraction = random.nextInt(10);
		if (fraction > 0) {
			text.append('.');
			for (int i = 0; i < fraction; i++) {
				text.append(random.nextInt(10));
			}
		}
		int offset = random.nextInt(3);
		if (offset == 0) {
			text.append('Z');
		}
		else {
			text.append(String.format("%s%02d:%02d", (offset == 1) ? "+" : "-", random.nextInt(15),
					random.nextInt(4) * 15));
		}
		return text.toString();
	}

}
