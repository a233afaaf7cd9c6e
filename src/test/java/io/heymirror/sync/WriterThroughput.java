package io.heymirror.sync;

import java.util.ArrayList;
import java.util.List;

import io.heymirror.heymarket.Accounts;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.UpstreamStats;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;

import org.springframework.context.ApplicationContext;

/**
 * Bench row P3's writer side (run by {@code io.heymirror.bench.UpsertVsCopy}, which
 * {@code bench/run.sh} puts beside the service's classes): the sync's own writer
 * ({@link PipelinedWriter} over the context's {@link CheckpointWriter}, a full scan's
 * checkpoint) fed pages faster than it writes them, as when a walk outruns the database:
 * the writer groups them as it does in a sync.
 */
public final class WriterThroughput {

	private WriterThroughput() {
	}

	/**
	 * Writes the contacts (ascending {@code updated}, no id twice) in pages of
	 * {@code pageSize}; returns the seconds it took and what the writer did.
	 */
	public static Result write(ApplicationContext context, List<HeymarketContact> contacts, int pageSize) {
		CheckpointWriter checkpoints = context.getBean(CheckpointWriter.class);
		List<Batch> pages = new ArrayList<>();
		for (int from = 0; from < contacts.size(); from += pageSize) {
			List<HeymarketContact> page = contacts.subList(from, Math.min(contacts.size(), from + pageSize));
			HeymarketContact newest = page.get(page.size() - 1);
			pages.add(new Batch(page, 0, Boundary.of(newest), Direction.ASC, PageCaps.UNKNOWN));
		}
		Tally tally = new Tally(() -> new UpstreamStats(0, 0, 0));
		long started = System.nanoTime();
		PipelinedWriter writer = new PipelinedWriter(checkpoints, CheckpointWriter.Checkpoint.SCAN,
				ChangeOrigin.of(Accounts.DEFAULT, ChangeCause.WALK), tally);
		try (writer) {
			pages.forEach(writer);
		}
		return new Result((System.nanoTime() - started) / 1e9, writer.toString());
	}

	/**
	 * One measurement.
	 *
	 * @param seconds how long the writer took, from the first page handed over to the
	 * last one committed
	 * @param writer what the writer did (pages, transactions, busy time)
	 */
	public record Result(double seconds, String writer) {
	}

}
