package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.support.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated dataset, scripted writes and churn. */
class SimulatorDatasetTests {

	@Test
	void theSameSeedGivesTheSameContactsAndBytes() {
		try (HeymarketSimulator first = HeymarketSimulator.builder().apiKey("k").contacts(300).seed(5).build().start();
				HeymarketSimulator second = HeymarketSimulator.builder()
					.apiKey("k")
					.contacts(300)
					.seed(5)
					.build()
					.start();
				HeymarketSimulator other = HeymarketSimulator.builder().contacts(300).seed(6).build()) {
			assertThat(second.dataset().all()).isEqualTo(first.dataset().all());
			assertThat(other.dataset().all()).isNotEqualTo(first.dataset().all());
			assertThat(new SimHttp(second, "k").post("/v2/contacts/list", "{\"limit\":100}").bytes())
				.isEqualTo(new SimHttp(first, "k").post("/v2/contacts/list", "{\"limit\":100}").bytes());
		}
	}

	@Test
	void generatedContactsLookReal() {
		try (HeymarketSimulator sim = HeymarketSimulator.builder().contacts(2000).seed(3).build()) {
			List<SimContact> all = sim.dataset().all();
			Instant until = HeymarketSimulator.Builder.DEFAULT_GENERATED_UNTIL;
			assertThat(all).hasSize(2000).allSatisfy((contact) -> {
				assertThat(contact.phone()).matches("1\\d{10}");
				assertThat(contact.tags()).hasSizeLessThanOrEqualTo(5);
				assertThat(contact.custom().keySet()).allSatisfy((key) -> assertThat(key).matches("\\d+"));
				assertThat(contact.updated()).isBetween(until.minus(Duration.ofDays(365)), until);
				assertThat(contact.created()).isBeforeOrEqualTo(contact.updated());
				assertThat(contact.rev()).isPositive();
			});
			assertThat(all.stream().map(SimContact::phone).distinct()).hasSize(2000);
			assertThat(all).anyMatch((c) -> c.email() == null)
				.anyMatch((c) -> c.displayName() != null && c.displayName().chars().anyMatch((ch) -> ch > 127))
				.anyMatch((c) -> c.displayName() != null && c.displayName().codePoints().anyMatch((cp) -> cp > 0xFFFF))
				.anyMatch((c) -> c.displayName() != null && c.displayName().matches(".*[\\u0590-\\u06FF].*"))
				.anyMatch((c) -> c.tags().size() == 5)
				.anyMatch((c) -> !c.notes().isEmpty())
				.anyMatch((c) -> c.optedOut())
				.anyMatch((c) -> c.extra().containsKey("external_id"))
				.anyMatch((c) -> c.extra().containsKey("avatar"))
				.anyMatch((c) -> c.extra().containsKey("inbox_id"))
				.anyMatch((c) -> c.extra().containsKey("x_future_field"));
		}
	}

	@Test
	void nastyContactsAreServedAsEscapedJson() {
		try (HeymarketSimulator sim = HeymarketSimulator.builder()
			.apiKey("k")
			.contacts(40)
			.nasty(true)
			.build()
			.start()) {
			SimHttp.Response page = new SimHttp(sim, "k").post("/v2/contacts/list", "{\"limit\":100}");
			assertThat(page.body()).contains("\\u0000", "\\ud83d");
			List<JsonNode> contacts = page.contacts();
			assertThat(contacts).hasSize(40)
				.anyMatch((contact) -> contact.path("custom").path("190").stringValue("").length() >= 8192)
				.anyMatch((contact) -> contact.path("custom").path("191").stringValue("").contains("\u0000"));
		}
	}

	@Test
	void writesBumpRevAndUpdatedToNow() {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.987654Z"));
		try (HeymarketSimulator sim = HeymarketSimulator.builder()
			.apiKey("k")
			.clock(clock)
			.contacts(20)
			.build()
			.start()) {
			SimHttp http = new SimHttp(sim, "k");
			SimContact before = sim.dataset().get(5).orElseThrow();
			SimContact after = sim.dataset().update(5, (c) -> c.withName("Zoë", "Weiß")).orElseThrow();
			assertThat(after.rev()).isEqualTo(before.rev() + 1);
			assertThat(after.updated()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
			JsonNode served = http.get("/v1/contact/5").json();
			assertThat(served.get("display_name").stringValue()).isEqualTo("Zoë Weiß");
			assertThat(served.get("updated").stringValue()).isEqualTo("2026-03-01T10:00:00Z");
			assertThat(served.get("rev").longValue()).isEqualTo(before.rev() + 1);

			clock.advance(Duration.ofSeconds(1));
			assertThat(sim.dataset().optOut(6).orElseThrow().optedOut()).isTrue();
			assertThat(http.get("/v1/contact/6").json().get("is_opted_out").booleanValue()).isTrue();
			SimContact created = sim.dataset().create();
			assertThat(created.id()).isEqualTo(21);
			assertThat(created.rev()).isEqualTo(1);
			assertThat(sim.dataset().delete(7)).isTrue();
			assertThat(http.get("/v1/contact/7").status()).isEqualTo(404);
			assertThat(http.post("/v1/contacts/count", "{}").body()).isEqualTo("\"20\"");
			// the writes are the newest contacts now
			sim.settings().order(ListOrder.DESCENDING);
			assertThat(SimulatorListSemanticsTests.ids(http.v1(null)).subList(0, 3)).containsExactly(21, 6, 5);
		}
	}

	@Test
	void churnWritesInTheBackgroundBumpingRevAndUpdated() {
		try (HeymarketSimulator sim = HeymarketSimulator.builder().contacts(200).build().start()) {
			Map<Integer, Long> revs = new HashMap<>();
			sim.dataset().all().forEach((c) -> revs.put(c.id(), c.rev()));
			Instant start = Instant.now().minusSeconds(1);
			sim.settings().churn(20, 50, 10, 10);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				SimulatorStats stats = sim.stats();
				assertThat(stats.churn()).allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
			});
			sim.settings().stopChurn();
			List<SimContact> changed = sim.dataset()
				.all()
				.stream()
				.filter((c) -> revs.containsKey(c.id()) && c.rev() > revs.get(c.id()))
				.toList();
			assertThat(changed).isNotEmpty().allSatisfy((c) -> assertThat(c.updated()).isAfter(start));
			assertThat(sim.dataset().all()).anyMatch((c) -> !revs.containsKey(c.id()));
		}
	}

}
