/**
 * Heymarket's six contact read routes served from the mirror, bodies read as Heymarket
 * reads them.
 */
@NullMarked
package io.heymirror.api.compatible;

import org.jspecify.annotations.NullMarked;
