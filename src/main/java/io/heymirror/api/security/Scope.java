package io.heymirror.api.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a caller's key opens. */
public enum Scope {

	/**
	 * The data routes and the change feed: what a BI tool or an integration needs, and
	 * nothing that spends the upstream budget or shows deleted contacts.
	 */
	READ,

	/**
	 * Everything: also refreshes from Heymarket, sync runs, deleted contacts and the
	 * actuator endpoints beyond health and info.
	 */
	FULL;

	/** The authority a route asks for. */
	public String authority() {
		return "SCOPE_" + name();
	}

	/** The authorities a caller of this scope holds (a full key can also read). */
	List<GrantedAuthority> authorities() {
		return (this == FULL) ? List.of(READ.granted(), FULL.granted()) : List.of(READ.granted());
	}

	private GrantedAuthority granted() {
		return new SimpleGrantedAuthority(authority());
	}

}
