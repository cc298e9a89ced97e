package io.pinpointimport.role;

/**
 * Example bodies for the OpenAPI document, taken from real answers against the local
 * stand-in.
 */
final class ImportRoleExamples {

	static final String MANAGED_REQUEST = """
			{"applicationId": "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d",
			 "description": "Lets Pinpoint read audience files",
			 "tags": {"team": "growth"}}""";

	static final String SCOPED_REQUEST = """
			{"applicationId": "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d", "access": "SCOPED",
			 "s3Locations": ["s3://demo-audiences/endpoints/", "s3://demo-audiences/archive/2026/"],
			 "kmsKeyArns": ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}""";

	private static final String TRUST_POLICY = """
			{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
			  "Principal": {"Service": "pinpoint.amazonaws.com"}, "Action": "sts:AssumeRole",
			  "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"},
			    "ArnLike": {"aws:SourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d"}}}]}""";

	private static final String ROLE = """
			"roleName": "pinpoint-import-growth",
			 "arn": "arn:aws:iam::123456789012:role/pinpoint-import/pinpoint-import-growth",
			 "roleId": "AROASS2U7QBEMRWY5DWUS", "path": "/pinpoint-import/", "createdAt": "2026-05-04T09:30:34.000000Z",
			 "applicationId": "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d", "access": "S3_READ_ONLY_MANAGED",
			 "s3Locations": [], "kmsKeyArns": [], "description": "Lets Pinpoint read audience files",
			 "tags": {"team": "growth"},
			 "trustPolicy": """ + TRUST_POLICY + """
			,
			 "managedPolicyArns": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], "inlinePolicy": null,""";

	static final String CREATED = "{" + ROLE
			+ """
					"state": "PROPAGATING", "adopted": false, "drift": [],
					"actions": [
					 {"operation": "CreateRole", "parameters": {"RoleName": "pinpoint-import-growth", "Path": "/pinpoint-import/",
					   "Description": "Lets Pinpoint read audience files",
					   "Tags": {"managed-by": "pinpoint-import-service", "team": "growth"}},
					  "document": """
			+ TRUST_POLICY + """
					, "awsRequestId": "8c8b70ee-f703-451d-94e0-1a87e1badaff"},
					  {"operation": "AttachRolePolicy", "parameters": {"RoleName": "pinpoint-import-growth",
					    "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
					   "document": null, "awsRequestId": "f7aabc25-6392-41b1-acec-ee4a544bca77"}],
					 "dryRun": false}""";

	static final String UNCHANGED = "{" + ROLE + """
			"state": "READY", "adopted": false, "drift": [], "actions": [], "dryRun": false}""";

	static final String PLANNED = "{" + ROLE + """
			"state": "READY", "adopted": false,
			"drift": [{"kind": "MANAGED_POLICY_DETACHED",
			  "detail": "The managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess is not attached",
			  "expected": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "actual": null}],
			"actions": [{"operation": "AttachRolePolicy", "parameters": {"RoleName": "pinpoint-import-growth",
			  "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}, "document": null, "awsRequestId": null}],
			"dryRun": true}""";

	static final String DRIFTED = """
			{"roleName": "pinpoint-import-growth",
			 "arn": "arn:aws:iam::123456789012:role/pinpoint-import/pinpoint-import-growth",
			 "roleId": "AROASS2U7QBEMRWY5DWUS", "path": "/pinpoint-import/", "createdAt": "2026-05-04T09:30:34.000000Z",
			 "applicationId": "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d", "access": "S3_READ_ONLY_MANAGED",
			 "s3Locations": [], "kmsKeyArns": [], "description": "Lets Pinpoint read audience files",
			 "tags": {"team": "growth"},
			 "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
			   "Principal": {"Service": "pinpoint.amazonaws.com"}, "Action": "sts:AssumeRole",
			   "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]},
			 "managedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"], "inlinePolicy": null,
			 "state": "READY", "adopted": false,
			 "drift": [
			  {"kind": "TRUST_CONDITION_REMOVED", "detail": "The trust policy lost its aws:SourceArn condition",
			   "expected": {"ArnLike": {"aws:SourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d"}},
			   "actual": null},
			  {"kind": "MANAGED_POLICY_DETACHED",
			   "detail": "The managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess is not attached",
			   "expected": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "actual": null},
			  {"kind": "EXTRA_MANAGED_POLICY",
			   "detail": "The managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached but not declared",
			   "expected": null, "actual": "arn:aws:iam::aws:policy/AdministratorAccess"}],
			 "actions": [], "dryRun": false}""";

	static final String PAGE = """
			{"items": [{"roleName": "pinpoint-import-growth",
			  "arn": "arn:aws:iam::123456789012:role/pinpoint-import/pinpoint-import-growth",
			  "path": "/pinpoint-import/", "applicationId": "4fd1b7c0e5f64b8c9a3e2d1f0a9b8c7d",
			  "access": "S3_READ_ONLY_MANAGED", "createdAt": "2026-05-04T09:30:34.000000Z",
			  "declaredAt": "2026-05-04T09:30:35.058700Z", "declaredBy": "growth-dashboard", "state": "READY"}],
			 "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}""";

	private ImportRoleExamples() {
	}

}
