package io.pinpointimport.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this service's AWS identity reaches AWS: STS GetCallerIdentity (which needs no
 * IAM permission), answered from a cache so that health checks never hammer STS, and
 * bounded by a timeout so that a slow AWS never stalls the health endpoint.
 * <p>
 * Deliberately in neither the liveness nor the readiness group: every replica shares the
 * same AWS, so an AWS outage would take all of them out of service at once, and requests
 * that need no AWS (status, history) would be refused with them. Requests that need AWS
 * already answer 503 with {@code Retry-After} on their own.
 */
class AwsHealthIndicator implements HealthIndicator {

	private final StsClient sts;

	private final Duration cacheFor;

	private final Duration timeout;

	private final Clock clock;

	private volatile Checked last;

	AwsHealthIndicator(StsClient sts, ObservabilitySettings.AwsHealth settings, Clock clock) {
		this.sts = sts;
		this.cacheFor = settings.cacheFor();
		this.timeout = settings.timeout();
		this.clock = clock;
	}

	@Override
	public Health health() {
		Checked current = this.last;
		if (current != null && current.isFresh(this.clock.instant(), this.cacheFor)) {
			return current.health();
		}
		synchronized (this) {
			current = this.last;
			if (current == null || !current.isFresh(this.clock.instant(), this.cacheFor)) {
				current = new Checked(check(), this.clock.instant());
				this.last = current;
			}
			return current.health();
		}
	}

	private Health check() {
		Instant started = this.clock.instant();
		try {
			GetCallerIdentityResponse identity = this.sts.getCallerIdentity(
					(request) -> request.overrideConfiguration((call) -> call.apiCallTimeout(this.timeout)));
			return Health.up()
				.withDetail("account", identity.account())
				.withDetail("checkedAt", started.toString())
				.build();
		}
		catch (SdkException ex) {
			return Health.down().withDetail("error", describe(ex)).withDetail("checkedAt", started.toString()).build();
		}
	}

	// The class and AWS error code only: SDK messages can quote request details.
	private static String describe(SdkException ex) {
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
		}
		return ex.getClass().getSimpleName();
	}

	private record Checked(Health health, Instant at) {

		boolean isFresh(Instant now, Duration cacheFor) {
			return now.isBefore(this.at.plus(cacheFor));
		}

	}

}
