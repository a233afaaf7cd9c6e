package io.heymirror.api.query;

import java.util.List;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.heymarket.Accounts;
import io.heymirror.api.errors.Inputs;
import io.heymirror.api.openapi.OpenApiConfiguration;
import io.heymirror.api.query.ContactResponses.ContactCount;
import io.heymirror.api.query.ContactResponses.ContactPage;
import io.heymirror.api.query.ContactResponses.ContactView;
import io.heymirror.api.query.ContactResponses.RefreshResult;
import io.heymirror.mirror.ContactFilter;
import io.heymirror.mirror.ContactQueries;
import io.heymirror.mirror.StoredContact;
import io.heymirror.api.refresh.Refreshes;
import io.heymirror.sync.RefreshOutcome;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query API over the mirror: filtered keyset pages, counts, lookups, and a refresh of
 * one contact from Heymarket on demand.
 */
@RestController
@RequestMapping("/api/contacts")
@Tag(name = "Contacts", description = "Query the mirrored contacts.")
@SecurityRequirement(name = OpenApiConfiguration.SECURITY_SCHEME)
class ContactController {

	private static final Logger log = LoggerFactory.getLogger(ContactController.class);

	private static final String INCLUDE_DELETED = "Also find a contact found deleted upstream (it carries deletedAt).";

	private final ContactQueries search;

	private final Refreshes refreshes;

	ContactController(ContactQueries search, Refreshes refreshes) {
		this.search = search;
		this.refreshes = refreshes;
	}

	@GetMapping
	@Operation(summary = "List contacts", description = "Contacts matching every given filter, ordered by updated "
			+ "then id, in pages: pass nextCursor as cursor for the next page.")
	ContactPage list(@ParameterObject ContactQueryParameters filters,
			@Parameter(description = "Contacts per page, 1 to 500.",
					schema = @Schema(defaultValue = "50", minimum = "1", maximum = "500")) @RequestParam(
							required = false) @Nullable Integer limit,
			@Parameter(description = "nextCursor of the previous page; omit for the first page.") @RequestParam(
					required = false) @Nullable String cursor,
			HttpServletRequest request) {
		refuseUnknownParameters(request, "limit", "cursor");
		ContactFilter filter = filters.toFilter();
		int size = Inputs.range("limit", limit, 50, 1, 500);
		ContactCursor after = decode(Inputs.text("cursor", cursor));
		List<StoredContact> rows = this.search.page(filter, (after != null) ? after.position() : null, size + 1);
		boolean more = rows.size() > size;
		List<StoredContact> page = more ? rows.subList(0, size) : rows;
		String next = null;
		if (more) {
			next = ContactCursor.after(page.get(page.size() - 1)).encode();
		}
		return new ContactPage(page.stream().map(ContactView::of).toList(), next);
	}

	@GetMapping("/count")
	@Operation(summary = "Count contacts", description = "How many contacts match every given filter.")
	ContactCount count(@ParameterObject ContactQueryParameters filters, HttpServletRequest request) {
		refuseUnknownParameters(request);
		return new ContactCount(this.search.count(filters.toFilter()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a contact by id")
	ContactView byId(@Parameter(description = "The contact's integer id.") @PathVariable long id,
			@Parameter(description = INCLUDE_DELETED) @RequestParam(defaultValue = "false") boolean includeDeleted) {
		return ContactView.of(this.search.byId(id, includeDeleted).orElseThrow(() -> notFound("id " + id)));
	}

	@GetMapping("/by-uuid/{uuid}")
	@Operation(summary = "Get a contact by UUID")
	ContactView byUuid(@Parameter(description = "The contact's v2 UUID.") @PathVariable String uuid,
			@Parameter(description = INCLUDE_DELETED) @RequestParam(defaultValue = "false") boolean includeDeleted) {
		String valid = Inputs.uuid("uuid", uuid);
		return ContactView.of(this.search.byUuid(valid, includeDeleted).orElseThrow(() -> notFound("this UUID")));
	}

	@GetMapping("/by-phone/{phone}")
	@Operation(summary = "Get a contact by phone",
			description = "The most recently updated contact with this phone (phones are not unique upstream).")
	ContactView byPhone(@Parameter(description = "E.164 digits; a leading + is ignored.") @PathVariable String phone,
			@Parameter(description = INCLUDE_DELETED) @RequestParam(defaultValue = "false") boolean includeDeleted) {
		String valid = Inputs.text("phone", phone);
		if (valid == null) {
			throw ApiProblem.badParameter("phone", "'phone' must not be blank.");
		}
		return ContactView.of(this.search.byPhone(valid, includeDeleted).orElseThrow(() -> notFound("this phone")));
	}

	@PostMapping("/refresh/{id}")
	@Operation(summary = "Refresh a contact from Heymarket now",
			description = "Fetches the contact from Heymarket at once and stores it if newer; a contact Heymarket "
					+ "no longer has is marked deleted. Full keys only; each key may refresh "
					+ "heymirror.api.refresh-per-minute times a minute, and while a sync runs refreshes together "
					+ "take at most 20% of the upstream request budget (429 with Retry-After beyond either).")
	RefreshResult refresh(@Parameter(description = "The contact's integer id.") @PathVariable long id,
			@Parameter(hidden = true) Authentication caller) {
		RefreshOutcome outcome;
		try {
			outcome = this.refreshes.onRequest(caller.getName(), Accounts.DEFAULT, id);
		}
		catch (ApiProblem ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw ApiProblem.upstreamUnavailable("Heymarket could not be asked for contact " + id + "; try again.", ex);
		}
		if (outcome.result() == RefreshOutcome.Result.NOT_FOUND) {
			throw ApiProblem.notFound("Neither Heymarket nor the mirror has contact " + id + ".");
		}
		StoredContact contact = this.search.byId(id, true).orElseThrow(() -> notFound("id " + id));
		log.info("Contact {} refreshed on request: {}", id, outcome.result());
		return new RefreshResult(outcome.result().name(), ContactView.of(contact));
	}

	/**
	 * The route's first spelling, kept for the integrations that call it. It is left out
	 * of the OpenAPI document: next to {@code /by-uuid/{uuid}} and
	 * {@code /by-phone/{phone}} its shape makes the paths ambiguous to generated clients.
	 */
	@Hidden
	@PostMapping("/{id}/refresh")
	RefreshResult refreshByItsFirstRoute(@PathVariable long id, Authentication caller) {
		return refresh(id, caller);
	}

	private static @Nullable ContactCursor decode(@Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			return ContactCursor.decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badParameter("cursor", "'cursor' must be a nextCursor returned by this API.");
		}
	}

	private static void refuseUnknownParameters(HttpServletRequest request, String... more) {
		for (String name : request.getParameterMap().keySet()) {
			if (!ContactQueryParameters.NAMES.contains(name) && !List.of(more).contains(name)) {
				String shown = (name.length() > 64) ? name.substring(0, 64) + "..." : name;
				throw ApiProblem.badParameter(shown, "Unknown parameter '" + shown + "'.");
			}
		}
	}

	private static ApiProblem notFound(String what) {
		return ApiProblem.notFound("No contact with " + what + ".");
	}

}
