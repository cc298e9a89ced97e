package io.pinpointimport.standin.s3;

import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class S3RegionsTest {

	static final AwsStandIn standIn = AwsStandIn.start(0);

	@BeforeEach
	void reset() {
		standIn.reset();
		standIn.s3().createBucket("far-away", "eu-west-1");
		standIn.s3().put("far-away", "in/a.csv", "a\n");
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void redirectsACallSignedForAnotherRegionThanTheBucketsAndNamesItsRegion() {
		try (S3Client s3 = client(Region.US_EAST_1, false)) {
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.listObjectsV2(request -> request.bucket("far-away")))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(301);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("PermanentRedirect");
					assertThat(ex.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
						.contains("eu-west-1");
				});
		}
	}

	@Test
	void aCrossRegionClientFollowsTheRedirect() {
		try (S3Client s3 = client(Region.US_EAST_1, true)) {
			assertThat(s3.listObjectsV2(request -> request.bucket("far-away")).keyCount()).isEqualTo(1);
			assertThat(s3.getObjectAsBytes(request -> request.bucket("far-away").key("in/a.csv")).asUtf8String())
				.isEqualTo("a\n");
		}
		try (S3Client s3 = client(Region.EU_WEST_1, false)) {
			assertThat(s3.headBucket(request -> request.bucket("far-away")).bucketRegion()).isEqualTo("eu-west-1");
		}
	}

	@Test
	void createsABucketInTheRegionOfItsLocationConstraint() {
		try (S3Client s3 = client(Region.AP_SOUTHEAST_2, false)) {
			s3.createBucket(request -> request.bucket("down-under")
				.createBucketConfiguration(config -> config.locationConstraint("ap-southeast-2")));
			assertThat(s3.headBucket(request -> request.bucket("down-under")).bucketRegion())
				.isEqualTo("ap-southeast-2");
		}
	}

	private static S3Client client(Region region, boolean crossRegion) {
		return S3Client.builder()
			.endpointOverride(standIn.endpoint())
			.region(region)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsStandIn.ADMIN_ACCESS_KEY_ID, AwsStandIn.ADMIN_SECRET_ACCESS_KEY)))
			.forcePathStyle(true)
			.crossRegionAccessEnabled(crossRegion)
			.build();
	}

}
