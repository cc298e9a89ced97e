package io.pinpointimport.role;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import io.pinpointimport.aws.AwsFailure;

import org.springframework.stereotype.Component;

/**
 * Finds the account of the service's own credentials with STS GetCallerIdentity, once:
 * the account does not change while the process runs.
 */
@Component
class StsGateway {

	private final StsClient sts;

	private volatile AwsAccount account;

	StsGateway(StsClient sts) {
		this.sts = sts;
	}

	/** The account and partition the service's credentials belong to. */
	AwsAccount account() {
		AwsAccount known = this.account;
		if (known == null) {
			try {
				GetCallerIdentityResponse identity = this.sts.getCallerIdentity();
				known = AwsAccount.of(identity.account(), identity.arn());
				this.account = known;
			}
			catch (SdkException ex) {
				// GetCallerIdentity needs no permission; a denial means the credentials
				// are bad.
				throw AwsFailure.of("GetCallerIdentity", ex, List.of("sts:GetCallerIdentity"));
			}
		}
		return known;
	}

}
