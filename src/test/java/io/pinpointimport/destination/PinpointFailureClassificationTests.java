package io.pinpointimport.destination;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ForbiddenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CreateImportJob refusals and failed jobs are told apart by the model's error code and
 * the wording AWS documents for access refusals, never by other words in the message.
 */
class PinpointFailureClassificationTests {

	private static final String ROLE = "arn:aws:iam::123456789012:role/pinpoint-import/importer";

	@Test
	void documentedAssumeRoleRefusalInABadRequestIsARoleNotAssumableYet() {
		assertThat(kind(badRequest(
				"User: pinpoint.amazonaws.com is not authorized to perform: sts:AssumeRole on " + "resource: " + ROLE)))
			.isEqualTo(DestinationFailure.Kind.ROLE_NOT_ASSUMABLE);
	}

	@Test
	void documentedS3AndKmsRefusalsOfTheRoleAreRoleNotAssumableYet() {
		assertThat(kind(badRequest("User: arn:aws:sts::123456789012:assumed-role/importer/s is not authorized to "
				+ "perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the "
				+ "s3:GetObject action")))
			.isEqualTo(DestinationFailure.Kind.ROLE_NOT_ASSUMABLE);
		assertThat(kind(badRequest("Access Denied"))).isEqualTo(DestinationFailure.Kind.ROLE_NOT_ASSUMABLE);
		assertThat(kind(badRequest("User: x is not authorized to perform: kms:Decrypt on resource: k")))
			.isEqualTo(DestinationFailure.Kind.ROLE_NOT_ASSUMABLE);
	}

	@Test
	void aBadRequestThatMerelyMentionsTheRoleIsRefusedForGood() {
		assertThat(kind(badRequest("RoleArn must be a valid role ARN"))).isEqualTo(DestinationFailure.Kind.REFUSED);
		assertThat(kind(badRequest("Unable to assume role " + ROLE))).isEqualTo(DestinationFailure.Kind.REFUSED);
		// Pinpoint user guide, "Troubleshooting segments": a file in the wrong format
		assertThat(kind(badRequest(
				"The data we received didn't match the format we expected for the " + "createImportJob operation.")))
			.isEqualTo(DestinationFailure.Kind.REFUSED);
	}

	@Test
	void theServicesOwnMissingPassRoleIsRefusedForGoodNotRetried() {
		ForbiddenException forbidden = (ForbiddenException) ForbiddenException.builder()
			.statusCode(403)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("ForbiddenException")
				.errorMessage("User: arn:aws:iam::123456789012:user/service is not authorized to perform: "
						+ "iam:PassRole on resource: " + ROLE)
				.build())
			.build();
		assertThat(PinpointDestination.failure("CreateImportJob", forbidden).kind())
			.isEqualTo(DestinationFailure.Kind.REFUSED);
	}

	@Test
	void aFailedJobIsARoleAccessFailureOnlyWithADocumentedRefusalOfTheRole() {
		assertThat(new PinpointDestination(null).failedForRoleAccess(failedJob(List
			.of("User: arn:aws:sts::123456789012:assumed-role/importer/s is not authorized to perform: s3:ListBucket "
					+ "on resource: arn:aws:s3:::b"))))
			.isTrue();
		assertThat(new PinpointDestination(null)
			.failedForRoleAccess(failedJob(List.of("Line 3: Address is not a valid E.164 phone number")))).isFalse();
		assertThat(new PinpointDestination(null).failedForRoleAccess(failedJob(
				List.of("User: x is not authorized to perform: mobiletargeting:GetImportJob on resource: y"))))
			.isFalse();
	}

	private static DestinationFailure.Kind kind(BadRequestException exception) {
		return PinpointDestination.failure("CreateImportJob", exception).kind();
	}

	private static BadRequestException badRequest(String message) {
		return (BadRequestException) BadRequestException.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("BadRequestException").errorMessage(message).build())
			.build();
	}

	private static Job failedJob(List<String> failures) {
		return new Job("job-1", null, "FAILED", Job.Phase.FINISHED_FAILED, null, null, 1, 0, 1, 0, 0, failures);
	}

}
