/**
 * What operators watch: health indicators beyond Spring Boot's own (AWS reachability) and
 * their settings.
 */
@ApplicationModule(allowedDependencies = { "aws", "system" })
package io.pinpointimport.observability;

import org.springframework.modulith.ApplicationModule;
