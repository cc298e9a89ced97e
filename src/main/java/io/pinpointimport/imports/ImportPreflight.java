package io.pinpointimport.imports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

/**
 * A check every import passes after it is stored and before it takes a job slot (e.g.
 * pre-flight validation of its files). Runs on a worker, outside any transaction, once
 * per import and run; while it runs the import stays {@code QUEUED}.
 */
public interface ImportPreflight {

	/**
	 * Empty when the import may be submitted; otherwise the problem it fails with - no
	 * destination call is made for it.
	 */
	Optional<ImportProblem> check(Candidate candidate);

	/**
	 * The import being checked.
	 *
	 * @param roleName the managed role the import uses, or null
	 * @param roleKmsKeyArns the KMS keys that managed role may decrypt with, or null when
	 * the role is not managed here (nothing is known of it)
	 */
	record Candidate(UUID importId, String applicationId, String s3Url, FileFormat format, FileValidation validation,
			String roleName, List<String> roleKmsKeyArns) {

	}

}
