package io.pinpointimport.imports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Figures over all imports, for the counts endpoint, the metrics and the role-in-use
 * check.
 */
@Repository
class ImportFigures {

	/** The states in which an import may still hold or create a job. */
	private static final String UNFINISHED = "('QUEUED', 'SUBMITTING', 'RUNNING')";

	private final JdbcClient jdbc;

	ImportFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<ImportState, Long> countByState() {
		Map<ImportState, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT state, count(*) AS n FROM endpoint_import GROUP BY state").query((rs, n) -> {
			counts.put(ImportState.valueOf(rs.getString("state")), rs.getLong("n"));
			return null;
		}).list();
		return counts;
	}

	/** When the least recently observed running job was last observed, if any runs. */
	Optional<Instant> oldestObservation() {
		return this.jdbc
			.sql("SELECT min(coalesce(observed_at, submitted_at)) FROM endpoint_import WHERE state = 'RUNNING'")
			.query((rs, n) -> ImportRows.instant(rs, 1))
			.optional();
	}

	boolean roleInUse(String roleArn) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM endpoint_import WHERE role_arn = :arn AND state IN " + UNFINISHED + ")")
			.param("arn", roleArn)
			.query(Boolean.class)
			.single();
	}

}
