package io.heymirror.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A change as a CloudEvents 1.0 event in structured JSON: what {@code GET /api/changes}
 * serves and what a sink delivers. Consumers key contacts on ({@code source},
 * {@code subject}).
 *
 * @param specversion always {@code 1.0}
 * @param id unique and stable however often the event is read
 * @param source {@code heymirror/<account>}
 * @param type {@code io.heymirror.contact.created}, {@code .updated}, {@code .deleted} or
 * {@code .restored}
 * @param subject the contact's id
 * @param time the changing transaction's timestamp (RFC 3339)
 * @param datacontenttype always {@code application/json}
 * @param data the contact after the change exactly as the Heymarket-compatible routes
 * serve it; for a deletion, the last known contact
 * @param changedfields top-level fields that changed, comma-separated (updates only)
 * @param cause why the mirror changed
 * @param version the contact's change counter: higher is newer
 */
@Schema(name = "ChangeEvent", description = "A change of the mirror as a CloudEvents 1.0 event (structured JSON).")
public record ChangeEvent(@Schema(example = "1.0") String specversion, @Schema(example = "1042") String id,
		@Schema(example = "heymirror/default") String source, @Schema(allowableValues = {
				"io.heymirror.contact.created", "io.heymirror.contact.updated", "io.heymirror.contact.deleted",
				"io.heymirror.contact.restored" }) String type,
		@Schema(description = "The contact's id.", example = "98765") String subject,
		@Schema(example = "2026-11-30T10:46:45.118123Z") String time,
		@Schema(example = "application/json") String datacontenttype,
		@Schema(type = "object", description = "The contact exactly as the Heymarket-compatible routes serve it (for "
				+ "a deletion, the last known contact; for a read-only key, just its id).") @JsonRawValue String data,
		@Schema(description = "Top-level fields that changed, comma-separated (updates only).",
				example = "email,rev,updated") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String changedfields,
		@Schema(allowableValues = { "walk", "repair", "reconcile", "webhook", "refresh", "full-resync",
				"baseline" }) String cause,
		@Schema(description = "The contact's change counter: a higher version is a newer state.",
				example = "3") long version){

	/**
	 * The event of a log entry; a deleted contact's data is reduced to its id if asked.
	 */
	public static ChangeEvent of(ChangeEntry entry, boolean deletedDataIdOnly) {
		String data = (deletedDataIdOnly && entry.operation() == ChangeOperation.DELETED)
				? "{\"id\":" + entry.contactId() + "}" : entry.contact();
		return new ChangeEvent("1.0", Long.toString(entry.seq()), "heymirror/" + entry.account(),
				entry.operation().eventType(), Long.toString(entry.contactId()), entry.time().toString(),
				"application/json", data, entry.changedFields(), entry.cause(), entry.version());
	}

}
