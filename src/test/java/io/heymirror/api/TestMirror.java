package io.heymirror.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.heymirror.heymarket.Account;
import io.heymirror.mirror.ChangeCause;
import io.heymirror.mirror.ChangeOrigin;
import io.heymirror.mirror.ContactData;
import io.heymirror.mirror.ContactDeletions;
import io.heymirror.mirror.ContactUpserter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts contacts into the mirror the way the sync does: upstream JSON in, typed columns
 * parsed from it, the JSON stored as {@code raw}. A bean of the shared test context.
 */
@TestComponent
public class TestMirror {

	/** The {@code updated} column of a contact whose JSON has none. */
	public static final Instant DEFAULT_UPDATED = Instant.parse("2024-01-01T00:00:00Z");

	private final ContactUpserter upserter;

	private final ContactDeletions deletions;

	private final TransactionTemplate transaction;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	TestMirror(ContactUpserter upserter, ContactDeletions deletions, TransactionTemplate transaction, JdbcTemplate jdbc,
			JsonMapper json) {
		this.upserter = upserter;
		this.deletions = deletions;
		this.transaction = transaction;
		this.jdbc = jdbc;
		this.json = json;
	}

	public void clear() {
		this.jdbc.execute("TRUNCATE contact");
	}

	public void store(String... rawContacts) {
		store(Arrays.asList(rawContacts));
	}

	public void store(List<String> rawContacts) {
		storeIn(Account.DEFAULT, rawContacts);
	}

	/** Contacts of the given account, as its sync would write them. */
	public void storeIn(String account, List<String> rawContacts) {
		ChangeOrigin origin = ChangeOrigin.of(account, ChangeCause.REFRESH);
		List<ContactData> page = rawContacts.stream().map(this::toData).toList();
		for (int from = 0; from < page.size(); from += 1000) {
			List<ContactData> chunk = page.subList(from, Math.min(page.size(), from + 1000));
			this.transaction
				.executeWithoutResult((status) -> this.upserter.upsert(chunk, Instant.now(), false, origin));
		}
	}

	public void delete(Long... ids) {
		deleteIn(Account.DEFAULT, ids);
	}

	public void deleteIn(String account, Long... ids) {
		ChangeOrigin origin = ChangeOrigin.of(account, ChangeCause.REFRESH);
		this.transaction
			.executeWithoutResult((status) -> this.deletions.softDelete(Arrays.asList(ids), Instant.now(), origin));
	}

	/** A realistic contact; {@code updated} is written exactly as given. */
	public static String contact(long id, String updated) {
		return """
				{"id": %d, "uuid": "00000000-0000-4000-8000-%012d", "display_name": "Contact %d", "first": "Zoë",
				 "last": "Number%d", "email": "c%d@example.com", "phone": "1510555%04d", "team_id": 7, "rev": 1,
				 "created": "2024-01-01T00:00:00Z", "updated": "%s", "is_opted_out": %s,
				 "custom": {"1": "x"}, "tags": []}""".formatted(id, id, id, id, id, id % 10000, updated, id % 5 == 0);
	}

	public static String resource(String name) {
		try (InputStream in = TestMirror.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ContactData toData(String raw) {
		JsonNode node = this.json.readTree(raw);
		return new ContactData(node.get("id").asLong(), text(node, "uuid"), text(node, "phone"), text(node, "email"),
				text(node, "display_name"), text(node, "first"), text(node, "last"),
				node.hasNonNull("is_opted_out") ? node.get("is_opted_out").asBoolean() : null,
				node.hasNonNull("team_id") ? node.get("team_id").asLong() : null, time(node, "created"),
				(time(node, "updated") != null) ? time(node, "updated") : DEFAULT_UPDATED,
				node.hasNonNull("rev") ? node.get("rev").asLong() : null, raw);
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asString() : null;
	}

	private static Instant time(JsonNode node, String field) {
		return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asString()).toInstant() : null;
	}

}
