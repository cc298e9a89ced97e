package io.pinpointimport.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import io.pinpointimport.standin.AwsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class AwsHealthIndicatorTest {

	final AwsStandIn standIn = AwsStandIn.shared();

	final MutableClock clock = new MutableClock();

	@AfterEach
	void resetStandIn() {
		this.standIn.knobs().reset();
	}

	@Test
	void reportsUpWithTheAccountOfTheServiceIdentity() {
		Health health = indicator(Duration.ofSeconds(5)).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("account", AwsStandIn.ACCOUNT_ID);
	}

	@Test
	void asksStsAgainOnlyAfterTheCacheTime() {
		AwsHealthIndicator indicator = indicator(Duration.ofSeconds(5));
		long before = stsCalls();

		indicator.health();
		indicator.health();
		this.clock.advance(Duration.ofSeconds(59));
		indicator.health();
		assertThat(stsCalls() - before).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(2));
		indicator.health();
		assertThat(stsCalls() - before).isEqualTo(2);
	}

	@Test
	void reportsDownWithTheAwsErrorCodeWhenStsFails() {
		this.standIn.knobs().faultyServices(Set.of("sts")).serverErrorFraction(1.0);

		Health health = indicator(Duration.ofSeconds(5)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).asString().endsWith("(HTTP 500)");
	}

	@Test
	void reportsDownWhenStsDoesNotAnswerInTime() {
		this.standIn.knobs().faultyServices(Set.of("sts")).latency(Duration.ofSeconds(2));

		Health health = indicator(Duration.ofMillis(300)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "ApiCallTimeoutException");
	}

	@Test
	void recoversOnceTheCacheTimeHasPassed() {
		AwsHealthIndicator indicator = indicator(Duration.ofSeconds(5));
		this.standIn.knobs().faultyServices(Set.of("sts")).serverErrorFraction(1.0);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);

		this.standIn.knobs().reset();
		assertThat(indicator.health().getStatus()).as("still cached").isEqualTo(Status.DOWN);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	private AwsHealthIndicator indicator(Duration timeout) {
		return new AwsHealthIndicator(this.standIn.stsClient(),
				new ObservabilitySettings.AwsHealth(Duration.ofSeconds(60), timeout), this.clock);
	}

	private long stsCalls() {
		return this.standIn.calls().count("sts", "GetCallerIdentity");
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-26T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
