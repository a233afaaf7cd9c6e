package io.heymirror.delivery;

import java.util.List;

/**
 * Sinks made from settings rather than declared one bean each (the webhook subscribers of
 * {@code heymirror.changes.webhooks.*}). The framework delivers to these as to
 * {@link ChangeSink} beans.
 */
public interface ChangeSinks {

	List<ChangeSink> sinks();

}
