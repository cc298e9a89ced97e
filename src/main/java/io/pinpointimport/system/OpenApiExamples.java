package io.pinpointimport.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Request examples Swagger UI can execute as they stand against the local run
 * ({@code ./mvnw spring-boot:test-run}): its demo bucket and demo roles; the application
 * and import ids are placeholders the local run replaces with those of the demo data it
 * seeds (a succeeded, a failed and a cancelled import). Each example is valid on its own
 * (exactly one of segmentName and segmentId, one role).
 */
@Component
class OpenApiExamples implements OpenApiCustomizer {

	/** Application id of the examples; the local run shows its own demo application's. */
	static final String DEMO_APPLICATION_ID = "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21";

	/** Files the local run seeds. */
	static final String DEMO_CSV = "s3://demo-audiences/endpoints/csv/";

	static final String DEMO_JSON = "s3://demo-audiences/endpoints/json/";

	/** The Customer Profiles domain the local run seeds. */
	static final String DEMO_DOMAIN = "demo-customers";

	/** A role the local run declares. */
	static final String DEMO_ROLE = "demo-importer";

	/** A second role the local run declares, for trying DELETE. */
	static final String SPARE_ROLE = "demo-importer-spare";

	/** Import ids of the examples; the local run shows those of the imports it seeds. */
	static final String IMPORT_ID = "0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10";

	static final String FAILED_IMPORT_ID = "5d2f9a71-3c4b-4e8d-9f10-2a6b7c8d9e01";

	static final String CANCELLED_IMPORT_ID = "c4e1b2a3-6d5f-4a7b-8c9d-0e1f2a3b4c5d";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(this::customise));
		Map<String, Schema> schemas = (openApi.getComponents() != null) ? openApi.getComponents().getSchemas() : null;
		if (schemas != null) {
			propertyExample(schemas.get("ImportRequest"), "s3Url", DEMO_CSV);
			propertyExample(schemas.get("ImportRequest"), "roleName", DEMO_ROLE);
			propertyExample(schemas.get("ImportRequest"), "segmentName", "demo-csv");
			propertyExample(schemas.get("ValidationRequest"), "s3Url", DEMO_CSV);
		}
	}

	private void customise(Operation operation) {
		String id = (operation.getOperationId() != null) ? operation.getOperationId() : "";
		switch (id) {
			case "startImport" -> requestExamples(operation, Map.of("csv",
					example("The demo CSV files into a new segment", startImport(DEMO_CSV, "CSV", "demo-csv")), "json",
					example("The demo JSON file into a new segment, every row checked first",
							withValidation(startImport(DEMO_JSON, "JSON", "demo-json"), "FULL")),
					"customerProfiles", example("The demo CSV files into the demo Customer Profiles domain",
							customerProfilesImport(DEMO_CSV, "CSV"))));
			case "validateLocation" -> requestExamples(operation,
					Map.of("csv", example("The demo CSV files, every row", validateLocation(DEMO_CSV, "CSV", "FULL"))));
			case "getImportRole", "putImportRole" -> pathExample(operation, "roleName", DEMO_ROLE);
			case "deleteImportRole" -> pathExample(operation, "roleName", SPARE_ROLE);
			case "getImport" -> pathExample(operation, "id", IMPORT_ID);
			case "retryImport" -> pathExample(operation, "id", FAILED_IMPORT_ID);
			case "cancelImport" -> pathExample(operation, "id", CANCELLED_IMPORT_ID);
			default -> {
			}
		}
	}

	private static Map<String, Object> startImport(String s3Url, String format, String segmentName) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applicationId", DEMO_APPLICATION_ID);
		body.put("s3Url", s3Url);
		body.put("format", format);
		body.put("segmentName", segmentName);
		body.put("roleName", DEMO_ROLE);
		return body;
	}

	private static Map<String, Object> validateLocation(String s3Url, String format, String mode) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("s3Url", s3Url);
		body.put("format", format);
		body.put("mode", mode);
		return body;
	}

	private static Map<String, Object> customerProfilesImport(String s3Url, String format) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("destination", "CUSTOMER_PROFILES");
		body.put("s3Url", s3Url);
		body.put("format", format);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("domainName", DEMO_DOMAIN);
		settings.put("dataExpiryDays", 365);
		body.put("customerProfiles", settings);
		return body;
	}

	private static Map<String, Object> withValidation(Map<String, Object> body, String validation) {
		body.put("validation", validation);
		return body;
	}

	private static Example example(String summary, Object value) {
		return new Example().summary(summary).value(value);
	}

	private static void requestExamples(Operation operation, Map<String, Example> examples) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return;
		}
		MediaType json = operation.getRequestBody().getContent().get("application/json");
		if (json != null) {
			// Ordered: Swagger UI pre-fills the first.
			json.setExamples(new LinkedHashMap<>(new TreeMap<>(examples)));
		}
	}

	private static void pathExample(Operation operation, String name, String value) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if (name.equals(parameter.getName()) && "path".equals(parameter.getIn())) {
				parameter.setExample(value);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static void propertyExample(Schema<?> schema, String property, Object example) {
		if (schema != null && schema.getProperties() != null && schema.getProperties().get(property) != null) {
			((Schema<Object>) schema.getProperties().get(property)).setExample(example);
		}
	}

}
