/**
 * What operators watch: health indicators beyond Spring Boot's own (AWS reachability) and
 * their settings.
 */
package io.pinpointimport.observability;
