package io.pinpointimport.destination;

import io.pinpointimport.aws.AwsClientWarmUp;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Takes the Pinpoint client through CreateImportJob and GetImportJobs at start-up, before
 * the service reports ready, as {@link AwsClientWarmUp} does for the other clients:
 * nothing is sent.
 */
@Component
class PinpointWarmUp implements ApplicationRunner {

	private final AwsClientWarmUp warmUp;

	private final PinpointClient pinpoint;

	PinpointWarmUp(AwsClientWarmUp warmUp, PinpointClient pinpoint) {
		this.warmUp = warmUp;
		this.pinpoint = pinpoint;
	}

	@Override
	public void run(ApplicationArguments args) {
		String nothing = AwsClientWarmUp.NOTHING;
		this.warmUp.warm(this.pinpoint,
				pinpoint -> pinpoint.createImportJob(request -> request.applicationId(nothing)
					.importJobRequest(job -> job.format("CSV")
						.s3Url("s3://" + nothing + "/" + nothing)
						.roleArn("arn:aws:iam::000000000000:role/" + nothing)
						.segmentName(nothing)
						.defineSegment(true)
						.registerEndpoints(true))
					.overrideConfiguration(AwsClientWarmUp::mark)),
				pinpoint -> pinpoint.getImportJobs(request -> request.applicationId(nothing)
					.pageSize("100")
					.overrideConfiguration(AwsClientWarmUp::mark)));
	}

}
