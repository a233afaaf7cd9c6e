package io.heymirror.api.refresh;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshLimitsTests {

	@Test
	void eachKeyHasItsOwnAllowanceAndIsToldHowLongToWait() {
		RefreshLimits limits = new RefreshLimits(60);
		for (int i = 0; i < 60; i++) {
			assertThat(limits.tryTake("api-key-1")).as("refresh %d", i + 1).isEmpty();
		}

		assertThat(limits.tryTake("api-key-1"))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
		assertThat(limits.tryTake("api-key-2")).isEmpty();
		assertThat(limits.tryTake("open")).isEmpty();
	}

}
