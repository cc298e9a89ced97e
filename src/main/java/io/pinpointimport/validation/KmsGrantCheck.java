package io.pinpointimport.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.pinpointimport.aws.AwsFailure;
import io.pinpointimport.imports.ImportPreflight;
import io.pinpointimport.imports.ImportProblem;
import io.pinpointimport.shared.S3Location;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Refuses, before Pinpoint is called, an import whose managed role could never read its
 * files: a file encrypted with SSE-KMS under a key the role may not use. Pinpoint needs
 * {@code kms:Decrypt} on the key to read such a file (S3 user guide, "Using server-side
 * encryption with AWS KMS keys"), and the role's only grants are the ones this service
 * declared, so the mistake is permanent, not IAM propagation. Roles this service does not
 * manage are not judged.
 */
@Component
class KmsGrantCheck implements ImportPreflight {

	private final S3Gateway s3;

	KmsGrantCheck(S3Gateway s3) {
		this.s3 = s3;
	}

	@Override
	public Optional<ImportProblem> check(Candidate candidate) {
		if (candidate.roleKmsKeyArns() == null) {
			return Optional.empty();
		}
		S3Location location = S3Location.parse(candidate.s3Url());
		List<StoredObject> files;
		try {
			files = this.s3.list(location.bucket(), location.prefix());
			if (files == null) {
				return Optional.empty();
			}
			String extension = "." + candidate.format().name().toLowerCase(Locale.ROOT);
			for (StoredObject file : files) {
				if (!file.key().toLowerCase(Locale.ROOT).endsWith(extension)) {
					continue;
				}
				String key = this.s3.kmsKeyOf(location.bucket(), file.key());
				if (key != null && !candidate.roleKmsKeyArns().contains(key)) {
					return Optional.of(cannotDecrypt(candidate, location.bucket(), file.key(), key));
				}
			}
		}
		catch (AwsFailure ex) {
			if (ex.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				throw ex;
			}
			// The service may not read the files itself: Pinpoint's own reading decides.
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static ImportProblem cannotDecrypt(Candidate candidate, String bucket, String key, String kmsKey) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roleName", candidate.roleName());
		properties.put("object", "s3://" + bucket + "/" + key);
		properties.put("kmsKeyArn", kmsKey);
		String granted = candidate.roleKmsKeyArns().isEmpty() ? "no KMS key" : candidate.roleKmsKeyArns().toString();
		return new ImportProblem("import-role-cannot-decrypt", "The import role may not decrypt the files",
				HttpStatus.UNPROCESSABLE_CONTENT.value(),
				"s3://" + bucket + "/" + key + " is encrypted with SSE-KMS under " + kmsKey + ", but role "
						+ candidate.roleName() + " may decrypt with " + granted
						+ ", so Pinpoint could never read it (kms:Decrypt). Re-declare the role with PUT /api/v1/import-roles/"
						+ candidate.roleName()
						+ " as SCOPED with this key in kmsKeyArns (and the location in s3Locations),"
						+ " then retry the import. Pinpoint was not called.",
				properties);
	}

}
