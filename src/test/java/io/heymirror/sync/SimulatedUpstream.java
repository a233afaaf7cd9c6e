package io.heymirror.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.UpstreamStats;
import io.heymirror.heymarket.V2ListRequest;
import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.simulator.InProcessCalls;
import io.heymirror.simulator.SimContact;
import io.heymirror.support.MutableClock;
import org.jspecify.annotations.Nullable;

/**
 * {@link Upstream} over the simulator's endpoints called in-process: the same semantics
 * and switches as over HTTP, at a few microseconds a request. Every request moves the
 * test clock on a little, as real requests take time.
 */
final class SimulatedUpstream implements Upstream {

	private static final Duration PER_REQUEST = Duration.ofMillis(3);

	private final InProcessCalls calls;

	private final MutableClock clock;

	private long requests;

	SimulatedUpstream(HeymarketSimulator simulator, MutableClock clock) {
		this.calls = simulator.inProcess();
		this.clock = clock;
	}

	@Override
	public ContactPage listV1(@Nullable String date) {
		return page(tick().contacts(date));
	}

	@Override
	public ContactPage listV2(V2ListRequest request) {
		return page(tick().contactsV2(request.limit(), request.page(), request.date(), request.ascending()));
	}

	@Override
	public long count(@Nullable String date) {
		return tick().count(date);
	}

	@Override
	public Optional<HeymarketContact> byId(long id) {
		return tick().contactById(id).map(SimulatedUpstream::contact);
	}

	long requests() {
		return this.requests;
	}

	UpstreamStats stats() {
		return new UpstreamStats(this.requests, 0, 0);
	}

	private InProcessCalls tick() {
		this.requests++;
		this.clock.advance(PER_REQUEST);
		return this.calls;
	}

	private static ContactPage page(List<InProcessCalls.Served> served) {
		return new ContactPage(served.stream().map(SimulatedUpstream::contact).toList(), List.of(), null);
	}

	/**
	 * The contact as the client would parse it; without its raw JSON, which the memory
	 * mirror does not keep (rendering it would cost more than the runs).
	 */
	static HeymarketContact contact(InProcessCalls.Served served) {
		SimContact c = served.contact();
		String text = served.updatedText();
		int dot = text.indexOf('.');
		int digits = (dot < 0) ? 0 : text.length() - dot - 2;
		return new HeymarketContact(c.id(), c.uuid(), c.displayName(), c.first(), c.last(), c.email(), c.phone(),
				c.teamId(), c.creatorId(), c.assignedUserId(), c.shared(), c.created(), c.updated(), text, digits,
				served.withRev() ? c.rev() : null, c.op(), c.optedOut(), "{}");
	}

}
