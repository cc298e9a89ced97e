package io.pinpointimport.guardrail;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.pinpointimport.support.EndToEndTest;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole application as {@link EndToEndTest}, with every guard-rail set
 * ({@code guardrails-e2e.properties}); the security tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EndToEndTest
@TestPropertySource(locations = "classpath:guardrails-e2e.properties")
public @interface WithGuardRails {

}
