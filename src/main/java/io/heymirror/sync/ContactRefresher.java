package io.heymirror.sync;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.mirror.ContactUpserter;
import io.heymirror.mirror.UpsertResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes one contact from upstream through the single-contact endpoints, now: used by
 * the opt-out webhooks and the API's refresh route. A contact upstream says is gone (a
 * 404 with a JSON body) is soft-deleted; when it was looked up by phone or uuid, which
 * can change upstream, only a 404 for its id confirms that.
 */
@Service
public class ContactRefresher {

	private final HeymarketClient client;

	private final ContactUpserter upserter;

	private final ContactRepository contacts;

	private final ContactDeletions deletions;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ContactRefresher(HeymarketClient client, ContactUpserter upserter, ContactRepository contacts,
			ContactDeletions deletions, TransactionTemplate transaction, Clock clock) {
		this.client = client;
		this.upserter = upserter;
		this.contacts = contacts;
		this.deletions = deletions;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Refresh by integer id ({@code GET /v1/contact/{id}}) of a contact of
	 * {@code account}; {@code cause} is what the change log records ({@code WEBHOOK} or
	 * {@code REFRESH}), here and below.
	 */
	public RefreshOutcome refreshById(String account, long id, ChangeCause cause) {
		return apply(() -> this.client.contactById(id), id, false, ChangeOrigin.of(account, cause));
	}

	/** Refresh by phone ({@code POST /v1/contact/get}). */
	public RefreshOutcome refreshByPhone(String account, String phone, ChangeCause cause) {
		Long knownId = this.contacts.findFirstByAccountAndPhoneAndDeletedAtIsNullOrderByUpdatedDesc(account, phone)
			.map((contact) -> contact.getId())
			.orElse(null);
		return apply(() -> this.client.contactByPhone(phone), knownId, true, ChangeOrigin.of(account, cause));
	}

	/** Refresh by uuid ({@code GET /v2/contact/{uuid}}). */
	public RefreshOutcome refreshByUuid(String account, String uuid, ChangeCause cause) {
		Long knownId = this.contacts.findFirstByAccountAndUuidAndDeletedAtIsNullOrderByUpdatedDesc(account, uuid)
			.map((contact) -> contact.getId())
			.orElse(null);
		return apply(() -> this.client.contactByUuid(uuid), knownId, true, ChangeOrigin.of(account, cause));
	}

	private RefreshOutcome apply(Supplier<Optional<HeymarketContact>> fetch, @Nullable Long knownId,
			boolean confirmById, ChangeOrigin origin) {
		Optional<HeymarketContact> fetched = fetch.get();
		if (fetched.isEmpty() && confirmById && knownId != null) {
			// the phone or uuid may have changed upstream: only the id says it is gone
			fetched = this.client.contactById(knownId);
		}
		if (fetched.isEmpty()) {
			if (knownId == null) {
				return new RefreshOutcome(RefreshOutcome.Result.NOT_FOUND, null);
			}
			Integer deleted = this.transaction
				.execute((status) -> this.deletions.softDelete(List.of(knownId), this.clock.instant(), origin));
			return new RefreshOutcome(
					(deleted != null && deleted > 0) ? RefreshOutcome.Result.DELETED : RefreshOutcome.Result.NOT_FOUND,
					knownId);
		}
		HeymarketContact contact = fetched.get();
		UpsertResult result = this.transaction.execute((status) -> this.upserter
			.upsert(List.of(ContactMapping.toData(contact)), this.clock.instant(), false, origin));
		boolean changed = result != null && (result.inserted() + result.updated()) > 0;
		return new RefreshOutcome(changed ? RefreshOutcome.Result.UPDATED : RefreshOutcome.Result.UNCHANGED,
				contact.id());
	}

}
