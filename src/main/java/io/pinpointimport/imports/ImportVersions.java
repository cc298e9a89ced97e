package io.pinpointimport.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Strong entity tags of imports and pages of imports, from row versions alone:
 * PostgreSQL's {@code xmin} changes with every committed update of a row, so comparing it
 * answers {@code If-None-Match} without reading, joining or rendering the import.
 */
@Repository
class ImportVersions {

	/** Lists count at most this many matches; more is shown as "more than". */
	static final int TOTAL_CAP = 10_000;

	/** How an import and its attempts are versioned: each row's xmin. */
	private static final String VERSION = """
			i.xmin::text || ':' || coalesce((SELECT string_agg(a.number || '.' || a.xmin::text, ',' ORDER BY a.number)
			                                 FROM endpoint_import_attempt a WHERE a.import_id = i.id), '')""";

	private final JdbcClient jdbc;

	ImportVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The entity tag of one import, empty when there is no such import. */
	Optional<String> of(UUID id) {
		return this.jdbc.sql("SELECT " + VERSION + " FROM endpoint_import i WHERE i.id = :id")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(version -> tag("import", id.toString(), version));
	}

	/** How many imports a filter matches, counted up to {@link #TOTAL_CAP} + 1. */
	record Total(long count, boolean exact) {

	}

	/** A page's entity tag and the total it will show. */
	record PageVersion(String etag, Total total) {

	}

	/**
	 * The entity tag of the page {@code list(filter, beforeSeq, limit)} answers: the
	 * filter, the versions of the rows it holds (and of the row that makes the next
	 * cursor) and the total.
	 */
	PageVersion ofPage(ImportFilter filter, Long beforeSeq, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = filter.where(params);
		Map<String, Object> pageParams = new LinkedHashMap<>(params);
		StringBuilder sql = new StringBuilder(
				"SELECT i.seq || '=' || " + VERSION + " FROM endpoint_import i WHERE true" + where);
		if (beforeSeq != null) {
			sql.append(" AND i.seq < :beforeSeq");
			pageParams.put("beforeSeq", beforeSeq);
		}
		sql.append(" ORDER BY i.seq DESC LIMIT :limit");
		pageParams.put("limit", limit + 1);
		List<String> rows = this.jdbc.sql(sql.toString()).params(pageParams).query(String.class).list();
		Total total = total(where, params);
		String key = params + "|" + beforeSeq + "|" + limit + "|" + total;
		return new PageVersion(tag("imports", key, String.join(";", rows)), total);
	}

	private Total total(String where, Map<String, Object> params) {
		Map<String, Object> countParams = new LinkedHashMap<>(params);
		countParams.put("cap", TOTAL_CAP + 1);
		long count = this.jdbc
			.sql("SELECT count(*) FROM (SELECT 1 FROM endpoint_import WHERE true" + where + " LIMIT :cap) t")
			.params(countParams)
			.query(Long.class)
			.single();
		return (count > TOTAL_CAP) ? new Total(TOTAL_CAP, false) : new Total(count, true);
	}

	private static String tag(String kind, String key, String version) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((kind + "\n" + key + "\n" + version).getBytes(StandardCharsets.UTF_8));
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	}

}
