/**
 * The local copy: the contact entity, its repository, batched never-regress upserts, soft
 * deletes and queries.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.heymirror.mirror;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
