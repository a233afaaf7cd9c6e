package io.heymirror.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list switches of {@code /v1/contacts} and {@code /v2/contacts/list}: order, date
 * bound, ties, page sizes, uuid in lists.
 */
class SimulatorListSemanticsTests {

	private static final Instant TIE = HeymarketSimulator.Builder.DEFAULT_GENERATED_UNTIL.plus(Duration.ofDays(1));

	private final HeymarketSimulator sim = HeymarketSimulator.builder()
		.apiKey("k")
		.contacts(300)
		.seed(7)
		.tieGroup(75, TIE)
		.build()
		.start();

	private final SimHttp http = new SimHttp(this.sim, "k");

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void ascendingPagesAreSortedByUpdatedThenIdFromTheOldest() {
		List<JsonNode> page = this.http.v1(null);
		assertThat(page).hasSize(30);
		assertThat(ids(page)).isEqualTo(this.sim.dataset().all().stream().limit(30).map(SimContact::id).toList());
	}

	@Test
	void inclusiveDateReturnsTheBoundaryContactAgain() {
		List<JsonNode> first = this.http.v1(null);
		JsonNode boundary = first.get(29);
		List<JsonNode> next = this.http.v1(boundary.get("updated").stringValue());
		assertThat(ids(next)).contains(boundary.get("id").intValue());
	}

	@Test
	void exclusiveDateDoesNotReturnTheBoundaryContact() {
		this.sim.settings().dateInclusive(false);
		List<JsonNode> first = this.http.v1(null);
		String boundary = first.get(29).get("updated").stringValue();
		List<JsonNode> next = this.http.v1(boundary);
		assertThat(next).isNotEmpty()
			.allSatisfy((contact) -> assertThat(instant(contact)).isAfter(Instant.parse(boundary)));
	}

	@Test
	void descendingOrderStartsAtTheNewestAndBoundsDateFromAbove() {
		this.sim.settings().order(ListOrder.DESCENDING);
		List<JsonNode> first = this.http.v1(null);
		List<SimContact> newestFirst = new ArrayList<>(this.sim.dataset().all());
		newestFirst.sort(Comparator.comparing(SimContact::updated).thenComparing(SimContact::id).reversed());
		assertThat(ids(first)).isEqualTo(newestFirst.stream().limit(30).map(SimContact::id).toList());
		// the tie group is newest: 75 contacts at TIE, ids descending
		JsonNode boundary = first.get(29);
		List<JsonNode> inclusive = this.http.v1(boundary.get("updated").stringValue());
		assertThat(ids(inclusive)).contains(boundary.get("id").intValue());
		this.sim.settings().dateInclusive(false);
		List<JsonNode> exclusive = this.http.v1(boundary.get("updated").stringValue());
		assertThat(exclusive).isNotEmpty()
			.allSatisfy((contact) -> assertThat(instant(contact)).isBefore(instant(boundary)));
	}

	@Test
	void v1ReturnsOnePageOfATieGroupLargerThanAPage() {
		String justBefore = TimestampPrecision.SECONDS.format(TIE.minusSeconds(1));
		List<JsonNode> page = this.http.v1(justBefore);
		assertThat(page).hasSize(30).allSatisfy((contact) -> assertThat(instant(contact)).isEqualTo(TIE));
		// the next cursor is the tie itself: exclusive skips the other 45, inclusive
		// repeats
		assertThat(this.http.v1(TimestampPrecision.SECONDS.format(TIE))).hasSize(30);
		this.sim.settings().dateInclusive(false);
		assertThat(this.http.v1(TimestampPrecision.SECONDS.format(TIE))).isEmpty();
	}

