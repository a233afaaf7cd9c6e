package io.heymirror.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RetiredSyncSettingsTests {

	@Test
	void aRetiredSettingStillSetByItsEnvironmentVariableIsReported(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-env", Map.of("HEYMIRROR_SYNC_V1_PAGE_SIZE", "30")));
		new RetiredSyncSettings(environment);
		assertThat(output).contains("heymirror.sync.v1-page-size is set but no longer read");
	}

	@Test
	void nothingIsReportedWhenNoRetiredSettingIsSet(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("heymirror.sync.v2-page-size", "100")));
		new RetiredSyncSettings(environment);
		assertThat(output).doesNotContain("no longer read");
	}

}
