package io.pinpointimport.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.pinpointimport.shared.S3Location;

/**
 * PostgreSQL storage of declared import roles and of the record of every change made to
 * them.
 */
@Repository
class ImportRoleStore {

	private static final String COLUMNS = "role_name, application_id, access, s3_locations, kms_key_arns, "
			+ "description, tags, path, permissions_boundary_arn, arn, role_id, adopted, iam_created_at, "
			+ "declared_at, declared_by, last_changed_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ImportRoleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.json = JsonMapper.shared();
	}

	/**
	 * Takes the lease on one role name (whatever its letter case) until {@code until},
	 * unless another owner holds an unexpired one; committed at once, so no connection is
	 * held while the role's IAM calls run.
	 */
	boolean tryLock(String roleName, String owner, Instant now, Instant until) {
		return this.jdbc.sql("""
				INSERT INTO import_role_lock (role_key, owner, locked_until) VALUES (lower(?), ?, ?)
				ON CONFLICT (role_key) DO UPDATE SET owner = excluded.owner, locked_until = excluded.locked_until
				WHERE import_role_lock.locked_until < ?
				""").params(roleName, owner, Timestamp.from(until), Timestamp.from(now)).update() == 1;
	}

	/** Gives the lease on a role name back. */
	void unlock(String roleName, String owner) {
		this.jdbc.sql("DELETE FROM import_role_lock WHERE role_key = lower(?) AND owner = ?")
			.params(roleName, owner)
			.update();
	}

	/** The role of that name, whatever its letter case. */
	Optional<StoredRole> find(String roleName) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM import_role WHERE lower(role_name) = lower(?)")
			.param(roleName)
			.query(this::role)
			.optional();
	}

	/** A page of roles ordered by name. */
	List<StoredRole> page(int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM import_role ORDER BY lower(role_name) OFFSET ? LIMIT ?")
			.param(offset)
			.param(limit)
			.query(this::role)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM import_role").query(Long.class).single();
	}

	/** Inserts or replaces the role of that name. */
	void save(StoredRole role) {
		RoleDeclaration declaration = role.declaration();
		this.jdbc.sql("DELETE FROM import_role WHERE lower(role_name) = lower(?)").param(role.roleName()).update();
		this.jdbc
			.sql("INSERT INTO import_role (" + COLUMNS + ") VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, "
					+ "?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.param(declaration.roleName())
			.param(declaration.applicationId())
			.param(declaration.access().name())
			.param(this.json.writeValueAsString(declaration.s3Locations().stream().map(S3Location::toString).toList()))
			.param(this.json.writeValueAsString(declaration.kmsKeyArns()))
			.param(declaration.description())
			.param(this.json.writeValueAsString(declaration.tags()))
			.param(role.path())
			.param(role.permissionsBoundaryArn())
			.param(role.arn())
			.param(role.roleId())
			.param(role.adopted())
			.param(timestamp(role.iamCreatedAt()))
			.param(timestamp(role.declaredAt()))
			.param(role.declaredBy())
			.param(timestamp(role.lastChangedAt()))
			.update();
	}

	void delete(String roleName) {
		this.jdbc.sql("DELETE FROM import_role WHERE lower(role_name) = lower(?)").param(roleName).update();
	}

	/** Appends to the change record. */
	void record(RoleChange change) {
		this.jdbc
			.sql("INSERT INTO import_role_change (role_name, request, caller, declaration, iam_calls, outcome, error, "
					+ "recorded_at) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?)")
			.param(change.roleName())
			.param(change.request())
			.param(change.caller())
			.param((change.declaration() != null) ? this.json.writeValueAsString(change.declaration()) : null)
			.param(this.json.writeValueAsString(change.iamCalls()))
			.param(change.outcome().name())
			.param((change.error() != null) ? this.json.writeValueAsString(change.error()) : null)
			.param(timestamp(change.recordedAt()))
			.update();
	}

	/** The change record of one role, oldest first. */
	List<RoleChange> changes(String roleName) {
		return this.jdbc
			.sql("SELECT role_name, request, caller, declaration, iam_calls, outcome, error, recorded_at "
					+ "FROM import_role_change WHERE lower(role_name) = lower(?) ORDER BY id")
			.param(roleName)
			.query((rs, row) -> new RoleChange(rs.getString("role_name"), rs.getString("request"),
					rs.getString("caller"), readOrNull(rs.getString("declaration"), new TypeReference<>() {
					}), this.json.readValue(rs.getString("iam_calls"), new TypeReference<>() {
					}), RoleChange.Outcome.valueOf(rs.getString("outcome")),
					readOrNull(rs.getString("error"), new TypeReference<>() {
					}), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	private StoredRole role(ResultSet rs, int row) throws SQLException {
		List<String> locations = this.json.readValue(rs.getString("s3_locations"), new TypeReference<>() {
		});
		List<String> keys = this.json.readValue(rs.getString("kms_key_arns"), new TypeReference<>() {
		});
		Map<String, String> tags = this.json.readValue(rs.getString("tags"), new TypeReference<>() {
		});
		RoleDeclaration declaration = new RoleDeclaration(rs.getString("role_name"), rs.getString("application_id"),
				RoleAccess.valueOf(rs.getString("access")), locations.stream().map(S3Location::parse).toList(), keys,
				rs.getString("description"), tags);
		return new StoredRole(declaration, rs.getString("path"), rs.getString("permissions_boundary_arn"),
				rs.getString("arn"), rs.getString("role_id"), rs.getBoolean("adopted"),
				instant(rs.getTimestamp("iam_created_at")), instant(rs.getTimestamp("declared_at")),
				rs.getString("declared_by"), instant(rs.getTimestamp("last_changed_at")));
	}

	private <T> T readOrNull(String text, TypeReference<T> type) {
		return (text != null) ? this.json.readValue(text, type) : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
