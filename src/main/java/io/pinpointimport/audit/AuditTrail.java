package io.pinpointimport.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What features add to the audit record of the current request, e.g. the request id of
 * each AWS call they made. Outside a request (background work) it does nothing.
 */
public final class AuditTrail {

	static final String AWS_REQUEST_IDS = AuditTrail.class.getName() + ".awsRequestIds";

	private AuditTrail() {
	}

	/** Records the request id of an AWS call made for the current request. */
	public static void awsRequestId(String requestId) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (requestId == null || attributes == null) {
			return;
		}
		synchronized (AuditTrail.class) {
			@SuppressWarnings("unchecked")
			List<String> ids = (List<String>) attributes.getAttribute(AWS_REQUEST_IDS, RequestAttributes.SCOPE_REQUEST);
			if (ids == null) {
				ids = new ArrayList<>();
				attributes.setAttribute(AWS_REQUEST_IDS, ids, RequestAttributes.SCOPE_REQUEST);
			}
			ids.add(requestId);
		}
	}

}
