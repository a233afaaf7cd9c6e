package io.heymirror.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context the tests of several accounts share: the {@link IntegrationTest}
 * context with two more accounts, {@code east} and {@code west}, beside {@code default},
 * and caller keys bound to each ({@value #EAST_KEY} and the {@code sha256:} digest of
 * {@value #EAST_DIGEST_KEY} read {@code east}, {@value #WEST_KEY} reads {@code west}).
 * Their Heymarket is never asked (nothing listens at its address): the sync is off, and
 * tests put the accounts' contacts into the mirror themselves
 * ({@code TestMirror.storeIn}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = { "heymirror.accounts.east.api-key=east-upstream-key",
		"heymirror.accounts.east.base-url=http://127.0.0.1:9",
		"heymirror.accounts.east.api-keys=" + AccountsIntegrationTest.EAST_KEY
				+ ", sha256:efe775ac84b9cda9500566b82b490f8201e52c253b93f0d930ae491a319ce974",
		"heymirror.accounts.west.api-key=west-upstream-key", "heymirror.accounts.west.base-url=http://127.0.0.1:9",
		"heymirror.accounts.west.api-keys=" + AccountsIntegrationTest.WEST_KEY })
public @interface AccountsIntegrationTest {

	/** A key bound to {@code east}. */
	String EAST_KEY = "east-reader";

	/** A key bound to {@code east}, configured as its digest. */
	String EAST_DIGEST_KEY = "east-digest-reader";

	/** A key bound to {@code west}. */
	String WEST_KEY = "west-reader";

}
