package io.pinpointimport.system;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The problem+json shape as the service writes it, in place of springdoc's reading of
 * Spring's {@code ProblemDetail} class ({@code properties} with {@code additionalProp1}):
 * type, title, status, detail, instance, and the members this service adds
 * ({@code errors}, {@code rule}); and on each error response an example of its status.
 */
@Component
public final class ProblemSchema implements OpenApiCustomizer {

	/** The schema every error response refers to. */
	public static final String NAME = "ProblemDetail";

	ProblemSchema() {
	}

	private static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * Adds the schema and the examples; responses added by customizers that run later
	 * ({@code security.OpenApiSecurity}) take their example from {@link #example}.
	 */
	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			return;
		}
		openApi.getComponents().addSchemas(NAME, schema());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperations()
				.forEach(operation -> operation.getResponses().forEach((code, response) -> {
					MediaType problem = (response.getContent() != null) ? response.getContent().get(PROBLEM_JSON)
							: null;
					if (problem != null && problem.getExample() == null
							&& (problem.getExamples() == null || problem.getExamples().isEmpty())) {
						problem.setExample(example(code, path, response.getDescription()));
					}
				})));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> schema() {
		ObjectSchema fieldProblem = new ObjectSchema();
		fieldProblem.description("One invalid input")
			.addProperty("field", new StringSchema().description("JSON path, parameter or header").example("s3Url"))
			.addProperty("message", new StringSchema().description("What is wrong and how to fix it")
				.example("must look like s3://bucket/key or s3://bucket/prefix/"));
		fieldProblem.setRequired(List.of("field", "message"));
		ObjectSchema schema = new ObjectSchema();
		schema
			.description("RFC 9457 problem details. Further members carry what a kind of problem needs "
					+ "(requiredScope, validation, awsErrorCode, awsRequestId, ...).")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("The kind of problem: " + Problems.TYPE_BASE + "<kind>")
						.example(Problems.TYPE_BASE + "invalid-request"))
			.addProperty("title",
					new StringSchema().description("The kind of problem in words").example("Invalid request"))
			.addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
			.addProperty("detail",
					new StringSchema().description("What happened and what to do")
						.example("s3Url: must look like s3://bucket/key or s3://bucket/prefix/, got 'demo-audiences'"))
			.addProperty("instance",
					new StringSchema().format("uri-reference")
						.description("The request's path")
						.example("/api/v1/imports"))
			.addProperty("errors",
					new ArraySchema().items(fieldProblem).description("For invalid input: each field and its fix"))
			.addProperty("rule",
					new StringSchema()
						.description("For a guard-rail (403) or a file check: the id of the rule that refused")
						.example("allowed-s3-locations"));
		schema.setRequired(List.of("type", "title", "status"));
		schema.setAdditionalProperties(Boolean.TRUE);
		return (Schema) schema;
	}

	/**
	 * An example problem for an error response: its status, on an operation at
	 * {@code path} whose response says {@code description}.
	 */
	public static Map<String, Object> example(String code, String path, String description) {
		String resource = path.startsWith("/api/v1/import-roles") ? "import-role" : "import";
		return switch (code) {
			case "400" -> problem("invalid-request", "Invalid request", 400,
					"s3Url: must look like s3://bucket/key or s3://bucket/prefix/, got 'demo-audiences'", path,
					// ordered, so that the generated document is the same on every run
					Map.of("errors", List.of(new TreeMap<>(Map.of("field", "s3Url", "message",
							"must look like s3://bucket/key or s3://bucket/prefix/, got 'demo-audiences'")))));
			case "401" -> problem("unauthenticated", "Authentication required", 401,
					"Send an API key in the X-Api-Key header or an OAuth2 access token as 'Authorization: Bearer "
							+ "<token>'.",
					path, Map.of());
			case "403" -> (description != null && description.contains("guard-rail"))
					? problem("guardrail-violation", "Forbidden by a guard-rail", 403,
							"s3Url s3://other-bucket/ is not under an allowed location (guard-rail "
									+ "'allowed-s3-locations', setting pinpoint-import.guardrails.s3-locations)",
							path, Map.of("rule", "allowed-s3-locations", "field", "s3Url"))
					: problem("insufficient-scope", "Insufficient scope", 403,
							"This call requires the scope 'imports:write', which your credentials lack.", path,
							Map.of("requiredScope", "imports:write"));
			case "404" -> problem(resource + "-not-found",
					resource.equals("import") ? "Import not found" : "Import role not found", 404,
					resource.equals("import") ? "No import has the id 0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10."
							: "No managed import role is named demo-importer.",
					path, Map.of());
			case "409" -> path.endsWith("/retry")
					? problem("import-not-failed", "Import cannot be retried", 409,
							"Import 0b6f1c8e-2f7d-4a55-9a51-6f0f7f3c2a10 is SUCCEEDED; only a FAILED import can be "
									+ "retried.",
							path, Map.of())
					: problem(resource.equals("import") ? "import-already-submitted" : "role-not-managed", "Conflict",
							409, description, path, Map.of());
			case "406" -> problem("not-acceptable", "Not acceptable", 406,
					"Acceptable representations: [application/json, application/problem+json].", path,
					Map.of("supported", "application/json"));
			case "413" -> problem("request-too-large", "Request too large", 413,
					"The request body exceeds 256KB (pinpoint-import.security.max-request-size).", path, Map.of());
			case "415" -> problem("unsupported-media-type", "Unsupported media type", 415,
					"Send the body as application/json.", path, Map.of("supported", "application/json"));
			case "422" -> problem("idempotency-key-reused", "Idempotency key reused", 422, description, path, Map.of());
			case "429" -> problem("rate-limited", "Too many requests", 429,
					"This client made more than 600 requests in a minute; retry after the Retry-After seconds.", path,
					Map.of());
			case "502" -> problem("aws-error", "AWS call failed", 502,
					"IAM answered AccessDenied (request id 4f0c7c3a-0d6b-4c4e-9d38-4f9a3b0f6f21).", path, Map.of());
			case "503" -> (description != null && description.contains("database"))
					? problem("database-unavailable", "Database unavailable", 503,
							"The service's database cannot be reached; nothing was changed. Retry after 5 s.", path,
							Map.of())
					: problem("aws-throttled", "AWS throttled the call", 503,
							"AWS throttled the call beyond the SDK's retries; retry after the Retry-After seconds.",
							path, Map.of());
			default -> problem("internal-error", "Internal error", Integer.parseInt(code),
					"The service failed unexpectedly; the error was logged.", path, Map.of());
		};
	}

	private static Map<String, Object> problem(String type, String title, int status, String detail, String path,
			Map<String, Object> more) {
		ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(status), type, title, detail, new TreeMap<>(more));
		// Other path variables (a webhook's delivery id, say) are shown by their names.
		problem.setInstance(URI.create(path.replace("{id}", OpenApiExamples.IMPORT_ID)
			.replace("{roleName}", OpenApiExamples.DEMO_ROLE)
			.replaceAll("\\{([^}/]+)\\}", "$1")));
		return Problems.members(problem);
	}

}
