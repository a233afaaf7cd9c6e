package io.heymirror.heymarket;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Heymarket accounts a deployment mirrors besides {@code default}, which the
 * single-account settings configure.
 *
 * @param accounts further accounts by name ({@code [a-z0-9]{1,40}}), each
 * {@code heymirror.accounts.<name>.*}
 */
@ConfigurationProperties("heymirror")
@Validated
public record AccountsProperties(@DefaultValue Map<String, @Valid AccountProperties> accounts) {

	public AccountsProperties {
		// sorted: the order accounts are listed, scheduled and reported in
		accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
	}

}
