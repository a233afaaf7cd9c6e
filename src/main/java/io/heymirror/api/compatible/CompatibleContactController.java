package io.heymirror.api.compatible;

import java.time.Instant;
import java.util.List;

import io.heymirror.api.accounts.AddressedAccount;
import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.errors.Inputs;
import io.heymirror.api.openapi.OpenApiConfiguration;
import io.heymirror.mirror.CompatibleJson;
import io.heymirror.mirror.ContactQueries;
import io.heymirror.mirror.StoredContact;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heymarket's six contact read routes served from the mirror, so an integration can point
 * its base URL here instead: same methods, paths, bodies and JSON (the stored upstream
 * JSON, every field), for one account: the one the {@code Heymirror-Account} header or
 * the {@code account} parameter names, else {@code default}. Deleted contacts never
 * appear.
 */
@RestController
@Tag(name = "Heymarket-compatible",
		description = "Heymarket's contact read routes served from the mirror: same paths, bodies and JSON.")
@SecurityRequirement(name = OpenApiConfiguration.SECURITY_SCHEME)
class CompatibleContactController {

	private static final String RAW_CONTACT = "The contact exactly as Heymarket sent it (every field).";

	private final ContactQueries queries;

	private final CompatibleJson raw;

	CompatibleContactController(ContactQueries queries, CompatibleJson raw) {
		this.queries = queries;
		this.raw = raw;
	}

	@GetMapping(path = "/v1/contact/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by its integer id", description = "As Heymarket's GET /v1/contact/{id}.")
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> byId(@Parameter(description = "The contact's integer id.") @PathVariable long id,
			@Parameter(hidden = true) AddressedAccount account) {
		return found(this.queries.byId(account.name(), id, false).orElseThrow(() -> notFound("id " + id)));
	}

	@PostMapping(path = "/v1/contact/get", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by phone or id",
			description = "As Heymarket's POST /v1/contact/get: give phone or id; when both are given, phone wins.",
			requestBody = @RequestBody(description = "phone (E.164 digits, no +) or id (integer id as a string).",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ContactGetRequest.class))))
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> get(
			@org.springframework.web.bind.annotation.RequestBody(required = false) @Nullable ContactGetRequest body,
			@Parameter(hidden = true) AddressedAccount account) {
		ContactGetRequest request = (body != null) ? body : new ContactGetRequest(null, null);
		String phone = request.lookupPhone();
		if (phone != null) {
			return found(this.queries.byPhone(account.name(), phone, false).orElseThrow(() -> notFound("this phone")));
		}
		long id = request.lookupId();
		return found(this.queries.byId(account.name(), id, false).orElseThrow(() -> notFound("id " + id)));
	}

	@GetMapping(path = "/v2/contact/{contactID}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get a contact by its UUID", description = "As Heymarket's GET /v2/contact/{contactID}.")
	@ApiResponse(responseCode = "200", description = RAW_CONTACT, content = @Content(schema = @Schema(type = "object")))
	ResponseEntity<String> byUuid(
			@Parameter(description = "The contact's UUID.") @PathVariable("contactID") String contactId,
			@Parameter(hidden = true) AddressedAccount account) {
		String uuid = Inputs.uuid("contactID", contactId);
		return found(this.queries.byUuid(account.name(), uuid, false).orElseThrow(() -> notFound("this UUID")));
	}

	@PostMapping(path = "/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Page through contacts by updated time",
			description = "As Heymarket's POST /v1/contacts: ascending by updated (then id), contacts updated "
					+ "strictly after date, 30 per page; a page is extended so that it never splits contacts "
					+ "sharing one updated value. Pass the last contact's updated as the next date; stop when a "
					+ "page has fewer than 30.",
			requestBody = @RequestBody(description = "date: RFC 3339; only contacts updated after it.",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ContactsRequest.class))))
	@ApiResponse(responseCode = "200", description = "Contacts exactly as Heymarket sent them.",
			content = @Content(array = @ArraySchema(schema = @Schema(type = "object"))))
	ResponseEntity<String> list(
			@org.springframework.web.bind.annotation.RequestBody(required = false) @Nullable ContactsRequest body,
			@Parameter(hidden = true) AddressedAccount account) {
		ContactsRequest request = (body != null) ? body : new ContactsRequest(null, null);
		return json(this.raw.array(this.queries.v1Page(account.name(), request.after())));
	}

	@PostMapping(path = "/v2/contacts/list", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List contacts in offset pages",
			description = "As Heymarket's POST /v2/contacts/list: ordered by updated then id, descending unless "
					+ "ascending is true; date keeps contacts updated after it.",
			requestBody = @RequestBody(
					description = "limit (1-100, default 30), page (from 0), date (RFC 3339), "
							+ "ascending (default false).",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ContactsListV2Request.class))))
	@ApiResponse(responseCode = "200", description = "Contacts exactly as Heymarket sent them.",
			content = @Content(array = @ArraySchema(schema = @Schema(type = "object"))))
	ResponseEntity<String> listV2(
			@org.springframework.web.bind.annotation.RequestBody(required = false) @Nullable ContactsListV2Request body,
			@Parameter(hidden = true) AddressedAccount account) {
		ContactsListV2Request request = (body != null) ? body : new ContactsListV2Request(null, null, null, null);
		int limit = request.pageSize();
		int page = request.pageNumber(limit);
		Instant after = request.after();
		List<StoredContact> contacts = this.queries.v2Page(account.name(), after, request.order(), limit,
				(long) page * limit);
		return json(this.raw.array(contacts));
	}

	@PostMapping(path = "/v1/contacts/count", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Count contacts",
			description = "As Heymarket's POST /v1/contacts/count: the count as a JSON string, such as \"1042\".",
			requestBody = @RequestBody(description = "date (RFC 3339): count only contacts updated after it.",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ContactsCountRequest.class))))
	@ApiResponse(responseCode = "200", description = "The count as a JSON string.",
			content = @Content(schema = @Schema(type = "string", example = "1042")))
	ResponseEntity<String> count(
			@org.springframework.web.bind.annotation.RequestBody(required = false) @Nullable ContactsCountRequest body,
			@Parameter(hidden = true) AddressedAccount account) {
		ContactsCountRequest request = (body != null) ? body : new ContactsCountRequest(null);
		return json("\"" + this.queries.countLive(account.name(), request.after()) + "\"");
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
