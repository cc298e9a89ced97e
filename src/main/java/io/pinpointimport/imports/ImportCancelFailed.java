package io.pinpointimport.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The destination did not stop a running job on cancel: refused (e.g. the service's
 * identity lacks the permission) is a 502 naming the destination's words, throttled or
 * unreachable a 503 to retry; the import keeps running either way.
 */
class ImportCancelFailed extends ProblemException {

	private ImportCancelFailed(HttpStatus status, String type, String title, String detail,
			Map<String, Object> properties) {
		super(status, type, title, detail, properties);
	}

	static ImportCancelFailed of(UUID id, String destination, DestinationFailure failure) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("importId", id.toString());
		if (failure.errorCode() != null) {
			properties.put("awsErrorCode", failure.errorCode());
		}
		if (failure.requestId() != null) {
			properties.put("awsRequestId", failure.requestId());
		}
		boolean temporary = failure.kind() == DestinationFailure.Kind.THROTTLED
				|| failure.kind() == DestinationFailure.Kind.IN_DOUBT;
		ImportCancelFailed problem = new ImportCancelFailed(
				temporary ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
				temporary ? "import-cancel-unavailable" : "import-cancel-refused",
				"The running job could not be stopped",
				destination + " did not stop the job of import " + id + " (the import keeps running): "
						+ failure.destinationMessage()
						+ (temporary ? " Retry the cancel in a few seconds."
								: " Grant the service's identity what the message names, then cancel again."),
				properties);
		if (temporary) {
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		}
		return problem;
	}

}
