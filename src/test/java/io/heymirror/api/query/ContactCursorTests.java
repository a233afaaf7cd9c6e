package io.heymirror.api.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContactCursorTests {

	@Test
	void roundTripsAsAnUrlSafeToken() {
		ContactCursor cursor = new ContactCursor(Instant.parse("2024-06-01T12:00:00.123456Z"), "east", Long.MAX_VALUE);

		String token = cursor.encode();

		assertThat(token).matches("[A-Za-z0-9_-]+");
		assertThat(ContactCursor.decode(token)).isEqualTo(cursor);
	}

	@Test
	void aCursorFromBeforeAccountsContinuesInTheAccountDefault() {
		String token = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("c1|2024-06-01T12:00:00Z|42".getBytes(StandardCharsets.UTF_8));

		assertThat(ContactCursor.decode(token))
			.isEqualTo(new ContactCursor(Instant.parse("2024-06-01T12:00:00Z"), "default", 42));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "!!!", "YWJj", "c1|2024-06-01T12:00:00Z", "c2|2024-06-01T12:00:00Z|1",
			"c2|2024-06-01T12:00:00Z|East|1", "c2|2024-06-01T12:00:00Z|east|x", "c3|2024-06-01T12:00:00Z|east|1",
			"c1|2024-06-01T12:00:00Z|x", "c1|yesterday|1", "c1|2024-06-01T12:00:00Z|1|2",
			"c1|+1000000000-01-01T00:00:00Z|1", "c1|2024-06-01T12:00:00Z|99999999999999999999" })
	void refusesTokensItDidNotMake(String plain) {
		String token = plain.equals("!!!") ? plain
				: Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

		assertThatIllegalArgumentException().isThrownBy(() -> ContactCursor.decode(token));
	}

}
