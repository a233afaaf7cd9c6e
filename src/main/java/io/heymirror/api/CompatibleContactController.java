package io.heymirror.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heymarket's six contact read routes served from the mirror, so an integration can point
 * its base URL here instead: same methods, paths, bodies and JSON (the stored upstream
 * JSON, every field). Deleted contacts never appear.
 */
@RestController
@Tag(name = "Heymarket-compatible",
		description = "Heymarket's contact read routes served from the mirror: same paths, bodies and JSON.")
@SecurityRequirement(name = OpenApiConfiguration.SECURITY_SCHEME)
class CompatibleContactController {

	private static final String RAW_CONTACT = "The contact exactly as Heymarket sent it (every field).";

	private final ContactSearch search;

	private final ContactFeed feed;

	private final RawContactJson raw;

	private final JsonMapper json;

	CompatibleContactController(ContactSearch search, ContactFeed feed, RawContactJson raw, JsonMapper json) {
		this.search = search;
		this.feed = feed;
		this.raw = raw;
		this.json = json;
	}

	@GetMapping(path = "/v1/contact/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by its integer id", description = "As Heymarket's GET /v1/contact/{id}.")
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> byId(@Parameter(description = "The contact's integer id.") @PathVariable long id) {
		return found(this.search.byId(id, false).orElseThrow(() -> notFound("id " + id)));
	}

	@PostMapping(path = "/v1/contact/get", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by phone or id",
			description = "As Heymarket's POST /v1/contact/get: "
					+ "give phone or id; when both are given, phone wins.",
			requestBody = @RequestBody(description = "phone (E.164 digits, no +) or id (integer id as a string).",
					content = @Content(schema = @Schema(implementation = CompatibleBodies.Get.class))))
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> get(HttpServletRequest request) throws IOException {
		JsonBody body = JsonBody.read(request, this.json);
		String phone = body.text("phone");
		if (phone != null) {
			return found(this.search.byPhone(phone, false).orElseThrow(() -> notFound("this phone")));
		}
		String id = body.text("id");
		if (id == null) {
			throw ApiProblem.badParameter("phone", "Give 'phone' or 'id'.");
		}
		long contactId = Inputs.id("id", id);
		return found(this.search.byId(contactId, false).orElseThrow(() -> notFound("id " + contactId)));
	}

	@GetMapping(path = "/v2/contact/{contactID}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by its UUID", description = "As Heymarket's GET /v2/contact/{contactID}.")
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> byUuid(
			@Parameter(description = "The contact's UUID.") @PathVariable("contactID") String contactId) {
		String uuid = Inputs.uuid("contactID", contactId);
		return found(this.search.byUuid(uuid, false).orElseThrow(() -> notFound("this UUID")));
	}

	@PostMapping(path = "/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Page through contacts by updated time",
			description = "As Heymarket's POST /v1/contacts: ascending by updated (then id), contacts updated "
					+ "strictly after date, 30 per page; a page is extended so that it never splits contacts "
					+ "sharing one updated value. Pass the last contact's updated as the next date; stop when a "
					+ "page has fewer than 30.",
			requestBody = @RequestBody(description = "date: RFC 3339; only contacts updated after it.",
					content = @Content(schema = @Schema(implementation = CompatibleBodies.List.class))))
	@ApiResponse(responseCode = "200", description = "Contacts exactly as Heymarket sent them.",
			content = @Content(array = @ArraySchema(schema = @Schema(type = "object"))))
	ResponseEntity<String> list(HttpServletRequest request) throws IOException {
		JsonBody body = JsonBody.read(request, this.json);
		Instant date = body.timestamp("date");
		if (Boolean.FALSE.equals(body.bool("ascending"))) {
			throw ApiProblem.badParameter("ascending",
					"This route pages ascending only; use POST /v2/contacts/list " + "for descending order.");
		}
		return json(this.raw.array(this.feed.v1Page(date)));
	}

	@PostMapping(path = "/v2/contacts/list", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List contacts in offset pages",
			description = "As Heymarket's POST /v2/contacts/list: ordered by updated then id, descending unless "
					+ "ascending is true; date keeps contacts updated after it.",
			requestBody = @RequestBody(
					description = "limit (1-100, default 30), page (from 0), date (RFC 3339), "
							+ "ascending (default false).",
					content = @Content(schema = @Schema(implementation = CompatibleBodies.ListV2.class))))
	@ApiResponse(responseCode = "200", description = "Contacts exactly as Heymarket sent them.",
			content = @Content(array = @ArraySchema(schema = @Schema(type = "object"))))
	ResponseEntity<String> listV2(HttpServletRequest request) throws IOException {
		JsonBody body = JsonBody.read(request, this.json);
		int limit = Inputs.range("limit", body.integer("limit", Integer.MIN_VALUE, Integer.MAX_VALUE), 30, 1, 100);
		int page = Inputs.range("page", body.integer("page", Integer.MIN_VALUE, Integer.MAX_VALUE), 0, 0,
				Integer.MAX_VALUE);
		Instant date = body.timestamp("date");
		boolean ascending = Boolean.TRUE.equals(body.bool("ascending"));
		List<StoredContact> contacts = this.feed.v2Page(date, ascending, limit, (long) page * limit);
		return json(this.raw.array(contacts));
	}

	@PostMapping(path = "/v1/contacts/count", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Count contacts",
			description = "As Heymarket's POST /v1/contacts/count: the count as a JSON string, such as \"1042\".",
			requestBody = @RequestBody(description = "date (RFC 3339): count only contacts updated after it.",
					content = @Content(schema = @Schema(implementation = CompatibleBodies.Count.class))))
	@ApiResponse(responseCode = "200", description = "The count as a JSON string.",
			content = @Content(schema = @Schema(type = "string", example = "1042")))
	ResponseEntity<String> count(HttpServletRequest request) throws IOException {
		JsonBody body = JsonBody.read(request, this.json);
		return json("\"" + this.feed.count(body.timestamp("date")) + "\"");
	}

	private ResponseEntity<String> found(StoredContact contact) {
		return json(this.raw.contact(contact));
	}

	private static ResponseEntity<String> json(String body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static ApiProblem notFound(String what) {
		return ApiProblem.notFound("No contact with " + what + ".");
	}

}
