package io.heymirror.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it goes on the wire.
 *
 * @param status HTTP status
 * @param contentType {@code Content-Type}
 * @param body the body
 * @param retryAfterSeconds {@code Retry-After}, or 0 for none
 * @param returned contacts in the body, or -1
 */
record Reply(int status, String contentType, byte[] body, long retryAfterSeconds, int returned) {

	static final String JSON = "application/json; charset=utf-8";

	static Reply json(int status, byte[] body, int returned) {
		return new Reply(status, JSON, body, 0, returned);
	}

	static Reply json(Object body) {
		return new Reply(200, JSON, Json.bytes(body), 0, -1);
	}

	static Reply error(int status, String error, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("message", message);
		return new Reply(status, JSON, Json.bytes(body), 0, -1);
	}

	static Reply badData(String message) {
		return error(400, "bad_data", message);
	}

	static Reply html(int status, String html) {
		return new Reply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), 0, -1);
	}

	/** The same answer with its body cut at {@code share} of its length (never whole). */
	Reply truncated(double share) {
		int length = this.body.length;
		boolean structured = length > 1 && (this.body[0] == '{' || this.body[0] == '[' || this.body[0] == '"');
		// a bare number cut short is still valid JSON, so it loses its whole body instead
		int cut = structured ? 1 + (int) (share * (length - 1)) : 0;
		byte[] shortened = Arrays.copyOf(this.body, Math.min(cut, length - 1));
		return new Reply(this.status, this.contentType, shortened, this.retryAfterSeconds, this.returned);
	}

}
