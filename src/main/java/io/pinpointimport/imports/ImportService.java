package io.pinpointimport.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.pinpointimport.destination.Destination;
import io.pinpointimport.destination.DestinationFailure;
import io.pinpointimport.destination.Destinations;
import io.pinpointimport.destination.ImportDestination;
import io.pinpointimport.destination.ProfileField;
import io.pinpointimport.destination.ProfilesTarget;
import io.pinpointimport.role.ImportRoleNotFound;
import io.pinpointimport.guardrail.GuardRails;
import io.pinpointimport.shared.ApplicationId;
import io.pinpointimport.shared.FileValidation;
import io.pinpointimport.profiles.ProfilesChecks;
import io.pinpointimport.role.ImportRoleLookup;
import io.pinpointimport.shared.S3Location;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Accepts, shows, cancels and retries imports. Accepting only stores: no AWS call is made
 * on the request path; the workers take it from there.
 */
@Service
class ImportService {

	private final ImportReads imports;

	private final ImportWrites writes;

	private final ImportSettings settings;

	private final ImportRoleLookup roles;

	private final ObjectProvider<ImportPreflight> preflights;

	private final ImportWorkers workers;

	private final GuardRails guardRails;

	private final Destinations destinations;

	private final ProfilesChecks profilesChecks;

	private final ObjectProvider<ImportRequestCheck> requestChecks;

	private final RoleSettling settling;

	ImportService(ImportReads imports, ImportWrites writes, ImportSettings settings, ImportRoleLookup roles,
			ObjectProvider<ImportPreflight> preflights, ImportWorkers workers, GuardRails guardRails,
			Destinations destinations, ProfilesChecks profilesChecks, ObjectProvider<ImportRequestCheck> requestChecks,
			RoleSettling settling) {
		this.settling = settling;
		this.destinations = destinations;
		this.profilesChecks = profilesChecks;
		this.imports = imports;
		this.writes = writes;
		this.settings = settings;
		this.roles = roles;
		this.preflights = preflights;
		this.workers = workers;
		this.guardRails = guardRails;
		this.requestChecks = requestChecks;
	}

	/** An accepted import, and whether it was an idempotent replay. */
	record Accepted(StoredImport imp, boolean replayed) {

	}

	Accepted accept(ImportRequest request, String idempotencyKey, String requestedBy) {
		boolean profiles = request.destinationOrDefault() == Destination.CUSTOMER_PROFILES;
		if (profiles) {
			checkProfilesRules(request);
			this.guardRails.checkS3Url("s3Url", request.s3Url());
		}
		else {
			checkRules(request);
			checkGuardRails(request.applicationId(), request.s3Url(), request.roleArn());
		}
		String hash = hash(request);
		if (idempotencyKey != null) {
			Optional<StoredImport> earlier = this.imports.findByIdempotencyKey(requestedBy, idempotencyKey);
			if (earlier.isPresent()) {
				return replay(earlier.get(), idempotencyKey, hash);
			}
		}
		ImportSpec spec = profiles ? profilesSpec(request)
				: new ImportSpec(request.applicationId(), request.s3Url(), request.format(), request.segmentName(),
						request.segmentId(), request.registers(), roleName(request), roleArn(request),
						request.validationOrDefault());
		if (!profiles) {
			checkApplicationIdIssued(request);
		}
		this.requestChecks.orderedStream().forEach(check -> check.checkLocation("s3Url", request.s3Url()));
		StoredImport imp = StoredImport.accepted(UUID.randomUUID(), spec, this.preflights.stream().findAny().isEmpty(),
				requestedBy, idempotencyKey, hash,
				// as PostgreSQL keeps it, so this answer and later reads agree
				Instant.now().truncatedTo(ChronoUnit.MICROS));
		if (!this.writes.insert(imp)) {
			// A concurrent request with the same key won the insert.
			return replay(this.imports.findByIdempotencyKey(requestedBy, idempotencyKey).orElseThrow(), idempotencyKey,
					hash);
		}
		this.settling.holdIfSettling(imp);
		this.workers.wake();
		return new Accepted(imp, false);
	}

	StoredImport get(UUID id) {
		return this.imports.find(id).orElseThrow(() -> new ImportNotFound(id));
	}

