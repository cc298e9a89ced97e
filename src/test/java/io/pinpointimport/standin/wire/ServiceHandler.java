package io.pinpointimport.standin.wire;

import java.util.List;

/**
 * One emulated AWS service: names the operation of a request, answers it, and knows how
 * that service says "throttled" and "internal error" on the wire.
 */
public interface ServiceHandler {

	/** The SigV4 signing name, e.g. {@code iam}, {@code s3}, {@code mobiletargeting}. */
	String service();

	/** The API operation the request invokes, e.g. {@code CreateRole}. */
	String operation(StandInRequest request);

	/** Answers the request. */
	StandInResponse handle(StandInRequest request, String operation);

	/** The service's throttling error for {@code operation}. */
	StandInResponse throttled(String operation);

	/** The service's internal (5xx) error for {@code operation}. */
	StandInResponse serverError(String operation);

	/**
	 * The authorizations the request needs from its caller's identity policy, given the
	 * signer's region; none by default.
	 */
	default List<Access> access(StandInRequest request, String operation, String region) {
		return List.of();
	}

	/** {@code error} in the service's own wire format. */
	StandInResponse refuse(ServiceError error);

}
