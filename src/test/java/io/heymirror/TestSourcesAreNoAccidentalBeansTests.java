package io.heymirror;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.heymirror.api.TestMirror;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestDatabaseConfiguration;
import io.heymirror.sync.SyncHarness;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing compiled from {@code src/test} becomes a bean by accident: the shared test
 * context holds only the test beans {@code @IntegrationTest} imports, and the demo's
 * component scan skips every test class.
 */
@IntegrationTest
class TestSourcesAreNoAccidentalBeansTests {

	private static final String TEST_CLASSES = TestSourcesAreNoAccidentalBeansTests.class.getProtectionDomain()
		.getCodeSource()
		.getLocation()
		.toString();

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void theSharedContextHoldsOnlyTheImportedTestBeans() {
		List<Class<?>> testTypes = Arrays.stream(this.context.getBeanDefinitionNames())
			.<Class<?>>map((name) -> this.context.getBeanFactory().getType(name, false))
			.filter(Objects::nonNull)
			// lambdas a test configuration's @Bean methods return belong to it
			.filter((type) -> !type.isHidden())
			.filter(TestSourcesAreNoAccidentalBeansTests::isTestClass)
			.distinct()
			.toList();

		assertThat(testTypes).containsExactlyInAnyOrder(TestDatabaseConfiguration.class, TestMirror.class,
				SyncHarness.class);
	}

	@Test
	void theDemoScansNoTestClass() {
		assertThat(scannedTestClasses(false)).as("test classes a plain scan of io.heymirror would pick up")
			.isNotEmpty();
		assertThat(scannedTestClasses(true)).isEmpty();
	}

	private static List<String> scannedTestClasses(boolean demoFilter) {
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);
		if (demoFilter) {
			scan.addExcludeFilter(new TestHeymirrorApplication.MainSourcesOnly());
		}
		return scan.findCandidateComponents("io.heymirror")
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.filter((name) -> isTestClass(load(name)))
			.toList();
	}

	private static boolean isTestClass(Class<?> type) {
		var source = type.getProtectionDomain().getCodeSource();
		return source != null && source.getLocation().toString().equals(TEST_CLASSES);
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, TestSourcesAreNoAccidentalBeansTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
