/**
 * Audit trail: who called what, on which resource, with what outcome and which AWS
 * request ids; readable through {@code GET /api/v1/audit}.
 */
package io.pinpointimport.audit;
