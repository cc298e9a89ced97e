package io.pinpointimport.role;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import software.amazon.awssdk.regions.Region;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.pinpointimport.guardrail.GuardRails;
import io.pinpointimport.shared.S3Location;
import io.pinpointimport.role.IamChange.CreateRole;
import io.pinpointimport.role.IamGateway.CreatedRole;
import io.pinpointimport.role.RoleChange.Outcome;
import io.pinpointimport.system.Caller;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponse;

/**
 * Declares, verifies, repairs and deletes import roles: plans from the live IAM state,
 * applies the plan, and keeps the desired state and a record of every change.
 */
@Service
class ImportRoleService implements ImportRoleLookup {

	private final IamGateway iam;

	private final StsGateway sts;

	private final ImportRoleStore store;

	private final RoleSettings settings;

	private final Region region;

	/**
	 * Longest a change to one role may hold its lease (IAM calls and the up-to-20 s
	 * waiter), and longest another change waits for it.
	 */
	private static final Duration LOCK_LEASE = Duration.ofMinutes(2);

	private static final Duration LOCK_POLL = Duration.ofMillis(50);

	private final ObjectProvider<RoleUsage> usage;

	private final GuardRails guardRails;

	private final ApplicationEventPublisher events;

	ImportRoleService(IamGateway iam, StsGateway sts, ImportRoleStore store, RoleSettings settings, Region awsRegion,
			ObjectProvider<RoleUsage> usage, GuardRails guardRails, ApplicationEventPublisher events) {
		this.iam = iam;
		this.sts = sts;
		this.store = store;
		this.settings = settings;
		this.region = awsRegion;
		this.usage = usage;
		this.guardRails = guardRails;
		this.events = events;
	}

	/**
	 * The result of a PUT.
	 *
	 * @param created true when IAM created the role
	 * @param role the role after the request
	 */
	record PutResult(boolean created, ImportRoleView role) {
	}

	/**
	 * Makes IAM hold the declared role, with the fewest writes; with {@code dryRun} only
	 * plans. {@code adopt} allows taking over an untagged role on the service's path.
	 */
	PutResult put(RoleDeclaration declaration, boolean dryRun, boolean adopt) {
		checkGuardRails(declaration);
		if (dryRun) {
			return declare(declaration, adopt, null);
		}
		return locked(declaration.roleName(), "PUT", declaration, execution -> declare(declaration, adopt, execution));
	}

	/** The role with its drift, read live from IAM. */
	ImportRoleView get(String roleName) {
		StoredRole stored = this.store.find(roleName).orElseThrow(() -> new ImportRoleNotFound(roleName));
		DesiredRole desired = desired(stored.declaration(), stored.path());
		LiveRole live = this.iam.findRole(stored.roleName()).orElse(null);
		boolean managed = live == null || owns(live, stored, stored.path());
		List<Drift> drift = RolePlanner.drift(desired, live, managed);
		if (!drift.isEmpty()) {
			this.events.publishEvent(new ImportRoleDriftFound(stored.roleName(), stored.declaration().applicationId(),
					drift.stream().map(Drift::detail).toList()));
		}
		LiveRole shown = managed ? live : null;
		return ImportRoleView.stored(stored, shown, stored.state(Instant.now(), this.settings.settleTime()), drift);
	}

	/** A page of the roles this service manages, from storage only. */
	ImportRolePage list(int page, int size) {
		long total = this.store.count();
		Instant now = Instant.now();
		List<ImportRoleSummary> items = this.store.page(page * size, size)
			.stream()
			.map(role -> new ImportRoleSummary(role.roleName(), role.arn(), role.path(),
					role.declaration().applicationId(), role.declaration().access(), role.iamCreatedAt(),
					role.declaredAt(), role.declaredBy(), role.state(now, this.settings.settleTime())))
			.toList();
		return new ImportRolePage(items, page, size, total, (total + size - 1) / size);
	}

