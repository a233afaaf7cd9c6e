package io.heymirror.mirror;

import java.time.Instant;

/**
 * A place in the {@code (updated, account, id)} order of contacts: a page of
 * {@link ContactQueries#page} continues strictly after it.
 *
 * @param updated a contact's {@code updated}
 * @param account its account
 * @param id its id
 */
public record ContactPosition(Instant updated, String account, long id) {

}
