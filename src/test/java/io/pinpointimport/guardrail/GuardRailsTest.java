package io.pinpointimport.guardrail;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardRailsTest {

	private final GuardRails open = new GuardRails(new GuardRailSettings(List.of(), List.of(), "", null, false));

	private final GuardRails strict = new GuardRails(new GuardRailSettings(List.of("app1"),
			List.of("s3://data/pinpoint/", "s3://whole-bucket"), "pii-", "arn:aws:iam::123456789012:policy/b", true));

	@Test
	void allowsAnythingWhenNoListIsConfigured() {
		assertThatNoException().isThrownBy(() -> {
			this.open.checkApplicationId("applicationId", "any");
			this.open.checkApplicationId("applicationId", null);
			this.open.checkS3Url("s3Url", "s3://any-bucket/x");
			this.open.checkReadsEveryBucket("access");
			this.open.checkRoleName("roleName", "whatever");
		});
		assertThat(this.open.permissionsBoundaryArn()).isEmpty();
	}

	@Test
	void matchesS3PrefixesLiterallyWithinTheSameBucket() {
		assertThatNoException().isThrownBy(() -> {
			this.strict.checkS3Url("s3Url", "s3://data/pinpoint/");
			this.strict.checkS3Url("s3Url", "s3://data/pinpoint/2026/a.csv");
			this.strict.checkS3Url("s3Url", "s3://whole-bucket");
			this.strict.checkS3Url("s3Url", "s3://whole-bucket/any/key.json");
		});
		for (String outside : List.of("s3://data/pinpoint", "s3://data/pinpoint-other/a.csv", "s3://data/",
				"s3://data-copy/pinpoint/a.csv", "s3://whole-bucket-2/a", "https://data/pinpoint/a", "s3://")) {
			assertThatThrownBy(() -> this.strict.checkS3Url("s3Url", outside)).as(outside)
				.isInstanceOf(GuardRailViolation.class)
				.hasMessageContaining("allowed-s3-locations");
		}
	}

	@Test
	void refusesEveryApplicationWhenApplicationsAreRestricted() {
		assertThatNoException().isThrownBy(() -> this.strict.checkApplicationId("applicationId", "app1"));
		assertThatThrownBy(() -> this.strict.checkApplicationId("applicationId", null))
			.hasMessageContaining("allowed-application-ids");
		assertThatThrownBy(() -> this.strict.checkApplicationId("applicationId", "app2"))
			.hasMessageContaining("allowed-application-ids");
	}

	@Test
	void refusesReadingEveryBucketWhenLocationsAreRestricted() {
		assertThatThrownBy(() -> this.strict.checkReadsEveryBucket("access"))
			.hasMessageContaining("allowed-s3-locations");
	}

	@Test
	void requiresTheRoleNamePrefix() {
		assertThatNoException().isThrownBy(() -> this.strict.checkRoleName("roleName", "pii-growth"));
		assertThatThrownBy(() -> this.strict.checkRoleName("roleName", "growth-pii-"))
			.hasMessageContaining("role-name-prefix");
		assertThat(this.strict.permissionsBoundaryArn()).contains("arn:aws:iam::123456789012:policy/b");
	}

	@Test
	void refusesExternalRolesUnlessAllowed() {
		assertThatThrownBy(() -> this.open.checkExternalRole("roleArn", "arn:aws:iam::1:role/x"))
			.hasMessageContaining("external-roles");
		assertThatNoException().isThrownBy(() -> this.strict.checkExternalRole("roleArn", "arn:aws:iam::1:role/x"));
	}

}
