package io.heymirror.api.security;

import io.heymirror.changes.DeletedContactAccess;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The change feed's question, answered by the caller's scope: only a full key (or open
 * mode) reads a deleted contact's last data, as only it may ask the query API for deleted
 * contacts.
 */
@Component
class ChangeFeedScope implements DeletedContactAccess {

	@Override
	public boolean currentCallerMayReadDeletedContacts() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return caller != null && caller.getAuthorities()
			.stream()
			.anyMatch((granted) -> Scope.FULL.authority().equals(granted.getAuthority()));
	}

}
