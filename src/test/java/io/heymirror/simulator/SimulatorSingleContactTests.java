package io.heymirror.simulator;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The three single-contact endpoints, errors and headers. */
class SimulatorSingleContactTests {

	private final HeymarketSimulator sim = HeymarketSimulator.builder().apiKey("k").contacts(50).build().start();

	private final SimHttp http = new SimHttp(this.sim, "k");

	@AfterEach
	void close() {
		this.sim.close();
	}

	@Test
	void getsAContactByIdPhoneOrUuidInTheSameShape() {
		SimContact seven = this.sim.dataset().get(7).orElseThrow();
		JsonNode byId = this.http.get("/v1/contact/7").json();
		JsonNode byPhone = this.http.post("/v1/contact/get", "{\"phone\":\"" + seven.phone() + "\"}").json();
		JsonNode byIdString = this.http.post("/v1/contact/get", "{\"id\":\"7\"}").json();
		JsonNode byUuid = this.http.get("/v2/contact/" + seven.uuid()).json();
		assertThat(byPhone).isEqualTo(byId);
		assertThat(byIdString).isEqualTo(byId);
		assertThat(byUuid).isEqualTo(byId);
		assertThat(byId.get("id").intValue()).isEqualTo(7);
		assertThat(byId.get("phone").stringValue()).isEqualTo(seven.phone()).matches("\\d{11}");
		assertThat(byId.propertyNames()).contains("id", "uuid", "display_name", "first", "last", "email", "phone",
				"custom", "team_id", "creator_id", "assigned_user_id", "shared", "created", "updated", "rev", "op",
				"tags", "is_opted_out", "note");
	}

	@Test
	void phoneTakesPrecedenceOverId() {
		SimContact seven = this.sim.dataset().get(7).orElseThrow();
		JsonNode found = this.http.post("/v1/contact/get", "{\"id\":\"8\",\"phone\":\"" + seven.phone() + "\"}").json();
		assertThat(found.get("id").intValue()).isEqualTo(7);
	}

	@Test
	void unknownContactsAre404WithAJsonBody() {
		for (SimHttp.Response response : new SimHttp.Response[] { this.http.get("/v1/contact/999"),
				this.http.get("/v2/contact/00000000-0000-4000-8000-000000000000"),
				this.http.post("/v1/contact/get", "{\"phone\":\"15550000000\"}"),
				this.http.post("/v1/contact/get", "{\"id\":\"999\"}") }) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.json().get("error").stringValue()).isEqualTo("not_found");
		}
	}

	@Test
	void malformedLookupsAreBadData() {
		assertThat(this.http.get("/v1/contact/abc").status()).isEqualTo(400);
		assertThat(this.http.post("/v1/contact/get", "{}").status()).isEqualTo(400);
		assertThat(this.http.post("/v1/contact/get", "{\"id\":7}").status()).isEqualTo(400);
		assertThat(this.http.post("/v1/contact/get", "{\"id\":\"seven\"}").json().get("error").stringValue())
			.isEqualTo("bad_data");
	}

	@Test
	void extraFieldsAreServedAsStored() {
		this.sim.dataset().put(this.sim.dataset().get(3).orElseThrow().withExtra("brand_new", Map.of("x", 1)));
		JsonNode contact = this.http.get("/v1/contact/3").json();
		assertThat(contact.get("brand_new").get("x").intValue()).isEqualTo(1);
	}

	@Test
	void everyResponseCarriesARequestId() {
		SimHttp anonymous = new SimHttp(this.sim, null);
		for (SimHttp.Response response : new SimHttp.Response[] { this.http.get("/v1/contact/1"),
				this.http.get("/v1/contact/999"), this.http.post("/v1/contacts", "{\"date\":1}"),
				anonymous.get("/v1/contact/1"), this.http.get("/v9/nothing") }) {
			assertThat(response.header("X-Request-Id")).isNotBlank();
		}
		assertThat(this.http.get("/v1/contact/1").header("X-Request-Id"))
			.isEqualTo(this.sim.requestLog().last().requestId());
	}

}
