package io.pinpointimport.role;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import-roles API: declare, read (with drift), list and delete the IAM roles
 * Pinpoint assumes to read S3.
 */
@RestController
@RequestMapping("/api/v1/import-roles")
@Tag(name = "Import roles", description = "The IAM role Pinpoint assumes to read import files from S3: "
		+ "created, verified, repaired and deleted by this service")
class ImportRoleController {

	private static final String JSON = "application/json";

	private static final String ROLE_NAME_MESSAGE = "must be 1 to 64 letters, digits or + = , . @ _ - (IAM role name)";

	private final ImportRoleService roles;

	ImportRoleController(ImportRoleService roles) {
		this.roles = roles;
	}

	@PutMapping("/{roleName}")
	@Operation(operationId = "putImportRole", summary = "Declare an import role: create, verify or repair it",
			description = "Makes IAM hold the declared role with the fewest writes: creates it (201), leaves it "
					+ "alone when it already matches (200, no IAM writes), or repairs what drifted (200). "
					+ "`actions` lists the IAM writes made. With `dryRun=true` nothing is written and `actions` "
					+ "is the plan, each call with its document.")
	@ApiResponse(responseCode = "200", description = "The role already matched, was repaired, or (dry run) the plan",
			content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportRoleView.class),
					examples = {
							@ExampleObject(name = "unchanged", summary = "Already matched: no IAM writes",
									value = ImportRoleExamples.UNCHANGED),
							@ExampleObject(name = "plan", summary = "Dry run of a repair: the plan, nothing written",
									value = ImportRoleExamples.PLANNED) }))
	@ApiResponse(responseCode = "201", description = "The role was created",
			content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportRoleView.class),
					examples = @ExampleObject(name = "created", value = ImportRoleExamples.CREATED)))
	@ApiResponse(responseCode = "409",
			description = "The role exists but was not created by this service, or an IAM quota is reached")
	@ApiResponse(responseCode = "502",
			description = "AWS refused or failed (denied: lists the IAM actions the service needs)")
	@ApiResponse(responseCode = "503", description = "AWS kept throttling; retry after `Retry-After` seconds")
	ResponseEntity<ImportRoleView> put(
			@Parameter(description = "IAM role name", example = "pinpoint-import-growth") @PathVariable @Pattern(
					regexp = ImportRoleRequest.ROLE_NAME, message = ROLE_NAME_MESSAGE) String roleName,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The role wanted",
					content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportRoleRequest.class),
							examples = { @ExampleObject(
									name = "managed", summary = "AmazonS3ReadOnlyAccess, for one Pinpoint application",
									value = ImportRoleExamples.MANAGED_REQUEST),
									@ExampleObject(name = "scoped",
											summary = "Least privilege: two S3 locations and a KMS key",
											value = ImportRoleExamples.SCOPED_REQUEST) })) @RequestBody @Valid ImportRoleRequest request,
			@Parameter(description = "Only plan: answer the IAM calls it would make, write nothing") @RequestParam(
					defaultValue = "false") boolean dryRun,
			@Parameter(description = "Take over an existing role on the service's IAM path that lacks the "
					+ "managed-by tag; recorded as an adoption") @RequestParam(defaultValue = "false") boolean adopt) {
		ImportRoleService.PutResult result = this.roles.put(request.toDeclaration(roleName), dryRun, adopt);
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/v1/import-roles/" + result.role().roleName()))
				.body(result.role());
		}
		return ResponseEntity.ok(result.role());
	}

	@GetMapping("/{roleName}")
	@Operation(operationId = "getImportRole", summary = "Read an import role and its drift",
			description = "Reads the role live from IAM and compares it with the declared role: `drift` names each "
					+ "difference (principal changed, condition removed, policy detached or added, inline policy "
					+ "edited, role missing).")
	@ApiResponse(responseCode = "200", description = "The role as IAM holds it, with its drift",
			content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportRoleView.class),
					examples = {
							@ExampleObject(name = "in-sync", summary = "IAM matches the declaration",
									value = ImportRoleExamples.UNCHANGED),
							@ExampleObject(name = "drifted", summary = "Tampered with in IAM",
									value = ImportRoleExamples.DRIFTED) }))
	@ApiResponse(responseCode = "404", description = "This service manages no role of that name")
	@ApiResponse(responseCode = "502", description = "AWS refused or failed")
	@ApiResponse(responseCode = "503", description = "AWS kept throttling; retry after `Retry-After` seconds")
	ImportRoleView get(@Parameter(description = "IAM role name") @PathVariable @Pattern(
			regexp = ImportRoleRequest.ROLE_NAME, message = ROLE_NAME_MESSAGE) String roleName) {
		return this.roles.get(roleName);
	}

	@GetMapping
	@Operation(operationId = "listImportRoles", summary = "List the import roles this service manages",
			description = "Pages through the stored roles by name; no IAM calls (read one role to see its drift).")
	@ApiResponse(responseCode = "200", description = "One page of roles",
			content = @Content(mediaType = JSON, schema = @Schema(implementation = ImportRolePage.class),
					examples = @ExampleObject(name = "page", value = ImportRoleExamples.PAGE)))
	ImportRolePage list(
			@Parameter(description = "Page number, from 0") @RequestParam(
					defaultValue = "0") @Min(0) @Max(100000) int page,
			@Parameter(description = "Roles per page") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.roles.list(page, size);
	}

	@DeleteMapping("/{roleName}")
	@Operation(operationId = "deleteImportRole", summary = "Delete an import role",
			description = "Detaches and deletes its policies, then deletes the role in IAM, and forgets it.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such role, here or in IAM")
	@ApiResponse(responseCode = "409",
			description = "The role was not created by this service, or an unfinished import uses it")
	@ApiResponse(responseCode = "502", description = "AWS refused or failed")
	@ApiResponse(responseCode = "503", description = "AWS kept throttling; retry after `Retry-After` seconds")
	ResponseEntity<Void> delete(@Parameter(description = "IAM role name") @PathVariable @Pattern(
			regexp = ImportRoleRequest.ROLE_NAME, message = ROLE_NAME_MESSAGE) String roleName) {
		this.roles.delete(roleName);
		return ResponseEntity.noContent().build();
	}

}
