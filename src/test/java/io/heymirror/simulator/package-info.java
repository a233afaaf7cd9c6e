/**
 * A stateful, in-process fake of Heymarket's six contact read endpoints in which every
 * undocumented semantic (docs/simulator.md lists them) can be switched at runtime. Test
 * sources only: it never ships in the application jar. Start with
 * {@link HeymarketSimulator}.
 */
@NullMarked
package io.heymirror.simulator;

import org.jspecify.annotations.NullMarked;
