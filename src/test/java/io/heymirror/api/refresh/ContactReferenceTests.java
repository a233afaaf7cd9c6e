package io.heymirror.api.refresh;

import java.util.Optional;

import io.heymirror.api.refresh.ContactReference.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ContactReferenceTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'',
			textBlock = """
					{"phone": "15105553344"}                                         | PHONE | 15105553344
					{"phone": "+15105553344"}                                        | PHONE | 15105553344
					{"phone": 15105553344}                                           | PHONE | 15105553344
					{"target": "15105553344", "id": 5}                               | PHONE | 15105553344
					{"contact": {"id": 7, "phone": "15105553344"}}                   | PHONE | 15105553344
					{"conversation": {"target": "15105553344"}}                      | PHONE | 15105553344
					{"contact_id": 98765, "phone": "15105553344"}                    | PHONE | 15105553344
					{"contact_id": 98765}                                            | ID    | 98765
					{"contact_id": "98765", "target": "not a phone"}                 | ID    | 98765
					{"contact": {"id": 98765}}                                       | ID    | 98765
					{"contact_uuid": "a1b2c3d4-e5f6-7890-abcd-ef1234567890"}         | UUID  | a1b2c3d4-e5f6-7890-abcd-ef1234567890
					{"contact": {"uuid": "a1b2c3d4-e5f6-7890-abcd-ef1234567890"}}    | UUID  | a1b2c3d4-e5f6-7890-abcd-ef1234567890
					""")
	void findsThePhoneFirstThenTheIdThenTheUuid(String eventData, Kind kind, String value) {
		assertThat(ContactReference.find(this.json.readTree(eventData))).contains(new ContactReference(kind, value));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			{}
			{"id": 9980041, "text": "hello"}
			{"phone": "call me"}
			{"phone": {"number": "15105553344"}}
			{"contact_id": -5}
			{"contact_id": 1.5}
			{"uuid": "nope"}
			""")
	void findsNothingWhereNoContactIsNamed(String eventData) {
		assertThat(ContactReference.find(this.json.readTree(eventData))).isEqualTo(Optional.empty());
	}

	@ParameterizedTest
	@CsvSource({ "PHONE", "ID", "UUID" })
	void neverPrintsTheValue(Kind kind) {
		assertThat(new ContactReference(kind, "15105553344")).hasToString("ContactReference[" + kind + "]");
	}

}
