package io.pinpointimport.aws;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one classification of a failed AWS call, used by the gateways, the destination and
 * the call metrics.
 *
 * @param kind what kind of failure it is
 * @param statusCode the HTTP status AWS answered, or 0 when there was no answer
 * @param errorCode the AWS error code, or null
 * @param requestId the AWS request id, or null
 * @param message AWS's error message, or the client-side failure's message
 */
public record AwsError(Kind kind, int statusCode, String errorCode, String requestId, String message) {

	/** The kinds of failure the service reacts to differently. */
	public enum Kind {

		/** Too many requests: retry later (HTTP 429 or a throttling error code). */
		THROTTLED,
		/** AWS failed (HTTP 5xx): the request may or may not have taken effect. */
		SERVER_ERROR,
		/** The named resource does not exist (HTTP 404 or a not-found error code). */
		NOT_FOUND,
		/** The caller's identity may not make the call (HTTP 403 or access denied). */
		ACCESS_DENIED,
		/** The request is invalid (HTTP 400 validation error codes). */
		VALIDATION,
		/** The resource changed or exists already, or a limit is hit (HTTP 409). */
		CONFLICT,
		/** Another client error. */
		CLIENT_ERROR,
		/** No answer: AWS could not be reached or the connection broke. */
		UNREACHABLE

	}

	// Throttling codes across the query (IAM, STS: Throttling), JSON/REST (Pinpoint:
	// TooManyRequestsException, HTTP 429) and S3 (SlowDown, HTTP 503) protocols, as the
	// botocore models and the SDK's own retry conditions name them.
	private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
			"TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
			"SlowDown", "ProvisionedThroughputExceededException", "TransactionInProgressException",
			"BandwidthLimitExceeded", "PriorRequestNotComplete", "EC2ThrottledException");

	// IAM: NoSuchEntity; S3: NoSuchBucket, NoSuchKey; Pinpoint: NotFoundException.
	private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "NoSuchBucket", "NoSuchKey",
			"NotFoundException", "ResourceNotFoundException");

	private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
			"ForbiddenException", "UnauthorizedOperation");

	// IAM: ConcurrentModification, EntityAlreadyExists, LimitExceeded, DeleteConflict
	// (all HTTP 409 in the IAM model); Pinpoint: ConflictException.
	private static final Set<String> CONFLICT = Set.of("ConcurrentModification", "ConcurrentModificationException",
			"ConflictException", "EntityAlreadyExists", "LimitExceeded", "DeleteConflict");

	// IAM: ValidationError, InvalidInput, MalformedPolicyDocument; Pinpoint:
	// BadRequestException; the JSON protocols: ValidationException.
	private static final Set<String> VALIDATION = Set.of("ValidationError", "ValidationException", "InvalidInput",
			"MalformedPolicyDocument", "BadRequestException", "InvalidParameterValue", "InvalidRequest");

	/** Classifies {@code failure}, an exception an SDK client threw. */
	public static AwsError of(Throwable failure) {
		if (!(failure instanceof SdkServiceException service)) {
			return new AwsError(Kind.UNREACHABLE, 0, null, null, String.valueOf(failure.getMessage()));
		}
		String code = null;
		String message = String.valueOf(service.getMessage());
		if (service instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
			code = aws.awsErrorDetails().errorCode();
			if (aws.awsErrorDetails().errorMessage() != null) {
				message = aws.awsErrorDetails().errorMessage();
			}
		}
		return new AwsError(kind(service, code), service.statusCode(), code, service.requestId(), message);
	}

	/** Whether {@code failure} is throttling; for the SDK's retry strategy. */
	public static boolean isThrottling(Throwable failure) {
		return of(failure).kind() == Kind.THROTTLED;
	}

	private static Kind kind(SdkServiceException service, String code) {
		int status = service.statusCode();
		if (service.isThrottlingException() || status == 429 || (code != null && THROTTLING.contains(code))) {
			return Kind.THROTTLED;
		}
		if (status >= 500 || status == 0) {
			return Kind.SERVER_ERROR;
		}
		if (status == 404 || (code != null && NOT_FOUND.contains(code))) {
			return Kind.NOT_FOUND;
		}
		if (status == 403 || (code != null && ACCESS_DENIED.contains(code))) {
			return Kind.ACCESS_DENIED;
		}
		if (status == 409 || (code != null && CONFLICT.contains(code))) {
			return Kind.CONFLICT;
		}
		if (code != null && VALIDATION.contains(code)) {
			return Kind.VALIDATION;
		}
		return Kind.CLIENT_ERROR;
	}

}
