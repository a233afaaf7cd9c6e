package io.heymirror.sync;

import java.util.Optional;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import org.jspecify.annotations.Nullable;

/** {@link Upstream} through the Heymarket client, counting pages in the run's tally. */
final class ClientUpstream implements Upstream {

	private final HeymarketClient client;

	private final Tally tally;

	ClientUpstream(HeymarketClient client, Tally tally) {
		this.client = client;
		this.tally = tally;
	}

	@Override
	public ContactPage listV1(@Nullable String date) {
		return this.tally.fetched(this.client.contacts(date, null));
	}

	@Override
	public ContactPage listV2(V2ListRequest request) {
		return this.tally.fetched(this.client.contactsV2(request));
	}

	@Override
	public long count(@Nullable String date) {
		return this.client.count(date);
	}

	@Override
	public Optional<HeymarketContact> byId(long id) {
		return this.client.contactById(id);
	}

}