	@Test
	void v2OffsetPagesReturnEveryContactOfATieExactlyOnce() {
		String justBefore = TimestampPrecision.SECONDS.format(TIE.minusSeconds(1));
		List<Integer> seen = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			seen.addAll(
					ids(this.http
						.post("/v2/contacts/list",
								"{\"date\":\"" + justBefore + "\",\"ascending\":true,\"limit\":30,\"page\":" + page
										+ "}")
						.contacts()));
		}
		assertThat(seen).hasSize(75).doesNotHaveDuplicates();
		assertThat(new HashSet<>(seen)).isEqualTo(tieIds());
	}

	@Test
	void v2PagesThroughATieLargerThanTheMaximumLimit() {
		Instant big = TIE.plus(Duration.ofDays(1));
		this.sim.dataset().tieGroup(150, big);
		String from = TimestampPrecision.SECONDS.format(big);
		List<Integer> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			seen.addAll(ids(this.http
				.post("/v2/contacts/list",
						"{\"date\":\"" + from + "\",\"ascending\":true,\"limit\":100,\"page\":" + page + "}")
				.contacts()));
		}
		assertThat(seen).hasSize(150).doesNotHaveDuplicates();
	}

	@Test
	void v2DefaultsToThirtyNewestFirst() {
		List<JsonNode> page = this.http.post("/v2/contacts/list", "{}").contacts();
		assertThat(page).hasSize(30);
		assertThat(instant(page.get(0))).isEqualTo(TIE);
		assertThat(ids(page.subList(0, 3))).isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void v2LimitOverTheMaximumIsClampedOrRefused() {
		assertThat(this.http.post("/v2/contacts/list", "{\"limit\":500}").contacts()).hasSize(100);
		this.sim.settings().v2MaxLimit(50);
		assertThat(this.http.post("/v2/contacts/list", "{\"limit\":500}").contacts()).hasSize(50);
		this.sim.settings().v2RejectOverMax(true);
		SimHttp.Response refused = this.http.post("/v2/contacts/list", "{\"limit\":51}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("error").stringValue()).isEqualTo("bad_data");
	}

	@Test
	void v2DateIsALowerBoundInBothDirections() {
		String from = TimestampPrecision.SECONDS.format(TIE);
		assertThat(this.http.post("/v2/contacts/list", "{\"date\":\"" + from + "\",\"limit\":100}").contacts())
			.hasSize(75);
		this.sim.settings().dateInclusive(false);
		assertThat(this.http.post("/v2/contacts/list", "{\"date\":\"" + from + "\"}").contacts()).isEmpty();
	}

	@Test
	void v1IgnoresAscendingUnlessToldToHonourIt() {
		List<JsonNode> ignored = this.http.post("/v1/contacts", "{\"ascending\":false}").contacts();
		assertThat(instant(ignored.get(0))).isBefore(TIE);
		this.sim.settings().v1HonoursAscending(true);
		List<JsonNode> honoured = this.http.post("/v1/contacts", "{\"ascending\":false}").contacts();
		assertThat(instant(honoured.get(0))).isEqualTo(TIE);
	}

	@Test
	void pageSizeIsConfigurable() {
		this.sim.settings().pageSize(7);
		assertThat(this.http.v1(null)).hasSize(7);
	}

	@Test
	void listsCarryUuidOnlyWhenSwitchedOnWhileSingleGetsAlwaysDo() {
		assertThat(this.http.v1(null)).allSatisfy((contact) -> assertThat(contact.has("uuid")).isTrue());
		this.sim.settings().listUuid(false);
		assertThat(this.http.v1(null)).allSatisfy((contact) -> assertThat(contact.has("uuid")).isFalse());
		assertThat(this.http.post("/v2/contacts/list", "{}").contacts())
			.allSatisfy((contact) -> assertThat(contact.has("uuid")).isFalse());
		assertThat(this.http.get("/v1/contact/1").json().get("uuid").stringValue())
			.isEqualTo(this.sim.dataset().get(1).orElseThrow().uuid());
	}

	@Test
	void dateIsComparedAtFullPrecisionWithAnyOffset() {
		String tiePlusOneNano = "2026-01-02T00:00:00.000000001Z";
		assertThat(this.http.post("/v2/contacts/list", "{\"date\":\"" + tiePlusOneNano + "\"}").contacts()).isEmpty();
		String sameInstantElsewhere = "2026-01-02t02:00:00.0000000000+02:00";
		assertThat(this.http.post("/v2/contacts/list", "{\"date\":\"" + sameInstantElsewhere + "\",\"limit\":100}")
			.contacts()).hasSize(75);
	}

	@Test
	void malformedDatesAndBodiesAreBadData() {
		for (String body : List.of("{\"date\":\"yesterday\"}", "{\"date\":17}", "[1]", "{not json",
				"{\"limit\":\"10\"}", "{\"page\":-1}", "{\"ascending\":\"yes\"}")) {
			SimHttp.Response response = this.http.post("/v2/contacts/list", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.json().get("error").stringValue()).isEqualTo("bad_data");
		}
	}

	private Set<Integer> tieIds() {
		Set<Integer> ids = new HashSet<>();
		this.sim.dataset().all().stream().filter((c) -> c.updated().equals(TIE)).forEach((c) -> ids.add(c.id()));
		return ids;
	}

	static List<Integer> ids(List<JsonNode> contacts) {
		return contacts.stream().map((contact) -> contact.get("id").intValue()).toList();
	}

	static Instant instant(JsonNode contact) {
		return Instant.parse(contact.get("updated").stringValue());
	}

}
