package io.pinpointimport.imports;

import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * An application id that cannot be a Pinpoint application's: refused at once rather than
 * failing when Pinpoint is called.
 */
class ApplicationIdMalformed extends ProblemException {

	ApplicationIdMalformed(String applicationId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "application-id-malformed", "Not a Pinpoint application id",
				"applicationId: '" + applicationId + "' is not a Pinpoint application id. Copy the Project ID from the "
						+ "Pinpoint console (32 hexadecimal characters, e.g. 7f3b0c55a1e24c4b9b2f0d1e6a8c4d21) or "
						+ "from 'aws pinpoint get-apps'.",
				Map.of("errors", List.of(Map.of("field", "applicationId", "message",
						"must be a Pinpoint application id: 32 hexadecimal characters, got '" + applicationId + "'"))));
	}

}
