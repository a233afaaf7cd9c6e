/**
 * The scheduled sync: pager strategies, the resumable watermark, completeness checks and
 * repair, run history.
 */
@ApplicationModule(allowedDependencies = { "heymarket", "mirror" })
@NullMarked
package io.heymirror.sync;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
