package io.pinpointimport.standin.wire;

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

}
