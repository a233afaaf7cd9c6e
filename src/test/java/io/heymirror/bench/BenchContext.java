package io.heymirror.bench;

import java.util.ArrayList;
import java.util.List;

import io.heymirror.HeymirrorApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's own application context (same beans, same settings from the environment)
 * on a random port with scheduled syncs off, for mains that drive its beans directly.
 */
final class BenchContext {

	private BenchContext() {
	}

	static ConfigurableApplicationContext start(List<String> extraArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--heymirror.sync.enabled=false"));
		args.addAll(extraArgs);
		return SpringApplication.run(HeymirrorApplication.class, args.toArray(String[]::new));
	}

}
