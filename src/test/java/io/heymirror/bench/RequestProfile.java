package io.heymirror.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Where request handling spends its CPU, from a JFR recording
 * ({@code jdk.ExecutionSample} events) of the service under load: each sample taken
 * inside Tomcat's request processing goes to the part of the stack that runs its
 * innermost non-JDK frame (JDK frames count for their caller, so a socket write from
 * pgJDBC is JDBC). Prints one {@code PROFILE part=... samples=...} line per part, and the
 * samples outside requests.
 *
 * <pre class="code">
 * RequestProfile RECORDING.jfr
 * </pre>
 */
public final class RequestProfile {

	/** The parts, matched on the frame's class name in this order. */
	enum Part {

		JDBC("org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc.", "org.springframework.orm.",
				"org.springframework.transaction.", "org.hibernate."),
		JSON("tools.jackson.", "com.fasterxml.jackson.", "org.springframework.http.converter."),
		SECURITY("org.springframework.security.", "io.heymirror.api.security."),
		OBSERVATIONS("io.micrometer.", "org.springframework.boot.micrometer.",
				"org.springframework.http.server.observation.",
				"org.springframework.web.filter.ServerHttpObservationFilter"),
		HEYMIRROR("io.heymirror."), SPRING_MVC("org.springframework."), TOMCAT("org.apache."),
		LOGGING("ch.qos.logback.", "org.slf4j."), OTHER();

		private final List<String> prefixes;

		Part(String... prefixes) {
			this.prefixes = List.of(prefixes);
		}

		static @Nullable Part of(String className) {
			for (Part part : values()) {
				for (String prefix : part.prefixes) {
					if (className.startsWith(prefix)) {
						return part;
					}
				}
			}
			return isJdk(className) ? null : OTHER;
		}

	}

	private RequestProfile() {
	}

	public static void main(String[] args) throws IOException {
		Map<Part, Long> samples = new EnumMap<>(Part.class);
		long outside = 0;
		try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
					continue;
				}
				Part part = attribute(event.getStackTrace());
				if (part == null) {
					outside++;
				}
				else {
					samples.merge(part, 1L, Long::sum);
				}
			}
		}
		for (Part part : Part.values()) {
			System.out.printf("PROFILE part=%s samples=%d%n", part, samples.getOrDefault(part, 0L));
		}
		System.out.printf("PROFILE part=OUTSIDE_REQUESTS samples=%d%n", outside);
	}

	/** The sample's part, or null when it was not taken inside a request. */
	private static @Nullable Part attribute(RecordedStackTrace stack) {
		List<RecordedFrame> frames = stack.getFrames();
		boolean inRequest = false;
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			inRequest |= type.startsWith("org.apache.coyote.") || type.startsWith("org.apache.catalina.");
		}
		// a truncated stack lost its bottom frames (bench/run.sh asks JFR for 512)
		return (inRequest || stack.isTruncated()) ? attributeFrom(frames) : null;
	}

	private static Part attributeFrom(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			Part part = Part.of(frame.getMethod().getType().getName());
			if (part != null) {
				return part;
			}
		}
		return Part.OTHER;
	}

	private static boolean isJdk(String className) {
		return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
				|| className.startsWith("sun.") || className.startsWith("com.sun.");
	}

}
