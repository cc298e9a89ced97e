package io.pinpointimport.imports;

import java.util.Map;
import java.util.UUID;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * An Idempotency-Key came back with a different body than the import it first created.
 */
class IdempotencyKeyReused extends ProblemException {

	IdempotencyKeyReused(String key, UUID existing) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				"The Idempotency-Key '" + key + "' was already used for import " + existing
						+ " with a different body. Send the same body to get that import back, or use a new key.",
				Map.of("importId", existing.toString()));
	}

}
