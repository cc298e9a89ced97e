/**
 * Cross-cutting web plumbing: the single RFC 9457 error contract and the OpenAPI
 * document.
 */
package io.pinpointimport.system;
