package io.pinpointimport.imports;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.pinpointimport.support.EndToEndTest;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole application as {@link EndToEndTest}, with the short intervals of
 * {@code imports-e2e.properties} and external role ARNs allowed; all imports end-to-end
 * tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EndToEndTest
@TestPropertySource(locations = "classpath:" + ImportsEndToEndTest.PROPERTIES)
@interface ImportsEndToEndTest {

	/** The settings file, also handed to further application instances. */
	String PROPERTIES = "imports-e2e.properties";

}
