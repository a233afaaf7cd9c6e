package io.heymirror.sync;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ContactData;

/**
 * Upstream contact to mirror row. Times are cut to whole microseconds, the resolution the
 * mirror stores (PostgreSQL would round them instead), so that every check compares the
 * mirror's {@code updated} with window bounds the same way.
 */
final class ContactMapping {

	private ContactMapping() {
	}

	static ContactData toData(HeymarketContact c) {
		return new ContactData(c.id(), c.uuid(), c.phone(), c.email(), c.displayName(), c.first(), c.last(),
				c.optedOut(), c.teamId(), (c.created() != null) ? Window.micros(c.created()) : null,
				Window.micros(c.updated()), c.rev(), c.rawJson());
	}

}
