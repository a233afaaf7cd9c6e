package io.heymirror;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Heymirror: keeps a complete, always-fresh copy of a company's Heymarket contacts in
 * PostgreSQL and serves it back.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HeymirrorApplication {

	public static void main(String[] args) {
		SpringApplication.run(HeymirrorApplication.class, args);
	}

}