	/**
	 * Deletes the role from IAM (policies first) and forgets it; refuses foreign roles
	 * and roles an unfinished import uses.
	 */
	void delete(String roleName) {
		locked(roleName, "DELETE", null, execution -> {
			StoredRole stored = this.store.find(roleName).orElse(null);
			String name = (stored != null) ? stored.roleName() : roleName;
			LiveRole live = this.iam.findRole(name).orElse(null);
			if (live == null) {
				if (stored == null) {
					throw new ImportRoleNotFound(roleName);
				}
				this.store.delete(name);
				execution.outcome = Outcome.DELETED;
				return null;
			}
			String path = (stored != null) ? stored.path() : this.settings.path();
			if (!owns(live, stored, path)) {
				throw new RoleNotManaged(live, path);
			}
			if (this.usage.orderedStream().anyMatch(roleUsage -> roleUsage.usedByUnfinishedImport(live.arn()))) {
				throw new RoleInUse(name, live.arn());
			}
			for (IamChange change : RolePlanner.deletion(live)) {
				execution.made(change, change.applyWith(this.iam));
			}
			this.store.delete(name);
			execution.outcome = Outcome.DELETED;
			return null;
		});
	}

	@Override
	public Optional<String> managedRoleArn(String roleName) {
		return this.store.find(roleName).map(StoredRole::arn);
	}

	@Override
	public Optional<List<String>> kmsKeyArns(String roleName) {
		return this.store.find(roleName)
			.map(StoredRole::declaration)
			.map(declared -> (declared.access() == RoleAccess.SCOPED) ? declared.kmsKeyArns() : List.of());
	}

	@Override
	public Optional<Instant> settledAt(String roleName) {
		return this.store.find(roleName)
			.map(StoredRole::lastChangedAt)
			.map(changed -> changed.plus(this.settings.settleTime()));
	}

	@Override
	public Optional<String> usableRoleArn(String roleName, String applicationId, S3Location location) {
		Optional<StoredRole> found = this.store.find(roleName);
		found.ifPresent(role -> {
			RoleDeclaration declared = role.declaration();
			if (declared.applicationId() != null && !declared.applicationId().equals(applicationId)) {
				throw RoleCannotServeImport.trustsAnotherApplication(role.roleName(), declared.applicationId(),
						applicationId);
			}
			if (declared.access() == RoleAccess.SCOPED
					&& declared.s3Locations().stream().noneMatch(location::liesUnder)) {
				throw RoleCannotServeImport.cannotRead(role.roleName(), location.toString(), declared.s3Locations());
			}
		});
		return found.map(StoredRole::arn);
	}

