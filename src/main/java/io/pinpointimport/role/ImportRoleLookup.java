package io.pinpointimport.role;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pinpointimport.shared.S3Location;

/**
 * What the imports feature may ask of the roles feature: the ARN of a role this service
 * manages.
 */
public interface ImportRoleLookup {

	/**
	 * The ARN of the managed role named {@code roleName}, or empty when none is managed
	 * here.
	 */
	Optional<String> managedRoleArn(String roleName);

	/**
	 * The ARN of the managed role named {@code roleName}, checked to be able to serve an
	 * import of {@code applicationId} reading {@code location}: a role whose trust names
	 * another application, or a SCOPED role that may not read the location, is refused
	 * (422) before any AWS call; empty when none is managed here.
	 */
	Optional<String> usableRoleArn(String roleName, String applicationId, S3Location location);

	/**
	 * When the last IAM change this service made to the managed role {@code roleName} is
	 * taken to have propagated (that change plus the settle time); empty when none is
	 * managed here or it was never changed.
	 */
	Optional<Instant> settledAt(String roleName);

	/**
	 * The KMS keys the managed role {@code roleName} may decrypt with: its declared
	 * {@code kmsKeyArns}, none for the AWS managed {@code AmazonS3ReadOnlyAccess} (which
	 * grants no {@code kms:Decrypt}); empty when none is managed here.
	 */
	Optional<List<String>> kmsKeyArns(String roleName);

}
