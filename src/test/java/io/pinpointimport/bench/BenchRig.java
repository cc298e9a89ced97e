package io.pinpointimport.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.EmbeddedDatabase;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What the packaged jar needs around it in a benchmark, in the harness's own JVM: one
 * embedded PostgreSQL database and the AWS stand-in; plus the AWS-side fixtures
 * (application, role, endpoint files) a run starts from.
 */
public final class BenchRig {

	/** API key the benchmarks send in {@code X-Api-Key}; configured by its hash. */
	public static final String API_KEY = "pis_bench_7c1e5a9d3b";

	/** The import role benchmarks create directly in the stand-in's IAM. */
	public static final String ROLE_NAME = "bench-import";

	private static final String TRUST = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
			"Principal":{"Service":"pinpoint.amazonaws.com"},
			"Condition":{"StringEquals":{"aws:SourceAccount":"%s"},
			"ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:%s:%s:apps/*"}}}]}""".formatted(AwsStandIn.ACCOUNT_ID,
			AwsStandIn.REGION, AwsStandIn.ACCOUNT_ID);

	private final AwsStandIn standIn;

	private final String jdbcUrl;

	private BenchRig(AwsStandIn standIn, String jdbcUrl) {
		this.standIn = standIn;
		this.jdbcUrl = jdbcUrl;
	}

	/** Starts the stand-in (on {@code standInPort}, 0 for any) and a fresh database. */
	public static BenchRig start(int standInPort) {
		AwsStandIn standIn = AwsStandIn.start(standInPort);
		standIn.useAsJvmDefault();
		return new BenchRig(standIn, EmbeddedDatabase.newDatabase());
	}

	public AwsStandIn standIn() {
		return this.standIn;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/** The environment that points the packaged service at this rig. */
	public Map<String, String> serviceEnvironment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", this.jdbcUrl);
		env.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.user());
		env.put("AWS_ENDPOINT_URL", this.standIn.endpoint().toString());
		env.put("AWS_REGION", AwsStandIn.REGION);
		env.put("AWS_ACCESS_KEY_ID", AwsStandIn.ACCESS_KEY_ID);
		env.put("AWS_SECRET_ACCESS_KEY", AwsStandIn.SECRET_ACCESS_KEY);
		return env;
	}

	/**
	 * Settings every benchmark run of the service uses: the bench API key with every
	 * scope and no practical rate limit (both ignored by builds without security).
	 */
	public static Map<String, String> commonProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pinpoint-import.security.api-keys.bench.sha256", sha256(API_KEY));
		properties.put("pinpoint-import.security.api-keys.bench.scopes", String.join(",", List.of("import-roles:read",
				"import-roles:write", "imports:read", "imports:write", "audit:read", "metrics:read")));
		properties.put("pinpoint-import.security.rate-limit.requests-per-minute", "1000000000");
		return properties;
	}

	/**
	 * Starts the packaged service against this rig; {@code SERVICE_PROPERTIES}
	 * ({@code key=value ...}) and {@code SERVICE_JVM_OPTIONS} from the environment are
	 * added, for experiments.
	 */
	public ServiceProcess startService(String name, Map<String, String> properties, List<String> jvmOptions,
			Path outDir) {
		Map<String, String> all = new LinkedHashMap<>(commonProperties());
		all.putAll(properties);
		for (String pair : words(System.getenv("SERVICE_PROPERTIES"))) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				all.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		List<String> options = new ArrayList<>(jvmOptions);
		options.addAll(words(System.getenv("SERVICE_JVM_OPTIONS")));
		return ServiceProcess.start(name, ServiceProcess.jar(), serviceEnvironment(), all, options, outDir);
	}

	private static List<String> words(String text) {
		return (text == null || text.isBlank()) ? List.of() : List.of(text.trim().split("\\s+"));
	}

	/** Creates a Pinpoint application and returns its id. */
	public String createApp(String name) {
		return this.standIn.pinpoint().createApp(name);
	}

	/**
	 * Creates an import role Pinpoint may assume for every app (reading S3 through
	 * AmazonS3ReadOnlyAccess) directly in IAM, and returns its ARN.
	 */
	public String createRole(String name) {
		try (IamClient iam = this.standIn.iamClient()) {
			String arn = iam
				.createRole(request -> request.roleName(name).path("/bench/").assumeRolePolicyDocument(TRUST))
				.role()
				.arn();
			iam.attachRolePolicy(
					request -> request.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
			return arn;
		}
	}

	/** Stores an endpoint file in the stand-in's S3. */
	public void putFile(String bucket, String key, String content) {
		this.standIn.s3().put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
	}

	/** A small valid CSV endpoint file of {@code rows} rows. */
	public static String csv(int rows) {
		StringBuilder csv = new StringBuilder("ChannelType,Address,Location.Country,User.UserId\n");
		for (int i = 0; i < rows; i++) {
			csv.append("SMS,+1415555").append(String.format("%04d", i % 10000)).append(",US,u").append(i).append('\n');
		}
		return csv.toString();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
