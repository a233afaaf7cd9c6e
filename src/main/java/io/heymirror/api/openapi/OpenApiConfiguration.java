package io.heymirror.api.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * public, as it holds no data; its "Authorize" button takes an API key.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	public static final String SECURITY_SCHEME = "apiKey";

	@Bean
	OpenAPI heymirrorOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Heymirror")
				.description("Reads of the Heymarket contact mirror: a query API (/api/contacts), Heymarket's "
						+ "own contact read routes (/v1, /v2) served from the mirror, and the change feed "
						+ "(/api/changes, CloudEvents). Every data route needs 'Authorization: Bearer <key>': a "
						+ "read key (heymirror.api.read-keys) for the data routes and the change feed, a full key "
						+ "(heymirror.api.keys) also for refreshes and deleted contacts. Every error is an RFC 9457 "
						+ "problem detail (application/problem+json) with a stable type.")
				.version("1"))
			// relative: the document is served by the Heymirror it describes
			.servers(List.of(new Server().url("/").description("This Heymirror")))
			.components(new Components().addSecuritySchemes(SECURITY_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An API key: a read key or a full key.")));
	}

	@Bean
	OpenApiCustomizer problemResponsesInTheDocument() {
		return new ProblemResponsesCustomizer();
	}

}
