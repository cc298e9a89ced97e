package io.pinpointimport.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port over real HTTP, with embedded PostgreSQL and the
 * AWS stand-in, in the {@code test} profile (test credentials of {@link TestCredentials}
 * and {@link TestJwt}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalInfrastructure.class)
@ActiveProfiles("test")
public @interface EndToEndTest {

}