	/** Plans (execution null: dry run) or plans and applies. */
	private PutResult declare(RoleDeclaration requested, boolean adopt, Execution execution) {
		StoredRole stored = this.store.find(requested.roleName()).orElse(null);
		// IAM names are case-insensitive: keep the spelling the role was created with.
		RoleDeclaration declaration = (stored != null) ? renamed(requested, stored.roleName()) : requested;
		String path = (stored != null) ? stored.path() : this.settings.path();
		DesiredRole desired = desired(declaration, path);
		LiveRole live = this.iam.findRole(declaration.roleName()).orElse(null);
		boolean adopting = false;
		if (live != null && !owns(live, stored, path)) {
			if (!adopt || !live.path().equals(path)) {
				throw new RoleNotManaged(live, path);
			}
			adopting = true;
		}
		List<IamChange> plan = RolePlanner.plan(desired, live);
		if (execution == null) {
			return new PutResult(false, view(declaration, desired, live, stored, adopting, Instant.now(),
					RolePlanner.drift(desired, live, true), plan.stream().map(RoleAction::planned).toList(), true));
		}
		if (adopting) {
			execution.request = "ADOPT";
		}
		boolean adopted = adopting || (stored != null && stored.adopted());
		Instant now = Instant.now();
		Identity identity = (live != null) ? new Identity(live.arn(), live.roleId(), live.createdAt())
				: (stored != null) ? new Identity(stored.arn(), stored.roleId(), stored.iamCreatedAt()) : null;
		if (live != null || stored != null) {
			// Stored first: if a write below fails, GET shows what is left to repair.
			this.store.save(stored(declaration, path, desired, identity, adopted, now, stored));
		}
		for (IamChange change : plan) {
			if (change instanceof CreateRole create) {
				CreatedRole created = this.iam.createRole(create);
				execution.made(change, created.requestId());
				identity = new Identity(created.arn(), created.roleId(), created.createdAt());
				this.store.save(stored(declaration, path, desired, identity, adopted, now, stored));
			}
			else {
				execution.made(change, change.applyWith(this.iam));
			}
		}
		// IAM propagates a change from its last write on, so the settle time counts from
		// there.
		Instant written = Instant.now();
		boolean created = live == null;
		if (created) {
			this.iam.awaitReadable(declaration.roleName());
		}
		StoredRole saved = stored(declaration, path, desired, identity, adopted,
				plan.isEmpty() ? ((stored != null) ? stored.lastChangedAt() : null) : written, stored);
		this.store.save(saved);
		execution.outcome = created ? Outcome.CREATED : plan.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
		if (!plan.isEmpty()) {
			this.events.publishEvent(new ImportRoleChanged(declaration.roleName(), identity.arn(),
					written.plus(this.settings.settleTime())));
		}
		LiveRole after = new LiveRole(declaration.roleName(), identity.arn(), identity.roleId(), path,
				identity.createdAt(), desired.trustPolicy(), desired.description(), desired.permissionsBoundaryArn(),
				desired.tags(), desired.managedPolicyArns(), desired.inlinePolicies());
		return new PutResult(created, view(declaration, desired, after, saved, adopted, Instant.now(), List.of(),
				List.copyOf(execution.actions), false));
	}

	private ImportRoleView view(RoleDeclaration declaration, DesiredRole desired, LiveRole live, StoredRole stored,
			boolean adopted, Instant now, List<Drift> drift, List<RoleAction> actions, boolean dryRun) {
		RoleState state = (stored != null) ? stored.state(now, this.settings.settleTime()) : RoleState.READY;
		return ImportRoleView.written(declaration, desired, live, state, adopted, drift, actions, dryRun);
	}

	private StoredRole stored(RoleDeclaration declaration, String path, DesiredRole desired, Identity identity,
			boolean adopted, Instant lastChangedAt, StoredRole previous) {
		return new StoredRole(declaration, path, desired.permissionsBoundaryArn(),
				(identity != null) ? identity.arn() : null, (identity != null) ? identity.roleId() : null, adopted,
				(identity != null) ? identity.createdAt() : null, Instant.now(), Caller.current(),
				(lastChangedAt != null) ? lastChangedAt : (previous != null) ? previous.lastChangedAt() : null);
	}

	/**
	 * The organisation's rules, before any IAM call: role name prefix, trusted
	 * application, readable S3 locations.
	 */
	private void checkGuardRails(RoleDeclaration declaration) {
		this.guardRails.checkRoleName("roleName", declaration.roleName());
		this.guardRails.checkApplicationId("applicationId", declaration.applicationId());
		if (declaration.access() == RoleAccess.S3_READ_ONLY_MANAGED) {
			this.guardRails.checkReadsEveryBucket("access");
		}
		for (S3Location location : declaration.s3Locations()) {
			this.guardRails.checkS3Location("s3Locations", location);
		}
	}

	private DesiredRole desired(RoleDeclaration declaration, String path) {
		String boundary = this.guardRails.permissionsBoundaryArn().orElse(null);
		return DesiredRole.of(declaration, this.sts.account(), this.region.id(), path, boundary);
	}

