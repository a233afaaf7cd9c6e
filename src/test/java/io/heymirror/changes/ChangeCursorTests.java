package io.heymirror.changes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChangeCursorTests {

	@Test
	void encodesToAShortUrlSafeTextThatDecodesToItself() {
		ChangeCursor cursor = new ChangeCursor(new ChangePosition(812_345_678_901L, Long.MAX_VALUE), 42);

		String text = cursor.encode();

		assertThat(text).matches("[A-Za-z0-9_-]+");
		assertThat(ChangeCursor.decode(text)).isEqualTo(cursor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "latest", "not base64!", "MToxOjI", "MjoxOjI6Mw", "MTotMToyOjM",
			"MTo5OTk5OTk5OTk5OTk5OTk5OTk5OToxOjA", "MTo5OTk5OTk5OTk5OTk5OTk5OTk5OjE6MA" })
	void refusesTextItDidNotIssue(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChangeCursor.decode(text));
	}

	@Test
	void positionsOrderByTransactionThenSequence() {
		assertThat(new ChangePosition(5, 100)).isLessThan(new ChangePosition(6, 1));
		assertThat(new ChangePosition(6, 1)).isLessThan(new ChangePosition(6, 2));
		assertThat(ChangePosition.below(6)).isLessThan(new ChangePosition(6, 1))
			.isGreaterThan(new ChangePosition(5, Long.MAX_VALUE));
	}

}
