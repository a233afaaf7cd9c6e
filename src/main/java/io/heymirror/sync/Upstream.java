package io.heymirror.sync;

import java.util.Optional;

import io.heymirror.heymarket.ContactPage;
import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.V2ListRequest;
import org.jspecify.annotations.Nullable;

/**
 * The upstream calls the walk, the checks and the repairs make. Production goes through
 * the Heymarket client; tests drive the same logic over an in-process upstream, thousands
 * of seeded behaviours in seconds.
 */
interface Upstream {

	/** {@code POST /v1/contacts} from {@code date} (null: from the start). */
	ContactPage listV1(@Nullable String date);

	/** {@code POST /v2/contacts/list}. */
	ContactPage listV2(V2ListRequest request);

	/** {@code POST /v1/contacts/count} with {@code date} (null: all). */
	long count(@Nullable String date);

	/** {@code GET /v1/contact/{id}}; empty when upstream says it does not exist. */
	Optional<HeymarketContact> byId(long id);

}
