/**
 * A stateful, in-process fake of Heymarket's six contact read endpoints in which every
 * <<<<<<< HEAD undocumented semantic (see {@code docs/sync.md}) can be switched at
 * runtime. Test ======= undocumented semantic (docs/simulator.md lists them) can be
 * switched at runtime. Test >>>>>>> main sources only: it never ships in the application
 * jar. Start with {@link HeymarketSimulator}.
 */
@NullMarked
package io.heymirror.simulator;

import org.jspecify.annotations.NullMarked;
