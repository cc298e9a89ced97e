package io.pinpointimport.security;

import java.util.List;

/**
 * The OAuth2 scopes (and API key scopes) this service knows; each endpoint requires
 * exactly one.
 */
public final class Scopes {

	/** Read import roles: {@code GET /api/v1/import-roles[/{roleName}]}. */
	public static final String IMPORT_ROLES_READ = "import-roles:read";

	/** Create, repair and delete import roles. */
	public static final String IMPORT_ROLES_WRITE = "import-roles:write";

	/** Read imports and validation reports. */
	public static final String IMPORTS_READ = "imports:read";

	/** Start, cancel and retry imports; validate files (the service reads S3 for it). */
	public static final String IMPORTS_WRITE = "imports:write";

	/** Read the audit trail. */
	public static final String AUDIT_READ = "audit:read";

	/** Scrape metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}). */
	public static final String METRICS_READ = "metrics:read";

	/** Read webhook subscriptions and their delivery logs. */
	public static final String WEBHOOKS_READ = "webhooks:read";

	/** Create, rotate, redeliver and delete webhook subscriptions. */
	public static final String WEBHOOKS_WRITE = "webhooks:write";

	/** Every scope, in the order the README lists them. */
	public static final List<String> ALL = List.of(IMPORT_ROLES_READ, IMPORT_ROLES_WRITE, IMPORTS_READ, IMPORTS_WRITE,
			AUDIT_READ, METRICS_READ, WEBHOOKS_READ, WEBHOOKS_WRITE);

	private Scopes() {
	}

	/** The Spring Security authority that stands for {@code scope}. */
	static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
