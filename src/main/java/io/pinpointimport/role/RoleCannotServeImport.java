package io.pinpointimport.role;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A managed role that cannot serve an import however long IAM takes to propagate: its
 * trust policy names another Pinpoint application, or a SCOPED role may not read the
 * import's location. Refused before any AWS call, naming the fix.
 */
class RoleCannotServeImport extends ProblemException {

	private RoleCannotServeImport(String roleName, String detail, String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "import-role-cannot-serve-import",
				"The import role cannot serve this import", detail, properties(roleName, reason));
	}

	static RoleCannotServeImport trustsAnotherApplication(String roleName, String trusted, String wanted) {
		return new RoleCannotServeImport(roleName,
				"Role " + roleName + " trusts only Pinpoint application " + trusted + ", not " + wanted
						+ ", so Pinpoint could never assume it for this import. Re-declare it with PUT "
						+ "/api/v1/import-roles/" + roleName + " and applicationId " + wanted
						+ " (or no applicationId, to trust every application of the account), or name another role.",
				"TRUSTS_ANOTHER_APPLICATION");
	}

	static RoleCannotServeImport cannotRead(String roleName, String location, Object readable) {
		return new RoleCannotServeImport(roleName,
				"Role " + roleName + " is SCOPED to " + readable + " and may not read " + location
						+ ". Add the location to its s3Locations with PUT /api/v1/import-roles/" + roleName
						+ ", or name a role that may read it.",
				"MISSING_S3_ACCESS");
	}

	private static Map<String, Object> properties(String roleName, String reason) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("roleName", roleName);
		properties.put("reason", reason);
		return properties;
	}

}
