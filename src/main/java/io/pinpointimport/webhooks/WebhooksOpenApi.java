package io.pinpointimport.webhooks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pinpointimport.events.EventTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Documents the deliveries in the OpenAPI 3.1 {@code webhooks} section: one entry per
 * event type, with the signature headers and the CloudEvent body.
 */
@Component
class WebhooksOpenApi implements OpenApiCustomizer {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	/** Webhook id of the examples; the local run shows its demo webhook's. */
	static final String WEBHOOK_ID = "3d0f2a61-0c3e-4f0b-9a1e-2c8b7d6e5f40";

	/**
	 * Delivery id of the path examples; the local run shows one of its demo webhook's.
	 */
	static final String DELIVERY_ID = "73021";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() != null) {
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/v1/webhooks/")) {
					item.readOperations().forEach(WebhooksOpenApi::pathExamples);
				}
				if (path.equals("/api/v1/webhooks") && item.getPost() != null) {
					requestExample(item.getPost());
				}
			});
		}
		for (EventTypes.EventType type : EventTypes.ALL) {
			String name = type.name().substring("io.pinpointimport.".length());
			Operation delivery = new Operation().operationId("deliver-" + name.replace('.', '-'))
				.summary(type.description())
				.description("POSTed to each webhook subscribed to " + type.name() + ". Verify webhook-signature "
						+ "before trusting the body, and deduplicate on webhook-id: delivery is at least once. "
						+ "Answer any 2xx within the timeout (10 s); anything else is retried with exponential "
						+ "backoff for up to 24 hours.")
				.tags(List.of("Webhooks"))
				.parameters(List.of(
						header("webhook-id", "The event's id; the same on every retry and redelivery", "1042"),
						header("webhook-timestamp", "Unix seconds when this try was signed; refuse old ones",
								"1777889762"),
						header("webhook-signature",
								"Space-separated v1,<base64 HMAC-SHA256 of id.timestamp.body> signatures, one per "
										+ "valid secret (two during a rotation's overlap)",
								"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")))
				.requestBody(new RequestBody().required(true)
					.description("The event as a CloudEvents 1.0 JSON envelope")
					.content(new Content().addMediaType("application/json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/CloudEvent"))
								.example(example(type.name())))))
				.responses(new ApiResponses()
					.addApiResponse("200", new ApiResponse().description("Accepted (any 2xx will do)"))
					.addApiResponse("400", new ApiResponse()
						.description("Refused (for example a bad signature); " + "retried like any non-2xx answer")));
			openApi.addWebhooks(name, new PathItem().post(delivery));
		}
	}

	/**
	 * The subscription Swagger UI pre-fills; the local run shows its demo receiver's URL.
	 */
	private static void requestExample(Operation operation) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
				|| operation.getRequestBody().getContent().get("application/json") == null) {
			return;
		}
		operation.getRequestBody().getContent().get("application/json").example(JsonMapper.shared().readValue("""
				{"url": "https://hooks.example.com/pinpoint-import",
				 "eventTypes": ["io.pinpointimport.import.succeeded", "io.pinpointimport.import.failed"],
				 "description": "Campaign pipeline"}""", OBJECT));
	}

	/** Path examples Swagger UI can execute against the local run's demo webhook. */
	private static void pathExamples(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if ("path".equals(parameter.getIn()) && "id".equals(parameter.getName())) {
				parameter.setExample(WEBHOOK_ID);
			}
			if ("path".equals(parameter.getIn()) && "deliveryId".equals(parameter.getName())) {
				parameter.setExample(Long.valueOf(DELIVERY_ID));
			}
		}
	}

	private static HeaderParameter header(String name, String description, String example) {
		HeaderParameter header = new HeaderParameter();
		header.name(name).description(description).required(true).example(example);
		header.schema(new Schema<>().types(Set.of("string")));
		return header;
	}

	private static Map<String, Object> example(String type) {
		return JsonMapper.shared()
			.readValue("""
					{"specversion": "1.0", "id": "1042", "source": "urn:pinpoint-import-service", "type": "%s",
					 "subject": "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10", "time": "2026-05-04T10:16:02.120Z",
					 "datacontenttype": "application/json", "data": {"id": "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10"}}"""
				.formatted(type), OBJECT);
	}

}
