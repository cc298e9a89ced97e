/**
 * Cross-cutting web plumbing: the single RFC 9457 error contract and the OpenAPI
 * document.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.pinpointimport.system;

import org.springframework.modulith.ApplicationModule;
