package io.pinpointimport.profiles;

import java.time.Duration;
import java.util.List;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.destination.ProfileField;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.standin.profiles.UploadJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import's files through the upload pipeline, against the stand-in's S3 and Customer
 * Profiles over HTTP, without the rest of the service.
 */
class ProfilesUploadsTests {

	final AwsStandIn aws = AwsStandIn.shared();

	final ProfilesStandIn profiles = this.aws.profiles();

	final S3Client s3 = this.aws.s3Client();

	ProfilesUploads uploads;

	ProfilesGateway gateway;

	@BeforeEach
	void setUp() {
		this.aws.reset();
		this.profiles.createDomain("demo");
		this.aws.s3().createBucket("audiences");
		this.gateway = new ProfilesGateway(this.profiles.client());
		this.uploads = new ProfilesUploads(new SourceFiles(this.s3), this.gateway, new PresignedUpload());
	}

	@Test
	void filesUnderAPrefixBecomeOneJobWithOneHeaderRow() {
		this.aws.s3()
			.put("audiences", "spring/a.json",
					"{\"ChannelType\":\"EMAIL\",\"Address\":\"ana@example.com\",\"User\":{\"UserId\":\"u1\"}}\n");
		this.aws.s3()
			.put("audiences", "spring/b.json",
					"{\"ChannelType\":\"SMS\",\"Address\":\"+33600000000\",\"User\":{\"UserId\":\"u2\"}}\n"
							+ "{\"ChannelType\":\"EMAIL\",\"Address\":\"bo@example.com\",\"User\":{\"UserId\":\"u3\"}}\n");
		this.aws.s3().put("audiences", "spring/ignored.csv", "ChannelType,Address\n");
		ProfilesTarget target = new ProfilesTarget("demo", null, null, 30);
		ProfilesUploads.Preparation preparation = this.uploads.prepare(target, "s3://audiences/spring/",
				FileFormat.JSON);
		assertThat(preparation.refusal()).isNull();
		ProfilesUploads.Prepared prepared = preparation.prepared();
		assertThat(prepared.files()).hasSize(2);
		assertThat(prepared.rows()).isEqualTo(3);

		String jobId = this.uploads.create(target, "import-x", prepared);
		this.uploads.upload("demo", jobId, prepared);
		this.gateway.start("demo", jobId);
		ProfilesGateway.UploadJob done = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.gateway.describe("demo", jobId), job -> job.completedAt() != null);
		assertThat(done.status()).isEqualTo("SUCCEEDED");
		assertThat(done.createdRecords()).isEqualTo(3);
		UploadJob job = this.profiles.jobs().get(0);
		assertThat(job.upload().header()).containsExactly("UserId", "EmailAddress", "PhoneNumber");
		assertThat(job.upload().bytes()).isEqualTo(prepared.bytes());
		assertThat(job.dataExpiry()).isEqualTo(30);
		assertThat(this.uploads.find("demo", "import-x")).get()
			.satisfies(found -> assertThat(found.id()).isEqualTo(jobId));
		assertThat(this.uploads.find("demo", "import-y")).isEmpty();
	}

	@Test
	void preflightRefusesFilesThisDestinationCannotTake() {
		this.aws.s3().put("audiences", "nokey.csv", "ChannelType,Address\nEMAIL,ana@example.com\n");
		this.aws.s3().put("audiences", "broken.json", "{\"Address\":\"x\"}\n{oops\n");
		ProfilesTarget defaults = new ProfilesTarget("demo", null, null, 14);
		assertThat(this.uploads.prepare(defaults, "s3://audiences/nokey.csv", FileFormat.CSV).refusal().rule())
			.isEqualTo("unique-key-missing");
		assertThat(this.uploads.prepare(defaults, "s3://audiences/broken.json", FileFormat.JSON).refusal())
			.satisfies(refusal -> {
				assertThat(refusal.rule()).isEqualTo("malformed-file");
				assertThat(refusal.detail()).contains("broken.json line 2");
			});
		assertThat(this.uploads.prepare(defaults, "s3://audiences/none/", FileFormat.CSV).refusal().rule())
			.isEqualTo("no-files");
		ProfilesTarget own = new ProfilesTarget("demo",
				List.of(new ProfileField("Key", "User.UserId", "_profile.AccountNumber", "STRING"),
						new ProfileField("Mail", "Address:EMAIL", "_profile.EmailAddress", "EMAIL_ADDRESS")),
				"Key", 14);
		assertThat(this.uploads.prepare(own, "s3://audiences/nokey.csv", FileFormat.CSV).refusal())
			.satisfies(refusal -> {
				assertThat(refusal.rule()).isEqualTo("unmapped-source");
				assertThat(refusal.detail()).contains("Column Key reads User.UserId");
			});
		assertThat(this.profiles.requests()).isEmpty();
	}

}
