package io.pinpointimport.observability;

import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@EndToEndTest
class HealthGroupsTest {

	@LocalServerPort
	int port;

	@Autowired
	HealthEndpointGroups groups;

	@Autowired
	HealthContributorRegistry contributors;

	@Test
	void livenessAndReadinessAreUpWhenTheDatabaseAnswers() {
		Api api = Api.anonymous(this.port);
		assertThat(status(api.get("/actuator/health/liveness"))).isEqualTo("UP");
		assertThat(status(api.get("/actuator/health/readiness"))).isEqualTo("UP");
		assertThat(status(api.get("/actuator/health"))).isEqualTo("UP");
	}

	@Test
	void readinessIncludesTheDatabaseAndLivenessOnlyTheApplicationState() {
		assertThat(this.groups.get("readiness").isMember("db")).isTrue();
		assertThat(this.groups.get("readiness").isMember("readinessState")).isTrue();
		assertThat(this.groups.get("liveness").isMember("livenessState")).isTrue();
		assertThat(this.groups.get("liveness").isMember("db")).isFalse();
	}

	@Test
	void awsReachabilityIsCheckedButTakesNoPodOutOfService() {
		assertThat(this.contributors.getContributor("aws")).isInstanceOf(AwsHealthIndicator.class);
		assertThat(this.groups.getPrimary().isMember("aws")).isTrue();
		assertThat(this.groups.get("readiness").isMember("aws")).isFalse();
		assertThat(this.groups.get("liveness").isMember("aws")).isFalse();
	}

	private static String status(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("status").asString();
	}

}
