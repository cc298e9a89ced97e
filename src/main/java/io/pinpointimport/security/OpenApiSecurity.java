package io.pinpointimport.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pinpointimport.system.ProblemSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;

/**
 * Puts both authentication schemes into the OpenAPI document (so Swagger UI's Authorize
 * button offers them) and, on each operation, the scope it requires and its 401/403
 * answers.
 */
final class OpenApiSecurity implements OpenApiCustomizer {

	static final String API_KEY = "apiKey";

	static final String BEARER = "bearerJwt";

	/** Extension naming the one scope an operation requires. */
	static final String REQUIRED_SCOPE = "x-required-scope";

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		components.addSecuritySchemes(API_KEY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(ApiKeyAuthentication.HEADER)
					.description("A static API key issued by the operators; its scopes are configured with it."));
		components.addSecuritySchemes(BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An OAuth2 access token (JWT) from the configured issuer; scopes in its "
							+ "'scope' or 'scp' claim."));
		openApi.setComponents(components);
		if (openApi.getPaths() == null || openApi.getPaths().isEmpty()) {
			return;
		}
		ModelConverters.getInstance().read(ProblemDetail.class).forEach((name, schema) -> {
			if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
				components.addSchemas(name, schema);
			}
		});
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			AccessRules.scopeOf(HttpMethod.valueOf(method.name()), path)
				.ifPresent(scope -> requireScope(operation, path, scope));
		}));
	}

	private static Content problem(Map<String, Object> example) {
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ProblemSchema.NAME))
					.example(example));
	}

	private static void requireScope(Operation operation, String path, String scope) {
		// Scopes of apiKey and http schemes cannot be listed in a requirement (OpenAPI
		// defines scopes for oauth2 only): the extension and the description carry it.
		operation.setSecurity(
				List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
		operation.addExtension(REQUIRED_SCOPE, scope);
		String requires = "Requires scope `" + scope + "`.";
		String description = (operation.getDescription() != null) ? operation.getDescription() : "";
		if (!description.contains(requires)) {
			operation.setDescription(description.isEmpty() ? requires : description + " " + requires);
		}
		if (operation.getResponses() != null) {
			operation.getResponses()
				.putIfAbsent("401", new ApiResponse().description("No valid API key or token")
					.content(problem(ProblemSchema.example("401", path, null))));
			String lacksScope = "The credentials lack the scope '" + scope + "'";
			ApiResponse forbidden = operation.getResponses().get("403");
			if (forbidden == null) {
				Map<String, Object> example = new LinkedHashMap<>(ProblemSchema.example("403", path, null));
				example.put("detail", "This call requires the scope '" + scope + "', which your credentials lack.");
				example.put("requiredScope", scope);
				operation.getResponses()
					.addApiResponse("403", new ApiResponse().description(lacksScope).content(problem(example)));
			}
			else if (!forbidden.getDescription().contains(lacksScope)) {
				forbidden.setDescription(lacksScope + "; or " + forbidden.getDescription());
			}
		}
	}

}