	/** A page of imports, newest first, and the cursor of the next page (or null). */
	record Page(List<StoredImport> items, String nextCursor) {

	}

	Page list(ImportFilter filter, String cursor, int limit) {
		List<StoredImport> items = this.imports.list(filter, decodeCursor(cursor), limit + 1);
		if (items.size() <= limit) {
			return new Page(items, null);
		}
		List<StoredImport> page = items.subList(0, limit);
		return new Page(page, encodeCursor(page.get(limit - 1).seq()));
	}

	StoredImport cancel(UUID id) {
		StoredImport imp = get(id);
		if (imp.state() == ImportState.CANCELLED) {
			return imp;
		}
		ImportDestination destination = this.destinations.of(imp.spec().destination());
		if (imp.state() == ImportState.RUNNING && destination.capabilities().cancel() && imp.job().jobId() != null) {
			// A destination that can stop a running job (Customer Profiles'
			// StopUploadJob).
			try {
				destination.cancel(imp.spec().applicationId(), imp.job().jobId());
			}
			catch (DestinationFailure failure) {
				throw JobNotStopped.of(id, destination.capabilities().name(), failure);
			}
			if (this.writes.cancelRunning(id, Instant.now()) || get(id).state() == ImportState.CANCELLED) {
				// ended by this call, or by the poller, which saw the stopped job first
				return get(id);
			}
		}
		if (!this.writes.cancel(id, Instant.now())) {
			throw ImportStateConflict.notCancellable(id, get(id).state());
		}
		return get(id);
	}

	StoredImport retry(UUID id) {
		StoredImport imp = get(id);
		// The guard-rails may have tightened since the import was accepted.
		checkGuardRails(imp.spec().applicationId(), imp.spec().s3Url(),
				(imp.spec().roleName() == null) ? imp.spec().roleArn() : null);
		if (!this.writes.retry(id, this.preflights.stream().findAny().isEmpty())) {
			throw ImportStateConflict.notRetryable(id, get(imp.id()).state());
		}
		this.settling.holdIfSettling(imp);
		this.workers.wake();
		return get(id);
	}

	private Accepted replay(StoredImport earlier, String key, String hash) {
		if (!earlier.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused(key, earlier.id());
		}
		return new Accepted(earlier, true);
	}

	/**
	 * A Customer Profiles import: the domain takes the application's place (in its own
	 * namespace of application ids), there is no role and no segment, and Pinpoint's file
	 * rules do not apply unless asked for - the destination checks the files itself
	 * before it creates the upload job.
	 */
	private ImportSpec profilesSpec(ImportRequest request) {
		CustomerProfilesRequest settings = request.customerProfiles();
		// Checked last: the only check that calls AWS.
		this.profilesChecks.requireDomain(settings.domainName());
		List<ProfileField> fields = (settings.fields() == null) ? null : settings.fields()
			.stream()
			.map(field -> new ProfileField(field.column(), field.source(), field.target(), field.contentType().name()))
			.toList();
		ProfilesTarget target = new ProfilesTarget(settings.domainName(), fields, settings.uniqueKey(),
				settings.dataExpiryDays());
		return new ImportSpec(ProfilesChecks.NAMESPACE + settings.domainName(), request.s3Url(), request.format(), null,
				null, false, null, null, (request.validation() != null) ? request.validation() : FileValidation.NONE,
				Destination.CUSTOMER_PROFILES, target);
	}

