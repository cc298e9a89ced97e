package io.pinpointimport.standin.sts;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.wire.QueryProtocol;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.ServiceHandler;
import io.pinpointimport.standin.wire.StandInRequest;
import io.pinpointimport.standin.wire.StandInResponse;

/**
 * STS over the Query protocol: GetCallerIdentity answers as a fixed user of
 * {@link AwsStandIn#ACCOUNT_ID}.
 */
public final class StsStandIn implements ServiceHandler {

	/** The identity every caller has. */
	public static final String CALLER_ARN = "arn:aws:iam::" + AwsStandIn.ACCOUNT_ID + ":user/local-developer";

	private final QueryProtocol protocol = new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/");

	public StsStandIn() {
	}

	@Override
	public String service() {
		return "sts";
	}

	@Override
	public String operation(StandInRequest request) {
		return request.form().getOrDefault("Action", "Unknown");
	}

	@Override
	public StandInResponse handle(StandInRequest request, String operation) {
		if (!"GetCallerIdentity".equals(operation)) {
			return this.protocol.error(new ServiceError(400, "InvalidAction",
					"Could not find operation " + operation + " for version 2011-06-15"));
		}
		return this.protocol.result(operation,
				xml -> xml.element("Arn", CALLER_ARN)
					.element("UserId", "AIDASTANDINLOCALDEV01")
					.element("Account", AwsStandIn.ACCOUNT_ID));
	}

	/**
	 * GetCallerIdentity needs no permission (STS API reference), so no access is checked.
	 */
	@Override
	public StandInResponse refuse(ServiceError error) {
		return this.protocol.error(error);
	}

	@Override
	public StandInResponse throttled(String operation) {
		return this.protocol.throttled();
	}

	@Override
	public StandInResponse serverError(String operation) {
		return this.protocol.serverError();
	}

}
