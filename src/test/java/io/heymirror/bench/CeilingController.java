package io.heymirror.bench;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling of bench row P4: {@code GET /api/bench/ceiling} answers a constant object
 * through everything {@code GET /api/contacts/{id}} goes through except the database (the
 * API-key filter chain, Micrometer's request observation, Jackson). A
 * {@link TestComponent}: the tests' component scan leaves it out, while the bench's
 * service JVM, which finds this package on its {@code loader.path}, picks it up. Never in
 * the jar.
 */
@TestComponent
@RestController
class CeilingController {

	static final String PATH = "/api/bench/ceiling";

	private static final Ceiling CEILING = new Ceiling(1, "constant", true);

	@GetMapping(PATH)
	Ceiling ceiling() {
		return CEILING;
	}

	/**
	 * The constant answer.
	 *
	 * @param id a number
	 * @param name a string
	 * @param constant a flag
	 */
	record Ceiling(long id, String name, boolean constant) {
	}

}
