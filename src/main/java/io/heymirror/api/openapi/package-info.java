/**
 * The OpenAPI document of both read APIs.
 */
@NullMarked
package io.heymirror.api.openapi;

import org.jspecify.annotations.NullMarked;
