package io.heymirror.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.heymirror.heymarket.Accounts;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ContactRepository;
import io.heymirror.simulator.Endpoint;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.SimContact;
import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Design.md rule 4: completeness is checked against upstream's count, a gap is repaired
 * without a full re-sync, deletions become soft deletes once confirmed, and
 * reconciliation catches what equal counts hide.
 */
@IntegrationTest
class SyncRepairTests {

	private static final int CONTACTS = 3000;

	@Autowired
	private SyncHarness harness;

	@Autowired
	private ContactRepository contacts;

	@Autowired
	private ContactRefresher refresher;

	private HeymarketSimulator simulator;

	@BeforeEach
	void mirrorInSync() {
		this.harness.resetMirror();
		this.simulator = TestUpstream.replace((builder) -> builder.seed(11).contacts(CONTACTS));
		assertThat(this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL).getOutcome())
			.isEqualTo("SUCCEEDED");
		this.simulator.resetStats();
	}

	@Test
	void aCountShortfallIsRepairedWithFewerRequestsThanAFullResync() {
		List<SimContact> all = this.simulator.dataset().all();
		List<Integer> lost = List.of(all.get(17).id(), all.get(1500).id(), all.get(2999).id());
		lost.forEach((id) -> this.harness.jdbc().update("DELETE FROM contact WHERE id = ?", id));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(this.simulator).keySet());
		assertThat(run.getMirrorCount()).isEqualTo(CONTACTS);
		int fullResync = CONTACTS / 100 + 2;
		assertThat(run.getRequests()).as("requests of the repair").isLessThan(fullResync);
	}

	@Test
	void deletedContactsAreConfirmedThenSoftDeletedAndHiddenFromReads() {
		List<SimContact> all = this.simulator.dataset().all();
		List<Integer> gone = List.of(all.get(3).id(), all.get(2000).id());
		gone.forEach((id) -> this.simulator.dataset().delete(id));

		SyncRun run = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);

		assertThat(run.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(run.getDeleted()).isEqualTo(2);
		gone.forEach((id) -> {
			assertThat(this.contacts.findByAccountAndId(Accounts.DEFAULT, (long) id)).get()
				.extracting((c) -> c.getDeletedAt())
				.isNotNull();
			assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, id)).isEmpty();
		});
		assertThat(this.simulator.stats().requests(Endpoint.V1_CONTACT)).as("one confirmation per suspect")
			.isEqualTo(2);
		assertThat(run.getRequests()).isLessThan(CONTACTS / 100);
	}

	@Test
	void reconciliationCatchesADeletionAndAMissedContactThatCancelOut() {
		int gone = this.simulator.dataset().all().get(42).id();
		int missed = this.simulator.dataset().all().get(2500).id();
		this.simulator.dataset().delete(gone);
		this.harness.jdbc().update("DELETE FROM contact WHERE id = ?", missed);

		SyncRun incremental = this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);
		assertThat(incremental.getMirrorCount()).isEqualTo(incremental.getUpstreamCount());
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, gone))
			.as("equal counts hide the deletion")
			.isPresent();

		SyncProperties reconcileNow = SyncHarness.properties(SyncProperties.Strategy.V2_KEYSET, Duration.ofMillis(1),
				100_000, Duration.ofSeconds(1));
		SyncRun reconciliation = this.harness.run(reconcileNow, SyncMode.INCREMENTAL, () -> false);

		assertThat(reconciliation.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(reconciliation.getDeleted()).isEqualTo(1);
		assertThat(reconciliation.getInserted()).isEqualTo(1);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, gone)).isEmpty();
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(this.simulator).keySet());
	}

	@Test
	void aFullResyncDetectsDeletionsAndKeepsTheMirrorReadable() {
		int gone = this.simulator.dataset().all().get(7).id();
		this.simulator.dataset().delete(gone);
		AtomicLong readableDuringTheRun = new AtomicLong();
		this.simulator.onRequest(5, (request) -> readableDuringTheRun.set(this.harness.liveCount()));

		SyncRun full = this.harness.run(SyncProperties.Strategy.V1_CURSOR, SyncMode.FULL);

		assertThat(readableDuringTheRun).hasValue(CONTACTS);
		assertThat(full.getOutcome()).isEqualTo("SUCCEEDED");
		assertThat(full.getMode()).isEqualTo("FULL");
		assertThat(full.getDeleted()).isEqualTo(1);
		assertThat(this.harness.mirror().keySet()).isEqualTo(this.harness.upstream(this.simulator).keySet());
	}

	@Test
	void aDeletedContactThatComesBackIsUndeleted() {
		SimContact contact = this.simulator.dataset().all().get(9);
		this.simulator.dataset().delete(contact.id());
		this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, contact.id())).isEmpty();

		this.simulator.dataset().put(contact);
		this.simulator.dataset().touch(contact.id());
		this.harness.run(SyncProperties.Strategy.V2_KEYSET, SyncMode.INCREMENTAL);

		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, contact.id())).isPresent();
	}

	@Test
	void aTargetedRefreshThatGets404SoftDeletes() {
		int id = this.simulator.dataset().all().get(100).id();
		this.simulator.dataset().delete(id);

		assertThat(this.refresher.refreshById(Accounts.DEFAULT, id, ChangeCause.REFRESH).result())
			.isEqualTo(RefreshOutcome.Result.DELETED);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, id)).isEmpty();
		assertThat(this.refresher.refreshById(Accounts.DEFAULT, id, ChangeCause.REFRESH).result())
			.isEqualTo(RefreshOutcome.Result.NOT_FOUND);
	}

	@Test
	void aTargetedRefreshByPhoneOrUuidStoresTheLatestVersion() {
		SimContact contact = this.simulator.dataset().all().get(200);
		this.simulator.dataset().optOut(contact.id());

		RefreshOutcome byPhone = this.refresher.refreshByPhone(Accounts.DEFAULT, contact.phone(), ChangeCause.REFRESH);

		assertThat(byPhone.result()).isEqualTo(RefreshOutcome.Result.UPDATED);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, contact.id())
			.orElseThrow()
			.getOptedOut()).isTrue();
		assertThat(this.refresher.refreshByUuid(Accounts.DEFAULT, contact.uuid(), ChangeCause.REFRESH).result())
			.isEqualTo(RefreshOutcome.Result.UNCHANGED);
	}

	@Test
	void aPhoneRefreshThatGets404ConfirmsByIdBeforeDeleting() {
		SimContact contact = this.simulator.dataset().all().get(300);
		this.simulator.dataset().update(contact.id(), (changed) -> changed.withPhone("15550001234"));
		int gone = this.simulator.dataset().all().get(301).id();
		String gonePhone = this.simulator.dataset().get(gone).orElseThrow().phone();
		this.simulator.dataset().delete(gone);

		RefreshOutcome moved = this.refresher.refreshByPhone(Accounts.DEFAULT, contact.phone(), ChangeCause.REFRESH);
		RefreshOutcome deleted = this.refresher.refreshByPhone(Accounts.DEFAULT, gonePhone, ChangeCause.REFRESH);

		assertThat(moved.result()).as("the phone changed upstream; the contact is not gone")
			.isEqualTo(RefreshOutcome.Result.UPDATED);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, contact.id())
			.orElseThrow()
			.getPhone()).isEqualTo("15550001234");
		assertThat(deleted.result()).isEqualTo(RefreshOutcome.Result.DELETED);
		assertThat(this.contacts.findByAccountAndIdAndDeletedAtIsNull(Accounts.DEFAULT, gone)).isEmpty();
	}

}
