package io.heymirror.sync;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ContactData;

/** Upstream contact to mirror row. */
final class ContactMapping {

	private ContactMapping() {
	}

	static ContactData toData(HeymarketContact c) {
		return new ContactData(c.id(), c.uuid(), c.phone(), c.email(), c.displayName(), c.first(), c.last(),
				c.optedOut(), c.teamId(), c.created(), c.updated(), c.rev(), c.rawJson());
	}

}