	private void checkProfilesRules(ImportRequest request) {
		List<InvalidImportRequest.FieldProblem> errors = new ArrayList<>();
		String elsewhere = " belongs to PINPOINT imports; a CUSTOMER_PROFILES import names its domain in "
				+ "customerProfiles instead";
		if (request.applicationId() != null) {
			errors.add(new InvalidImportRequest.FieldProblem("applicationId", "is not taken:" + elsewhere));
		}
		if (request.segmentName() != null || request.segmentId() != null) {
			errors.add(new InvalidImportRequest.FieldProblem(
					(request.segmentName() != null) ? "segmentName" : "segmentId", "is not taken:" + elsewhere));
		}
		if (request.roleName() != null || request.roleArn() != null) {
			errors.add(new InvalidImportRequest.FieldProblem((request.roleName() != null) ? "roleName" : "roleArn",
					"is not taken: Customer Profiles needs no import role, this service uploads the files itself"));
		}
		if (request.registerEndpoints() != null) {
			errors.add(new InvalidImportRequest.FieldProblem("registerEndpoints", "is not taken:" + elsewhere));
		}
		CustomerProfilesRequest settings = request.customerProfiles();
		if (settings == null) {
			errors.add(new InvalidImportRequest.FieldProblem("customerProfiles",
					"is required for CUSTOMER_PROFILES: give domainName and dataExpiryDays"));
		}
		else {
			List<ProfileField> fields = (settings.fields() == null) ? null
					: settings.fields()
						.stream()
						.map(field -> new ProfileField(field.column(), field.source(), field.target(),
								field.contentType().name()))
						.toList();
			this.profilesChecks.problems(fields, settings.uniqueKey())
				.forEach(problem -> errors.add(new InvalidImportRequest.FieldProblem(problem[0], problem[1])));
		}
		if (!errors.isEmpty()) {
			throw new InvalidImportRequest(errors);
		}
	}

	private void checkRules(ImportRequest request) {
		List<InvalidImportRequest.FieldProblem> errors = new ArrayList<>();
		if (request.customerProfiles() != null) {
			errors.add(new InvalidImportRequest.FieldProblem("customerProfiles",
					"is only taken with destination CUSTOMER_PROFILES"));
		}
		if ((request.segmentName() == null) == (request.segmentId() == null)) {
			errors.add(new InvalidImportRequest.FieldProblem("segmentName",
					"give exactly one of segmentName (create a segment) and segmentId (update one)"));
		}
		if (request.roleName() != null && request.roleArn() != null) {
			errors.add(new InvalidImportRequest.FieldProblem("roleArn",
					"give at most one of roleName (a managed role) and roleArn (an external role)"));
		}
		else if (request.roleArn() == null && request.roleName() == null && this.settings.defaultRoleName() == null) {
			errors.add(new InvalidImportRequest.FieldProblem("roleName",
					"is required: no default role is configured (pinpoint-import.imports.default-role-name)"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidImportRequest(errors);
		}
	}

	/** What would only fail later (after a 202) but is knowable now: 422. */
	private void checkApplicationIdIssued(ImportRequest request) {
		if (!request.applicationId().matches(ApplicationId.ISSUED_PATTERN)) {
			throw new ApplicationIdMalformed(request.applicationId());
		}
	}

	private void checkGuardRails(String applicationId, String s3Url, String externalRoleArn) {
		this.guardRails.checkApplicationId("applicationId", applicationId);
		this.guardRails.checkS3Url("s3Url", s3Url);
		if (externalRoleArn != null) {
			this.guardRails.checkExternalRole("roleArn", externalRoleArn);
		}
	}

	private String roleName(ImportRequest request) {
		if (request.roleArn() != null) {
			return null;
		}
		return (request.roleName() != null) ? request.roleName() : this.settings.defaultRoleName();
	}

	private String roleArn(ImportRequest request) {
		if (request.roleArn() != null) {
			return request.roleArn();
		}
		String name = roleName(request);
		return this.roles.usableRoleArn(name, request.applicationId(), S3Location.parse(request.s3Url()))
			.orElseThrow(() -> new ImportRoleNotFound(name));
	}

	/** Fingerprint of the request as the client sent it, defaults applied. */
	static String hash(ImportRequest request) {
		String canonical = String.join("\u0000", request.applicationId(), request.s3Url(), request.format().name(),
				String.valueOf(request.segmentName()), String.valueOf(request.segmentId()),
				String.valueOf(request.registers()), String.valueOf(request.roleName()),
				String.valueOf(request.roleArn()), request.validationOrDefault().name());
		if (request.destinationOrDefault() != Destination.PINPOINT) {
			// Pinpoint requests keep the fingerprint they had before destinations.
			canonical += "\u0000" + request.destinationOrDefault() + "\u0000" + request.customerProfiles();
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static String encodeCursor(long seq) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("s" + seq).getBytes(StandardCharsets.UTF_8));
	}

	static Long decodeCursor(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith("s")) {
				return Long.parseLong(decoded.substring(1));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidImportRequest("cursor", "is not a cursor this service issued; use nextCursor from a list");
	}

}
