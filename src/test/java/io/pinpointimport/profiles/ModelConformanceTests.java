package io.pinpointimport.profiles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.destination.ProfileField;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.customerprofiles.model.BadRequestException;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every request this destination sends to Customer Profiles, as it arrives on the wire,
 * conforms to the botocore model. Needs botocore with the customer-profiles model
 * (skipped without it, required when {@code CI} is set).
 */
class ModelConformanceTests {

	static BotocoreModel model;

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	@BeforeAll
	static void loadModel() {
		model = BotocoreModel.locate();
		if (model == null && System.getenv("CI") != null) {
			fail("botocore's customer-profiles/2020-08-15 model is required in CI: pip install botocore "
					+ "(or set BOTOCORE_DATA to its data directory)");
		}
		assumeTrue(model != null, "botocore with customer-profiles/2020-08-15 is not installed here "
				+ "(pip install botocore, or BOTOCORE_DATA); skipping the model check");
	}

	@BeforeEach
	void setUp() {
		this.aws.reset();
		this.profiles.createDomain("demo");
		this.aws.s3().createBucket("audiences");
	}

	@Test
	void everyRequestTheDestinationSendsConformsToTheModel() {
		assertThat(model.metadata("protocol")).isEqualTo("rest-json");
		assertThat(model.metadata("signingName")).isEqualTo("profile");
		this.aws.s3()
			.put("audiences", "a.csv",
					"ChannelType,Address,User.UserId,User.UserAttributes.FirstName,Attributes.Tier,Location.City\n"
							+ "EMAIL,ana@example.com,u1,Ana,gold,Lyon\nSMS,+33600000000,u2,Bo,,\n");
		ProfilesGateway gateway = new ProfilesGateway(this.profiles.client());
		ProfilesUploads uploads = new ProfilesUploads(new SourceFiles(this.aws.s3Client()), gateway,
				new PresignedUpload());
		assertThat(gateway.domainExists("demo")).isTrue();
		assertThat(gateway.domainExists("missing")).isFalse();
		for (ProfilesTarget target : List.of(new ProfilesTarget("demo", null, null, 1098), new ProfilesTarget("demo",
				List.of(new ProfileField("Key", "User.UserId", "_profile.AccountNumber", "STRING"),
						new ProfileField("Mail", "Address:EMAIL", "_profile.EmailAddress", "EMAIL_ADDRESS"),
						new ProfileField("Phone", "Address:SMS|VOICE", "_profile.PhoneNumber", "PHONE_NUMBER"),
						new ProfileField("First", "User.UserAttributes.FirstName", "_profile.FirstName", "NAME")),
				"Key", 1))) {
			ProfilesUploads.Prepared prepared = uploads.prepare(target, "s3://audiences/a.csv", FileFormat.CSV)
				.prepared();
			String displayName = "pinpoint-import 0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10 run " + target.dataExpiryDays();
			String jobId = uploads.create(target, displayName, prepared);
			uploads.upload("demo", jobId, prepared);
			gateway.start("demo", jobId);
			gateway.describe("demo", jobId);
		}
		this.profiles.knobs().jobDuration(Duration.ofMinutes(5));
		String running = gateway.create("demo", "to stop", FieldMapping.defaults(List.of("User.UserId")), 14);
		gateway.stop("demo", running);
		assertThat(gateway.findByDisplayName("demo", "to stop", 1, 10)).isPresent();

		List<ProfilesStandIn.ApiRequest> sent = this.profiles.requests();
		assertThat(sent.stream().map(ProfilesStandIn.ApiRequest::operation).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder("GetDomain", "CreateUploadJob", "GetUploadJobPath", "StartUploadJob",
					"GetUploadJob", "StopUploadJob", "ListUploadJobs");
		assertThat(sent).filteredOn(request -> request.query().containsKey("next-token")).isNotEmpty();
		assertThat(sent.stream().flatMap(request -> model.violations(request).stream()).toList()).isEmpty();
	}

	@Test
	void theCheckCatchesRequestsTheModelForbids() {
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> this.profiles.client()
			.createUploadJob(request -> request.domainName("demo")
				.displayName("x".repeat(256))
				.uniqueKey("Key")
				.dataExpiry(1099)
				.fields(Map.of("Key",
						ObjectTypeField.builder()
							.source("_source.Key")
							.target("_profile.AccountNumber")
							.contentType(FieldContentType.STRING)
							.build(),
						"bad key!", ObjectTypeField.builder().target("_profile.Attributes.x").build()))));
		List<String> violations = this.profiles.requests()
			.stream()
			.flatMap(request -> model.violations(request).stream())
			.toList();
		assertThat(violations).anySatisfy(violation -> assertThat(violation).contains("DisplayName is longer than 255"))
			.anySatisfy(violation -> assertThat(violation).contains("DataExpiry 1099 is above 1098"))
			.anySatisfy(violation -> assertThat(violation).contains("key bad key!"));
	}

}
