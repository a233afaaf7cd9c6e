package io.heymirror.changes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.heymirror.mirror.ChangeLogProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/changes}: the change log as CloudEvents, from a cursor, with an
 * optional long poll, of every account or one. It takes the data API's caller keys, and
 * the API decides which accounts a caller reads ({@link ChangeFeedAccounts}).
 */
@RestController
@Tag(name = "Changes", description = "What changed in the mirror since a cursor, deletions included.")
@SecurityRequirement(name = "apiKey")
class ChangeFeedController {

	static final int MAX_LIMIT = 1000;

	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private static final Set<String> PARAMETERS = Set.of("after", "limit", "wait", "account");

	private static final Pattern SECONDS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,9})?");

	private final ChangeLogReader reader;

	private final ChangeSignal signal;

	private final ChangeLogProperties changeLog;

	private final DeletedContactAccess deletedContacts;

	private final ChangeFeedAccounts accounts;

	ChangeFeedController(ChangeLogReader reader, ChangeSignal signal, ChangeLogProperties changeLog,
			DeletedContactAccess deletedContacts, ChangeFeedAccounts accounts) {
		this.reader = reader;
		this.signal = signal;
		this.changeLog = changeLog;
		this.deletedContacts = deletedContacts;
		this.accounts = accounts;
	}

	@GetMapping(path = "/api/changes", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Read the changes of the mirror",
			description = "Changes to contacts (created, updated, deleted, restored) in the order to apply them, as "
					+ "CloudEvents. Pass 'next' as 'after' to read on. Without 'after', reading starts at the oldest "
					+ "retained change, which together with the rest gives every live contact. 'after=latest' "
					+ "returns no change and the head cursor (take it before listing the contacts, then follow). "
					+ "A cursor whose unread changes were purged gets 410 cursor-expired. 'account' limits the "
					+ "read to one account; cursors stay positions in the whole feed, so any 'next' may be "
					+ "followed with or without it. A key bound to one account reads only that account.")
	@ApiResponse(responseCode = "200", description = "Changes after the cursor.")
	@ApiResponse(responseCode = "410", description = "Changes this cursor had not read were purged: start over.",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ChangePage changes(
			@Parameter(description = "A 'next' from an earlier page, or 'latest'.") @RequestParam(
					required = false) @Nullable String after,
			@Parameter(description = "Changes per page, 1 to 1000.",
					schema = @Schema(defaultValue = "100", minimum = "1", maximum = "1000")) @RequestParam(
							defaultValue = "100") int limit,
			@Parameter(
					description = "When there is no change yet, wait this long for one (an ISO-8601 duration "
							+ "up to PT30S, or seconds).",
					schema = @Schema(defaultValue = "0", example = "PT30S")) @RequestParam(
							required = false) @Nullable String wait,
			@Parameter(
					description = "Only changes of this account (default: every account; a key bound to one "
							+ "account always reads that account, and naming another is 403).",
					example = "default") @RequestParam(required = false) @Nullable String account,
			HttpServletRequest request) throws InterruptedException {
		refuseUnknownParameters(request);
		if (!this.changeLog.enabled()) {
			throw ChangeFeedProblem.disabled();
		}
		String only = this.accounts.accountToRead(account);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ChangeFeedProblem.badParameter("limit", "'limit' must be from 1 to " + MAX_LIMIT + ".");
		}
		Duration waitFor = parseWait(wait);
		if (after != null && after.strip().equals("latest")) {
			return new ChangePage(List.of(), this.reader.head().encode(), false);
		}
		ChangeCursor cursor = parseAfter(after);
		long deadline = System.nanoTime() + waitFor.toNanos();
		while (true) {
			ChangeBatch batch = read(cursor, limit, only);
			long remaining = deadline - System.nanoTime();
			if (!batch.entries().isEmpty() || remaining <= 0
					|| !this.signal.awaitBeyond(batch.next().position(), Duration.ofNanos(remaining))) {
				return page(batch, !this.deletedContacts.currentCallerMayReadDeletedContacts());
			}
			cursor = batch.next();
		}
	}

	private ChangeBatch read(@Nullable ChangeCursor cursor, int limit, @Nullable String account) {
		try {
			return this.reader.read(cursor, limit, account);
		}
		catch (CursorExpiredException ex) {
			throw ChangeFeedProblem.cursorExpired();
		}
	}

	private static ChangePage page(ChangeBatch batch, boolean deletedDataIdOnly) {
		List<ChangeEvent> events = batch.entries()
			.stream()
			.map((entry) -> ChangeEvent.of(entry, deletedDataIdOnly))
			.toList();
		return new ChangePage(events, batch.next().encode(), batch.hasMore());
	}

	private static @Nullable ChangeCursor parseAfter(@Nullable String after) {
		if (after == null || after.isBlank()) {
			return null;
		}
		try {
			return ChangeCursor.decode(after.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ChangeFeedProblem.badParameter("after",
					"'after' must be a 'next' returned by this API, or 'latest'.");
		}
	}

	private static Duration parseWait(@Nullable String wait) {
		if (wait == null || wait.isBlank()) {
			return Duration.ZERO;
		}
		String text = wait.strip();
		Duration duration;
		try {
			duration = SECONDS.matcher(text).matches()
					? Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValueExact()) : Duration.parse(text);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			duration = null;
		}
		if (duration == null || duration.isNegative() || duration.compareTo(MAX_WAIT) > 0) {
			throw ChangeFeedProblem.badParameter("wait",
					"'wait' must be a duration from 0 to PT30S (ISO 8601, such as PT10S) or seconds (0 to 30, such as 2.5).");
		}
		return duration;
	}

	private static void refuseUnknownParameters(HttpServletRequest request) {
		for (String name : request.getParameterMap().keySet()) {
			if (!PARAMETERS.contains(name)) {
				String shown = (name.length() > 64) ? name.substring(0, 64) + "..." : name;
				throw ChangeFeedProblem.badParameter(shown, "Unknown parameter '" + shown + "'.");
			}
		}
	}

}
