package io.pinpointimport.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Cancelling a running import failed because its destination did not stop the job: 503
 * while the destination is throttling or failing (the import keeps running; cancel
 * again), 502 when it refused.
 */
class JobNotStopped extends ProblemException {

	private JobNotStopped(HttpStatus status, String type, String title, String detail, Map<String, ?> properties) {
		super(status, type, title, detail, properties);
	}

	static JobNotStopped of(UUID id, String destination, DestinationFailure failure) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("importId", id.toString());
		properties.put("awsErrorCode", failure.errorCode());
		properties.put("awsRequestId", failure.requestId());
		boolean passing = failure.kind() == DestinationFailure.Kind.THROTTLED
				|| failure.kind() == DestinationFailure.Kind.IN_DOUBT;
		if (passing) {
			JobNotStopped unavailable = new JobNotStopped(HttpStatus.SERVICE_UNAVAILABLE, "destination-unavailable",
					destination + " is unavailable",
					destination + " did not stop the job of import " + id + " (" + failure.destinationMessage()
							+ "); the import is still RUNNING. Cancel again in a few seconds.",
					properties);
			unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			return unavailable;
		}
		return new JobNotStopped(HttpStatus.BAD_GATEWAY, "job-not-stopped", destination + " did not stop the job",
				destination + " refused to stop the job of import " + id + ": " + failure.destinationMessage(),
				properties);
	}

}
