package io.heymirror.api.errors;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forced 500 on a route whose path and query hold personal data: the caller gets a
 * generic problem and the log names the route template and the failure's types, never the
 * phone or email, even when the exception's own message quotes them. The web slice is
 * enough: no database, no security chain.
 */
@WebMvcTest(controllers = ProblemErrorController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(UnexpectedFailureLogTests.FailingRoute.class)
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedFailureLogTests {

	private static final String PHONE = "15105553344";

	private static final String EMAIL = "ann.lee@example.com";

	@Autowired
	private MockMvcTester mvc;

	@Test
	void logsTheRouteTemplateAndNoContactField(CapturedOutput output) {
		assertThat(this.mvc.get().uri("/api/contacts/by-phone/{phone}?email={email}", PHONE, EMAIL)).hasStatus(500)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.contains("https://heymirror.io/problems/internal-error")
			.doesNotContain("no contact with")
			.doesNotContain("duplicate key");

		assertThat(output.getAll()).contains("GET /api/contacts/by-phone/{phone} failed unexpectedly")
			.contains(IllegalStateException.class.getName())
			.contains(SQLException.class.getName())
			.doesNotContain(PHONE)
			.doesNotContain(EMAIL);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingRoute {

		@Bean
		RouterFunction<ServerResponse> failsQuotingTheCaller() {
			return RouterFunctions.route().GET("/api/contacts/by-phone/{phone}", (request) -> {
				String phone = request.pathVariable("phone");
				String email = request.param("email").orElse("");
				throw new IllegalStateException("no contact with phone " + phone + " or email " + email,
						new SQLException("ERROR: duplicate key value (phone)=(" + phone + ")"));
			}).build();
		}

	}

}
