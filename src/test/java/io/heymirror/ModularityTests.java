package io.heymirror;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the package boundaries: features expose a few public types and the dependency
 * graph has no cycles.
 */
class ModularityTests {

	@Test
	void featurePackagesRespectTheirBoundaries() {
		ApplicationModules.of(HeymirrorApplication.class).verify();
	}

}
