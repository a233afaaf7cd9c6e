package io.heymirror.bench;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import io.heymirror.heymarket.HeymarketClient;
import io.heymirror.heymarket.HeymarketContact;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bare pager of bench row P1: the service's own {@link HeymarketClient} bean (built
 * by the same configuration, from the same settings) walks the pages a full sync walks
 * and does nothing else. Prints one {@code PAGER ...} line.
 *
 * <pre class="code">
 * BarePager v1-cursor|v2-keyset|v1-cursor,v2-keyset [spring args...]
 * </pre>
 */
public final class BarePager {

	private BarePager() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = BenchContext.start(Arrays.asList(args).subList(1, args.length))) {
			HeymarketClient client = context.getBean(HeymarketClient.class);
			// several strategies share one JVM only in quick mode, where figures do not
			// count
			for (String strategy : args[0].split(",")) {
				walk(client, strategy);
			}
		}
	}

	private static void walk(HeymarketClient client, String strategy) {
		int limit = strategy.equals("v2-keyset") ? 100 : 30;
		Set<Long> ids = new HashSet<>();
		long started = System.nanoTime();
		int pages = new PageWalk(client, strategy, limit).walk((page) -> {
			for (HeymarketContact contact : page.contacts()) {
				ids.add(contact.id());
			}
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("PAGER strategy=%s contacts=%d pages=%d seconds=%.3f rate=%.0f%n", strategy, ids.size(),
				pages, seconds, ids.size() / seconds);
	}

}
