package io.heymirror.simulator;

/** A failure the simulator injects instead of (or on top of) a normal answer. */
public enum Fault {

	/** 503 with a small JSON body. */
	SERVICE_UNAVAILABLE,

	/** 500 with an HTML body, as a proxy in front of the API would send. */
	SERVER_ERROR_HTML,

	/** 200 whose JSON body is cut short (Content-Length matches the cut body). */
	TRUNCATED_BODY,

	/** The connection is reset (SO_LINGER 0, then closed): no response at all. */
	CONNECTION_RESET,

	/** The answer is delayed; counted separately as it combines with the others. */
	LATENCY

}
