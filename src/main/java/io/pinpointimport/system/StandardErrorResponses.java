package io.pinpointimport.system;

import java.util.List;
import java.util.function.Predicate;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Adds the error responses every operation shares to the OpenAPI document, in place of
 * annotations repeated on each controller method: 400 where there is input, 404 where a
 * path variable names a resource, 406 where a success has a body, 413 and 415 where a
 * body is sent, 429, 500 and 503 everywhere. Each error response, added here or declared
 * on the method, answers {@code application/problem+json} with {@link ProblemSchema}.
 * Authentication and scope answers (401, 403) come from {@code security.OpenApiSecurity}.
 */
@Component
class StandardErrorResponses implements OpenApiCustomizer {

	static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * One standard response: its status, description and the operations it applies to.
	 */
	private record Standard(String code, String description, Predicate<Endpoint> appliesTo) {

	}

	/** An operation with its method and path. */
	private record Endpoint(PathItem.HttpMethod method, String path, Operation operation) {

		boolean hasInput() {
			return hasBody() || parameters().stream().anyMatch(p -> !"header".equals(p.getIn()));
		}

		boolean hasBody() {
			return this.operation.getRequestBody() != null;
		}

		/** A success answers with a body, so the Accept header is negotiated. */
		boolean answersWithBody() {
			return this.operation.getResponses() != null && this.operation.getResponses()
				.entrySet()
				.stream()
				.anyMatch(entry -> entry.getKey().startsWith("2") && !entry.getKey().equals("204")
						&& entry.getValue().getContent() != null && !entry.getValue().getContent().isEmpty());
		}

		boolean namesResource() {
			return this.path.contains("{") && this.method != PathItem.HttpMethod.PUT;
		}

		private List<io.swagger.v3.oas.models.parameters.Parameter> parameters() {
			return (this.operation.getParameters() != null) ? this.operation.getParameters() : List.of();
		}

	}

	private static final List<Standard> STANDARD = List.of(
			new Standard(
					"400", "Invalid input: `errors` names each parameter or field and its fix", Endpoint::hasInput),
			new Standard("404", "Nothing of that id", Endpoint::namesResource),
			new Standard("406",
					"The Accept header admits neither this answer's media type nor application/problem+json",
					Endpoint::answersWithBody),
			new Standard("413", "The request body exceeds the configured maximum size", Endpoint::hasBody),
			new Standard("415", "The request body is not application/json", Endpoint::hasBody),
			new Standard("429", "This client is over its request rate; retry after `Retry-After` seconds",
					endpoint -> true),
			new Standard("500", "The service failed unexpectedly; the error was logged", endpoint -> true),
			new Standard("503", "A dependency is unavailable (the database cannot be reached); retry after "
					+ "`Retry-After` seconds", endpoint -> true));

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> customise(new Endpoint(method, path, operation))));
	}

	private static void customise(Endpoint endpoint) {
		ApiResponses responses = endpoint.operation().getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			endpoint.operation().setResponses(responses);
		}
		for (Standard standard : STANDARD) {
			if (standard.appliesTo().test(endpoint) && !responses.containsKey(standard.code())) {
				responses.addApiResponse(standard.code(), new ApiResponse().description(standard.description()));
			}
		}
		responses.replaceAll((code, response) -> problemContent(code, endpoint.path(), response));
	}

	/**
	 * An error response declared without a problem body answers problem+json, with an
	 * example of its status; springdoc's guess (the method's return type) is dropped.
	 */
	private static ApiResponse problemContent(String code, String path, ApiResponse response) {
		boolean error = code.startsWith("4") || code.startsWith("5");
		if (!error || (response.getContent() != null && response.getContent().containsKey(PROBLEM_JSON))) {
			return response;
		}
		return response.content(new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ProblemSchema.NAME))
					.example(ProblemSchema.example(code, path, response.getDescription()))));
	}

}
