package io.heymirror.api.compatible;

/**
 * A request body of the Heymarket-compatible routes. Heymarket reads these bodies
 * leniently, so {@link CompatibleRequestConverter} reads them whatever the Content-Type.
 */
sealed interface CompatibleRequest
		permits ContactGetRequest, ContactsRequest, ContactsListV2Request, ContactsCountRequest {

}
