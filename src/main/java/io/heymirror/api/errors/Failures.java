package io.heymirror.api.errors;

/**
 * An exception as a log line may show it: the types and stack frames of its cause chain,
 * without their messages. A message may quote what the caller sent or what the database
 * holds (a phone, an email), and no contact field may reach a log line.
 */
public final class Failures {

	private static final int FRAMES = 12;

	private static final int CAUSES = 8;

	private Failures() {
	}

	public static String withoutMessages(Throwable failure) {
		StringBuilder out = new StringBuilder();
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < CAUSES; depth++) {
			out.append((depth == 0) ? "" : "\ncaused by ").append(cause.getClass().getName());
			StackTraceElement[] frames = cause.getStackTrace();
			for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
				out.append("\n\tat ").append(frames[i]);
			}
			cause = (cause.getCause() != cause) ? cause.getCause() : null;
		}
		return out.toString();
	}

	/** The types of the cause chain, outermost first. */
	public static String types(Throwable failure) {
		StringBuilder out = new StringBuilder(failure.getClass().getSimpleName());
		Throwable cause = failure.getCause();
		for (int depth = 1; cause != null && depth < CAUSES; depth++) {
			out.append(" < ").append(cause.getClass().getSimpleName());
			cause = (cause.getCause() != cause) ? cause.getCause() : null;
		}
		return out.toString();
	}

}