	/**
	 * A role belongs to this service when it carries the managed-by tag on the service's
	 * path, or when it is the very role (same IAM role id) this service recorded: then a
	 * removed tag is drift to repair, not a reason to let go of it.
	 */
	static boolean owns(LiveRole live, StoredRole stored, String path) {
		boolean tagged = live.taggedAsManaged() && live.path().equals(path);
		boolean recorded = stored != null && stored.roleId() != null && stored.roleId().equals(live.roleId());
		return tagged || recorded;
	}

	private static RoleDeclaration renamed(RoleDeclaration declaration, String roleName) {
		return new RoleDeclaration(roleName, declaration.applicationId(), declaration.access(),
				declaration.s3Locations(), declaration.kmsKeyArns(), declaration.description(), declaration.tags());
	}

	/**
	 * Runs {@code work} holding the role's lease, and records the change (also when it
	 * fails: the record is stored, then the failure is rethrown). No transaction or
	 * pooled connection is held across the IAM calls and the waiter: each store call
	 * commits on its own.
	 */
	private <T> T locked(String roleName, String request, RoleDeclaration declaration, Function<Execution, T> work) {
		Execution execution = new Execution(roleName, request, declaration, Caller.current());
		String owner = UUID.randomUUID().toString();
		acquire(roleName, owner);
		try {
			T value = work.apply(execution);
			this.store.record(execution.change(null));
			return value;
		}
		catch (ImportRoleNotFound ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			this.store.record(execution.change(ex));
			throw ex;
		}
		finally {
			this.store.unlock(roleName, owner);
		}
	}

	/** Waits, without holding a connection, until the role's lease is free. */
	private void acquire(String roleName, String owner) {
		Instant giveUp = Instant.now().plus(LOCK_LEASE);
		while (!this.store.tryLock(roleName, owner, Instant.now(), Instant.now().plus(LOCK_LEASE))) {
			if (Instant.now().isAfter(giveUp)) {
				throw new IllegalStateException("Role " + roleName + " stayed locked for " + LOCK_LEASE);
			}
			try {
				Thread.sleep(LOCK_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted waiting for role " + roleName, ex);
			}
		}
	}

	private record Identity(String arn, String roleId, Instant createdAt) {
	}

	/** What one change request has done so far, for its record. */
	private static final class Execution {

		private final String roleName;

		private final String caller;

		private final RoleDeclaration declaration;

		private final List<RoleAction> actions = new ArrayList<>();

		private String request;

		private Outcome outcome;

		Execution(String roleName, String request, RoleDeclaration declaration, String caller) {
			this.roleName = roleName;
			this.request = request;
			this.declaration = declaration;
			this.caller = caller;
		}

		void made(IamChange change, String awsRequestId) {
			this.actions.add(RoleAction.made(change, awsRequestId));
		}

		RoleChange change(RuntimeException failure) {
			JsonMapper json = JsonMapper.shared();
			Map<String, Object> declared = (this.declaration != null)
					? json.convertValue(this.declaration, new TypeReference<Map<String, Object>>() {
					}) : null;
			if (failure == null) {
				return new RoleChange(this.roleName, this.request, this.caller, declared, List.copyOf(this.actions),
						this.outcome, null, Instant.now());
			}
			Map<String, Object> error = new LinkedHashMap<>();
			int status = 500;
			if (failure instanceof ErrorResponse response) {
				ProblemDetail problem = response.getBody();
				status = problem.getStatus();
				error.put("type", String.valueOf(problem.getType()));
				error.put("status", status);
				error.put("detail", problem.getDetail());
				if (problem.getProperties() != null) {
					error.putAll(problem.getProperties());
				}
			}
			else {
				error.put("type", failure.getClass().getName());
				error.put("detail", failure.getMessage());
			}
			Outcome failed = (status < 500 && this.actions.isEmpty()) ? Outcome.REFUSED : Outcome.FAILED;
			return new RoleChange(this.roleName, this.request, this.caller, declared, List.copyOf(this.actions), failed,
					error, Instant.now());
		}

	}

}
