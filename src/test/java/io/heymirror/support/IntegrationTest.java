package io.heymirror.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.heymirror.api.TestMirror;
import io.heymirror.sync.SyncHarness;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context most tests share: the whole application on the shared test
 * PostgreSQL, with the scheduled sync off (tests start runs themselves). Keep the
 * configuration identical across classes so the context cache reuses it. An autowired
 * {@code RestTestClient} calls the running server without credentials. Test-only beans
 * are {@code @TestComponent}s imported here, never picked up by component scanning.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Import({ TestDatabaseConfiguration.class, TestMirror.class, SyncHarness.class })
@ActiveProfiles("test")
public @interface IntegrationTest {

}
