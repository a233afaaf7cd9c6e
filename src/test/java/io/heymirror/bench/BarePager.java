package io.heymirror.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.mirror.ContactData;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The limits of bench row P1: the service's own {@link HeymarketClient} bean (built by
 * the same configuration, from the same settings) walks the pages a full sync walks. In
 * mode {@code copy} it also stores every new contact of each page as it arrives, through
 * one {@link CopyStream} (the physical limit of a sync); in mode {@code bare} it throws
 * the pages away (the upstream's limit). Prints one {@code PAGER ...} line per walk.
 *
 * <pre class="code">
 * BarePager v1-cursor|v2-keyset[,...] copy|bare[,...] [spring args...]
 * </pre>
 */
public final class BarePager {

	private BarePager() {
	}

	public static void main(String[] args) throws SQLException {
		try (ConfigurableApplicationContext context = BenchContext.start(Arrays.asList(args).subList(2, args.length))) {
			HeymarketClient client = context.getBean(HeymarketClient.class);
			DataSource dataSource = context.getBean(DataSource.class);
			// several walks share one JVM only in quick mode, where figures do not count
			for (String strategy : args[0].split(",")) {
				for (String mode : args[1].split(",")) {
					walk(client, strategy, mode.equals("copy") ? dataSource : null);
				}
			}
		}
	}

	private static void walk(HeymarketClient client, String strategy, @Nullable DataSource copyInto)
			throws SQLException {
		int limit = strategy.equals("v2-keyset") ? 100 : 30;
		Set<Long> ids = new HashSet<>();
		long started = System.nanoTime();
		int pages;
		if (copyInto == null) {
			pages = new PageWalk(client, strategy, limit).walk((page) -> fresh(page, ids));
		}
		else {
			try (CopyStream copy = new CopyStream(copyInto, "pager_copy")) {
				pages = new PageWalk(client, strategy, limit).walk((page) -> {
					try {
						copy.write(fresh(page, ids));
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				copy.finish();
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("PAGER strategy=%s mode=%s contacts=%d pages=%d seconds=%.3f rate=%.0f%n", strategy,
				(copyInto != null) ? "copy" : "bare", ids.size(), pages, seconds, ids.size() / seconds);
	}

	/** The page's contacts not seen before (the walk's overlap repeats one). */
	private static List<ContactData> fresh(ContactPage page, Set<Long> ids) {
		List<ContactData> rows = new ArrayList<>(page.size());
		for (HeymarketContact contact : page.contacts()) {
			if (ids.add(contact.id())) {
				rows.add(CopyStream.row(contact));
			}
		}
		return rows;
	}

}
