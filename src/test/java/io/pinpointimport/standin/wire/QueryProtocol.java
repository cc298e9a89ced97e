package io.pinpointimport.standin.wire;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The AWS Query protocol's answers (IAM, STS): {@code <ActionResponse>} with an
 * {@code <ActionResult>} and response metadata, or an {@code <ErrorResponse>}.
 */
public final class QueryProtocol {

	private static final String CONTENT_TYPE = "text/xml";

	private final String namespace;

	public QueryProtocol(String namespace) {
		this.namespace = namespace;
	}

	/** A success answer whose {@code <ActionResult>} is written by {@code result}. */
	public StandInResponse result(String action, Consumer<Xml> result) {
		Xml xml = Xml.document(action + "Response", this.namespace).open(action + "Result");
		result.accept(xml);
		xml.close();
		return StandInResponse.of(200, CONTENT_TYPE, metadata(xml).end());
	}

	/** A success answer of an action that returns nothing. */
	public StandInResponse empty(String action) {
		return StandInResponse.of(200, CONTENT_TYPE, metadata(Xml.document(action + "Response", this.namespace)).end());
	}

	/**
	 * An error answer; client faults are typed {@code Sender}, server faults
	 * {@code Receiver}.
	 */
	public StandInResponse error(ServiceError error) {
		String requestId = UUID.randomUUID().toString();
		String xml = Xml.document("ErrorResponse", this.namespace)
			.open("Error")
			.element("Type", error.status() >= 500 ? "Receiver" : "Sender")
			.element("Code", error.code())
			.element("Message", error.getMessage())
			.close()
			.element("RequestId", requestId)
			.end();
		return StandInResponse.of(error.status(), CONTENT_TYPE, xml).withHeader("x-amzn-RequestId", requestId);
	}

	public StandInResponse throttled() {
		return error(new ServiceError(400, "Throttling", "Rate exceeded"));
	}

	public StandInResponse serverError() {
		return error(new ServiceError(500, "ServiceFailure",
				"The request processing has failed because of an unknown error, exception or failure."));
	}

	private static Xml metadata(Xml xml) {
		return xml.open("ResponseMetadata").element("RequestId", UUID.randomUUID().toString()).close();
	}

}
