package io.heymirror.api.query;

import javax.sql.DataSource;

import io.heymirror.api.security.ApiProperties;
import io.heymirror.mirror.ContactQueries;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The mirror's reads as both read APIs use them, bounded by the API's query timeout. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

	@Bean
	ContactQueries apiContactQueries(DataSource dataSource, PlatformTransactionManager transactions,
			ApiProperties properties) {
		return new ContactQueries(dataSource, transactions, properties.queryTimeout());
	}

}
