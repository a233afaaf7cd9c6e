package io.heymirror.mirror;

import java.time.Instant;

/**
 * A place in the {@code (updated, id)} order of contacts: a page of
 * {@link ContactQueries#page} continues strictly after it.
 *
 * @param updated a contact's {@code updated}
 * @param id its id
 */
public record ContactPosition(Instant updated, long id) {

}
