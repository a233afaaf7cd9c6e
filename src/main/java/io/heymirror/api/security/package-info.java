/**
 * Who may call what: API keys, open mode, the security filter chain.
 */
@NullMarked
package io.heymirror.api.security;

import org.jspecify.annotations.NullMarked;
