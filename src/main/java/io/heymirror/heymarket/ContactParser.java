package io.heymirror.heymarket;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns response bodies into records with one streaming pass. A body that is not JSON at
 * all (truncated, empty) is {@link MalformedJson}, which the client retries; JSON of an
 * unexpected shape is {@link UnexpectedJson}, which retrying cannot fix.
 */
final class ContactParser {

	private final JsonMapper json;

	ContactParser(JsonMapper json) {
		this.json = json;
	}

	/**
	 * A list response: a JSON array of contacts, or an object wrapping one under
	 * {@code contacts}, {@code data} or {@code items}.
	 */
	ContactPage page(byte[] body, @Nullable String requestId) {
		List<HeymarketContact> contacts = new ArrayList<>();
		List<ContactPage.RejectedContact> rejected = new ArrayList<>(0);
		try (JsonParser parser = this.json.createParser(body)) {
			JsonToken root = first(parser);
			if (root == JsonToken.START_OBJECT && !enterWrappedArray(parser)) {
				throw unexpected(parser, "a JSON object without a contacts array");
			}
			else if (root != JsonToken.START_OBJECT && root != JsonToken.START_ARRAY) {
				throw unexpected(parser, "a JSON " + root + " where a contact list was expected");
			}
			JsonToken token;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new MalformedJson(null);
				}
				if (token == JsonToken.START_OBJECT) {
					add(ContactReader.read(parser, body), contacts, rejected);
				}
				else {
					parser.skipChildren();
					rejected.add(new ContactPage.RejectedContact(null, "not a JSON object"));
				}
			}
			return new ContactPage(contacts, rejected, requestId);
		}
		catch (StreamReadException ex) {
			throw new MalformedJson(ex);
		}
	}

	/** A single-contact response: the contact object itself. */
	HeymarketContact contact(byte[] body) {
		try (JsonParser parser = this.json.createParser(body)) {
			JsonToken root = first(parser);
			if (root != JsonToken.START_OBJECT) {
				throw unexpected(parser, "a JSON " + root + " where a contact object was expected");
			}
			Object read = ContactReader.read(parser, body);
			if (read instanceof ContactPage.RejectedContact rejected) {
				throw new UnexpectedJson("a contact that cannot be mirrored (" + rejected.reason() + ")");
			}
			return (HeymarketContact) read;
		}
		catch (StreamReadException ex) {
			throw new MalformedJson(ex);
		}
	}

	/**
	 * The count: a JSON string such as {@code "1042"}, a number, or {@code {"count": n}}.
	 */
	long count(byte[] body) {
		try (JsonParser parser = this.json.createParser(body)) {
			JsonToken token = first(parser);
			if (token == JsonToken.START_OBJECT) {
				token = null;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					boolean isCount = "count".equals(parser.currentName());
					JsonToken value = parser.nextToken();
					if (isCount) {
						token = value;
						break;
					}
					parser.skipChildren();
				}
			}
			Long count = (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT)
					? ContactReader.parseLong(parser.getString()) : null;
			if (count == null || count < 0) {
				throw unexpected(parser, "a count that is not a non-negative integer");
			}
			return count;
		}
		catch (StreamReadException ex) {
			throw new MalformedJson(ex);
		}
	}

	private static JsonToken first(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token == null) {
			throw new MalformedJson(null);
		}
		return token;
	}

	/**
	 * Reads to the end first: a document cut short is malformed (worth a retry) whatever
	 * its shape so far.
	 */
	private static UnexpectedJson unexpected(JsonParser parser, String message) {
		while (parser.nextToken() != null) {
			// a syntax error or early end throws here
		}
		return new UnexpectedJson(message);
	}

	/** Moves into the first array under a wrapper key; false if there is none. */
	private static boolean enterWrappedArray(JsonParser parser) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.START_ARRAY
					&& ("contacts".equals(name) || "data".equals(name) || "items".equals(name))) {
				return true;
			}
			parser.skipChildren();
		}
		return false;
	}

	private static void add(Object read, List<HeymarketContact> contacts, List<ContactPage.RejectedContact> rejected) {
		if (read instanceof HeymarketContact contact) {
			contacts.add(contact);
		}
		else {
			rejected.add((ContactPage.RejectedContact) read);
		}
	}

	/** A 200 whose body is not JSON (truncated, empty): worth another attempt. */
	static final class MalformedJson extends RuntimeException {

		MalformedJson(@Nullable Throwable cause) {
			super("the body is not valid JSON", cause, false, false);
		}

	}

	/** Valid JSON of a shape the client does not understand: retrying will not help. */
	static final class UnexpectedJson extends RuntimeException {

		UnexpectedJson(String message) {
			super("the body is " + message, null, false, false);
		}

	}

}
