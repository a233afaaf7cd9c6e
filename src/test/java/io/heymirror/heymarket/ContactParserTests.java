package io.heymirror.heymarket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Parsing without HTTP: the shapes, types and encodings upstream may send. */
class ContactParserTests {

	private final ContactParser parser = new ContactParser(JsonMapper.builder().build());

	@ParameterizedTest
	@CsvSource({ "2024-06-01T12:00:00Z, 2024-06-01T12:00:00Z, 0", "2024-06-01T12:00:00.1Z, 2024-06-01T12:00:00.100Z, 1",
			"2024-06-01T12:00:00.123456789Z, 2024-06-01T12:00:00.123456789Z, 9",
			"2024-06-01T12:00:00+00:00, 2024-06-01T12:00:00Z, 0",
			"2024-06-01T05:00:00.000001-07:00, 2024-06-01T12:00:00.000001Z, 6",
			"2024-06-01T14:00:00+0200, 2024-06-01T12:00:00Z, 0", "2024-06-01t12:00:00z, 2024-06-01T12:00:00Z, 0",
			"2024-06-01 12:00:00.120Z, 2024-06-01T12:00:00.120Z, 3" })
	void readsRfc3339TimesWithAnyPrecisionAndOffset(String text, String expected, int digits) {
		HeymarketContact contact = this.parser.contact(bytes("{\"id\": 1, \"updated\": \"" + text + "\"}"));

		assertThat(contact.updated()).isEqualTo(Instant.parse(expected));
		assertThat(contact.updatedText()).isEqualTo(text);
		assertThat(contact.updatedDigits()).as("precision as written").isEqualTo(digits);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-06-01", "2024-06-01T12:00:00", "2024-13-01T12:00:00Z", "1717243200", "" })
	void rejectsAnElementWhoseUpdatedIsNotRfc3339(String text) {
		ContactPage page = this.parser.page(bytes("[{\"id\": 7, \"updated\": \"" + text + "\"}]"), null);

		assertThat(page.contacts()).isEmpty();
		assertThat(page.rejected()).singleElement().satisfies((rejected) -> assertThat(rejected.id()).isEqualTo("7"));
	}

	@Test
	void acceptsNumericStringsAndIgnoresUnusableOptionalFields() {
		HeymarketContact contact = this.parser.contact(bytes("""
				{"id": "12", "rev": "3", "team_id": 1.5, "creator_id": {"id": 1}, "shared": 1, "created": 42,
				 "is_opted_out": "TRUE", "phone": 15105550000, "email": ["a"], "updated": "2024-06-01T12:00:00Z"}"""));

		assertThat(contact.id()).isEqualTo(12);
		assertThat(contact.rev()).isEqualTo(3);
		assertThat(contact.teamId()).isNull();
		assertThat(contact.creatorId()).isNull();
		assertThat(contact.shared()).isNull();
		assertThat(contact.created()).isNull();
		assertThat(contact.optedOut()).isTrue();
		assertThat(contact.phone()).isEqualTo("15105550000");
		assertThat(contact.email()).isNull();
	}

	@Test
	void readsAPageWrappedInAnObject() {
		ContactPage page = this.parser.page(bytes("""
				{"meta": {"contacts": 1}, "data": [{"id": 1, "updated": "2024-06-01T12:00:00Z"}], "next": null}"""),
				"r");

		assertThat(page.contacts()).extracting(HeymarketContact::id).containsExactly(1L);
	}

	@Test
	void keepsTheExactTextOfEachElementWhateverTheWhitespace() {
		String first = "{ \"id\" : 1 ,\n\t\"updated\":\"2024-06-01T12:00:00Z\", \"n\": 1.10E+2 }";
		String second = "{\"id\":2,\"updated\":\"2024-06-01T12:00:00Z\",\"s\":\"\\u0000\\udc00\\\"\"}";

		ContactPage page = this.parser.page(bytes("\uFEFF[\n" + first + " ,\r\n" + second + "]\n"), null);

		assertThat(page.contacts()).extracting(HeymarketContact::rawJson).containsExactly(first, second);
	}

	@Test
	void rejectsElementsThatAreNotObjects() {
		ContactPage page = this.parser.page(bytes("[null, 1, \"x\", [], {\"id\": 1}]"), null);

		assertThat(page.contacts()).isEmpty();
		assertThat(page.size()).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[{\"id\": 1, \"upd", "[{\"id\": 1}", "\"10", "<html>Bad gateway</html>", "[1,]" })
	void reportsABodyThatIsNotJsonAsMalformed(String body) {
		assertThatExceptionOfType(ContactParser.MalformedJson.class)
			.isThrownBy(() -> this.parser.page(bytes(body), null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"error\": \"nope\"}", "\"text\"", "12" })
	void reportsJsonThatIsNotAListAsUnexpected(String body) {
		assertThatExceptionOfType(ContactParser.UnexpectedJson.class)
			.isThrownBy(() -> this.parser.page(bytes(body), null));
	}

	@Test
	void reportsASingleContactWithoutUpdatedAsUnexpected() {
		assertThatExceptionOfType(ContactParser.UnexpectedJson.class)
			.isThrownBy(() -> this.parser.contact(bytes("{\"id\": 98765, \"phone\": \"15105553344\"}")))
			.withMessageContaining("no updated");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "\"1042\"|1042", "1042|1042", "\" 7 \"|7", "{\"count\": \"9\"}|9", "\"0\"|0" })
	void readsTheCountInEveryShape(String body, long expected) {
		assertThat(this.parser.count(bytes(body))).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"many\"", "-1", "1.5", "[]", "{\"total\": 3}", "null" })
	void reportsAnUnreadableCountAsUnexpected(String body) {
		assertThatExceptionOfType(ContactParser.UnexpectedJson.class).isThrownBy(() -> this.parser.count(bytes(body)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
