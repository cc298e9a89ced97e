package io.pinpointimport.standin.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pinpointimport.standin.AwsCli;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.sts.StsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class IamStandInTest {

	static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"}}]}""";

	static final String READ_BUCKET = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::audiences/*"}]}""";

	static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

	static final AwsStandIn standIn = AwsStandIn.start(0);

	final IamClient iam = standIn.iamClient();

	@BeforeEach
	void reset() {
		standIn.reset();
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void createsRoleAndAnswersItsTrustPolicyUrlEncoded() {
		Instant before = Instant.now();
		Role created = this.iam
			.createRole(request -> request.roleName("pinpoint-import")
				.path("/service/")
				.description("imports")
				.assumeRolePolicyDocument(TRUST)
				.tags(Tag.builder().key("team").value("growth").build()))
			.role();

		assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/service/pinpoint-import");
		assertThat(created.roleId()).startsWith("AROA").hasSize(21);
		assertThat(created.createDate()).isCloseTo(before, within(Duration.ofSeconds(2)));

		Role read = this.iam.getRole(request -> request.roleName("pinpoint-import")).role();
		assertThat(read.path()).isEqualTo("/service/");
		assertThat(read.description()).isEqualTo("imports");
		assertThat(read.maxSessionDuration()).isEqualTo(3600);
		assertThat(read.tags()).containsExactly(Tag.builder().key("team").value("growth").build());
		assertThat(read.assumeRolePolicyDocument()).startsWith("%7B%22Version%22").doesNotContain("{");
		assertThat(URLDecoder.decode(read.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
		assertThat(standIn.iam().roleByArn(created.arn())).get()
			.satisfies(role -> assertThat(role.trustChangedAt()).isEqualTo(role.createDate()));
	}

	@Test
	void rejectsDuplicateRoleNamesRegardlessOfCase() {
		createRole("Importer");

		assertThatExceptionOfType(EntityAlreadyExistsException.class).isThrownBy(() -> createRole("importer"))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(409);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Role with name importer already exists.");
			});
	}

	@Test
	void rejectsNamesAndPathsIamRejects() {
		assertThatExceptionOfType(IamException.class).isThrownBy(() -> createRole("bad name")).satisfies(ex -> {
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
			assertThat(ex.getMessage()).contains("roleName");
		});
		assertThatExceptionOfType(IamException.class).isThrownBy(() -> createRole("x".repeat(65)))
			.satisfies(ex -> assertThat(ex.getMessage()).contains("length less than or equal to 64"));
		assertThatExceptionOfType(IamException.class)
			.isThrownBy(() -> this.iam
				.createRole(request -> request.roleName("ok").path("no-slashes").assumeRolePolicyDocument(TRUST)))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
	}

	@Test
	void rejectsMalformedPolicyDocuments() {
		assertThatExceptionOfType(MalformedPolicyDocumentException.class)
			.isThrownBy(
					() -> this.iam.createRole(request -> request.roleName("r").assumeRolePolicyDocument("{not json")))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("This policy contains invalid Json");
			});
		createRole("r");
		assertThatExceptionOfType(MalformedPolicyDocumentException.class)
			.isThrownBy(() -> this.iam.putRolePolicy(request -> request.roleName("r")
				.policyName("with-principal")
				.policyDocument(TRUST.replace("}]}", ",\"Resource\":\"*\"}]}"))))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage())
				.isEqualTo("Policy document should not specify a principal."));
		assertThatExceptionOfType(MalformedPolicyDocumentException.class).isThrownBy(() -> this.iam
			.updateAssumeRolePolicy(request -> request.roleName("r").policyDocument("{\"Statement\":[]}]")));
	}

	@Test
	void answersNoSuchEntityForUnknownRoles() {
		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.getRole(request -> request.roleName("missing")))
			.satisfies(ex -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
				assertThat(ex.awsErrorDetails().errorMessage())
					.isEqualTo("The role with name missing cannot be found.");
			});
		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.deleteRole(request -> request.roleName("missing")));
	}

	@Test
	void listsRolesByPathPrefixInPages() {
		for (String name : List.of("e", "d", "c", "b", "a")) {
			this.iam.createRole(request -> request.roleName(name).path("/imports/").assumeRolePolicyDocument(TRUST));
		}
		createRole("elsewhere");

		ListRolesResponse first = this.iam.listRoles(request -> request.pathPrefix("/imports/").maxItems(2));
		assertThat(first.roles()).extracting(Role::roleName).containsExactly("a", "b");
		assertThat(first.isTruncated()).isTrue();
		ListRolesResponse second = this.iam
			.listRoles(request -> request.pathPrefix("/imports/").maxItems(2).marker(first.marker()));
		assertThat(second.roles()).extracting(Role::roleName).containsExactly("c", "d");

		assertThat(this.iam.listRolesPaginator(request -> request.pathPrefix("/imports/").maxItems(2)).roles())
			.extracting(Role::roleName)
			.containsExactly("a", "b", "c", "d", "e");
		ListRolesResponse all = this.iam.listRoles(request -> request.pathPrefix("/"));
		assertThat(all.isTruncated()).isFalse();
		assertThat(all.marker()).isNull();
		assertThat(all.roles()).hasSize(6);
	}

	@Test
	void attachesAndDetachesKnownManagedPoliciesOnly() {
		createRole("r");
		this.iam.attachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY));
		this.iam.attachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY));

		assertThat(this.iam.listAttachedRolePolicies(request -> request.roleName("r")).attachedPolicies())
			.containsExactly(
					AttachedPolicy.builder().policyName("AmazonS3ReadOnlyAccess").policyArn(S3_READ_ONLY).build());
		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.attachRolePolicy(
					request -> request.roleName("r").policyArn("arn:aws:iam::123456789012:policy/Unknown")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage())
				.isEqualTo("Policy arn:aws:iam::123456789012:policy/Unknown does not exist or is not attachable."));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.iam.attachRolePolicy(request -> request.roleName("r").policyArn("not-an-arn")));

		this.iam.detachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY));
		assertThat(this.iam.listAttachedRolePolicies(request -> request.roleName("r")).attachedPolicies()).isEmpty();
		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.detachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY)));
	}

	@Test
	void storesInlinePoliciesAndAnswersThemUrlEncoded() {
		createRole("r");
		this.iam
			.putRolePolicy(request -> request.roleName("r").policyName("read-audiences").policyDocument(READ_BUCKET));

		String document = this.iam.getRolePolicy(request -> request.roleName("r").policyName("read-audiences"))
			.policyDocument();
		assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(READ_BUCKET);
		assertThat(this.iam.listRolePolicies(request -> request.roleName("r")).policyNames())
			.containsExactly("read-audiences");
		assertThat(standIn.iam().role("R")).get()
			.satisfies(role -> assertThat(role.inlinePolicies()).containsEntry("read-audiences", READ_BUCKET));

		this.iam.deleteRolePolicy(request -> request.roleName("r").policyName("read-audiences"));
		assertThatExceptionOfType(NoSuchEntityException.class)
			.isThrownBy(() -> this.iam.getRolePolicy(request -> request.roleName("r").policyName("read-audiences")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorMessage())
				.isEqualTo("The role policy with name read-audiences cannot be found."));
	}

	@Test
	void refusesToDeleteRoleWhilePoliciesRemain() {
		createRole("r");
		this.iam.attachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY));
		this.iam.putRolePolicy(request -> request.roleName("r").policyName("p").policyDocument(READ_BUCKET));

		assertThatExceptionOfType(DeleteConflictException.class)
			.isThrownBy(() -> this.iam.deleteRole(request -> request.roleName("r")))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(409));
		this.iam.detachRolePolicy(request -> request.roleName("r").policyArn(S3_READ_ONLY));
		assertThatExceptionOfType(DeleteConflictException.class)
			.isThrownBy(() -> this.iam.deleteRole(request -> request.roleName("r")));
		this.iam.deleteRolePolicy(request -> request.roleName("r").policyName("p"));

		this.iam.deleteRole(request -> request.roleName("r"));
		assertThat(standIn.iam().roles()).isEmpty();
	}

	@Test
	void tagsAndUntagsRoles() {
		createRole("r");
		this.iam.tagRole(request -> request.roleName("r")
			.tags(Tag.builder().key("b").value("2").build(), Tag.builder().key("a").value("1").build()));
		this.iam.tagRole(request -> request.roleName("r").tags(Tag.builder().key("A").value("one").build()));

		assertThat(this.iam.listRoleTags(request -> request.roleName("r")).tags())
			.containsExactly(Tag.builder().key("A").value("one").build(), Tag.builder().key("b").value("2").build());
		this.iam.untagRole(request -> request.roleName("r").tagKeys("b"));
		assertThat(this.iam.listRoleTags(request -> request.roleName("r")).tags()).extracting(Tag::key)
			.containsExactly("A");
	}

	@Test
	void recordsWhenTheTrustPolicyChanged() throws InterruptedException {
		createRole("r");
		Instant created = standIn.iam().role("r").orElseThrow().trustChangedAt();
		Thread.sleep(5);
		String updated = TRUST.replace("sts:AssumeRole", "sts:*");

		this.iam.updateAssumeRolePolicy(request -> request.roleName("r").policyDocument(updated));

		IamStandIn.RoleView role = standIn.iam().role("r").orElseThrow();
		assertThat(role.trustPolicy()).isEqualTo(updated);
		assertThat(role.trustChangedAt()).isAfter(created);
		assertThat(role.createDate()).isEqualTo(created);
	}

	@Test
	void updatesDescriptionSessionDurationAndPermissionsBoundary() {
		createRole("r");
		this.iam.updateRole(request -> request.roleName("r").description("new").maxSessionDuration(7200));
		this.iam.putRolePermissionsBoundary(request -> request.roleName("r").permissionsBoundary(S3_READ_ONLY));

		Role role = this.iam.getRole(request -> request.roleName("r")).role();
		assertThat(role.description()).isEqualTo("new");
		assertThat(role.maxSessionDuration()).isEqualTo(7200);
		assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(S3_READ_ONLY);
		assertThatExceptionOfType(IamException.class)
			.isThrownBy(() -> this.iam.updateRole(request -> request.roleName("r").maxSessionDuration(60)))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));

		this.iam.deleteRolePermissionsBoundary(request -> request.roleName("r"));
		assertThat(this.iam.getRole(request -> request.roleName("r")).role().permissionsBoundary()).isNull();
	}

	@Test
	void enforcesTrustPolicySizeQuota() {
		String big = TRUST.replace("sts:AssumeRole", "sts:AssumeRole\",\"Sid\":\"" + "x".repeat(2100));
		assertThatExceptionOfType(LimitExceededException.class)
			.isThrownBy(() -> this.iam.createRole(request -> request.roleName("r").assumeRolePolicyDocument(big)))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(409));
	}

	@Test
	void answersCallerIdentityOfTheFixedAccount() {
		GetCallerIdentityResponse identity = standIn.stsClient().getCallerIdentity();

		assertThat(identity.account()).isEqualTo(AwsStandIn.ACCOUNT_ID);
		assertThat(identity.arn()).isEqualTo(StsStandIn.CALLER_ARN);
		assertThat(standIn.calls().count("sts", "GetCallerIdentity")).isEqualTo(1);
	}

	@Test
	void awsCliReadsRolesAndDecodesTheirTrustPolicies() {
		AwsCli.assumeInstalled();
		createRole("cli-role");
		AwsCli cli = new AwsCli(standIn);

		JsonNode role = cli.run("iam", "get-role", "--role-name", "cli-role").get("Role");
		assertThat(role.get("Arn").asString()).isEqualTo("arn:aws:iam::123456789012:role/cli-role");
		assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asString())
			.isEqualTo("pinpoint.amazonaws.com");
		assertThat(cli.run("sts", "get-caller-identity").get("Account").asString()).isEqualTo(AwsStandIn.ACCOUNT_ID);

		AwsCli.Result missing = cli.exec("iam", "get-role", "--role-name", "nope");
		assertThat(missing.exitCode()).isNotZero();
		assertThat(missing.stderr()).contains("NoSuchEntity");
	}

	private void createRole(String name) {
		this.iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument(TRUST));
	}

}
