package io.pinpointimport.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import io.pinpointimport.standin.iam.IamStandIn;
import io.pinpointimport.standin.iam.PolicyDocument;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.standin.s3.S3StandIn;
import io.pinpointimport.standin.sts.StsStandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.LoopbackServer;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.ServiceHandler;
import io.pinpointimport.standin.wire.SigV4;
import io.pinpointimport.standin.wire.StandInRequest;
import io.pinpointimport.standin.wire.StandInResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A local stand-in for IAM, STS, S3 and Pinpoint on one loopback port, speaking each
 * service's real wire protocol so unmodified AWS SDK clients work through endpoint
 * overrides. Requests are routed by the service name in their SigV4 credential scope.
 */
public final class AwsStandIn implements AutoCloseable {

	/** The account every caller belongs to. */
	public static final String ACCOUNT_ID = "123456789012";

	/** The region the stand-in claims to be in. */
	public static final String REGION = "us-east-1";

	/**
	 * Access key of the service's identity, the user {@link StsStandIn#CALLER_ARN}: the
	 * JVM default, restricted by {@link Knobs#servicePolicy(String)} when one is set.
	 */
	public static final String ACCESS_KEY_ID = "AKIASTANDIN000000000";

	/** Secret of {@link #ACCESS_KEY_ID}; a test fixture, not a secret. */
	public static final String SECRET_ACCESS_KEY = "stand-in-secret-key";

	/**
	 * Access key of the tests' own clients ({@link #iamClient()},
	 * {@link #s3Client()}...), never restricted, so tests can arrange and tamper while
	 * the service is held to its policy.
	 */
	public static final String ADMIN_ACCESS_KEY_ID = "AKIASTANDINADMIN0000";

	/** Secret of {@link #ADMIN_ACCESS_KEY_ID}; a test fixture, not a secret. */
	public static final String ADMIN_SECRET_ACCESS_KEY = "stand-in-admin-secret-key";

	/** The user behind {@link #ADMIN_ACCESS_KEY_ID}. */
	public static final String ADMIN_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":user/stand-in-admin";

	private static final Map<String, String> SECRETS = Map.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, ADMIN_ACCESS_KEY_ID,
			ADMIN_SECRET_ACCESS_KEY);

	private static final Pattern CREDENTIAL_SCOPE = Pattern
		.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

	private static AwsStandIn shared;

	private final LoopbackServer server;

	private final Knobs knobs = new Knobs();

	private final CallLog calls = new CallLog();

	private final IamStandIn iam;

	private final StsStandIn sts;

	private final S3StandIn s3;

	private final PinpointStandIn pinpoint;

	private final ProfilesStandIn profiles = ProfilesStandIn.start(0);

	private final Map<String, ServiceHandler> handlers = new HashMap<>();

	private AwsStandIn(int port) {
		this.iam = new IamStandIn();
		this.sts = new StsStandIn();
		this.s3 = new S3StandIn();
		this.pinpoint = new PinpointStandIn(this.knobs, this.iam, this.s3);
		for (ServiceHandler handler : List.of(this.iam, this.sts, this.s3, this.pinpoint)) {
			this.handlers.put(handler.service(), handler);
		}
		this.server = LoopbackServer.start("aws-stand-in", port, 128, 32, this::serve);
		// Customer Profiles listens on its own port, but signs and authorizes like the
		// rest.
		this.profiles.gate((request, needed) -> {
			try {
				authorize(request, region -> needed, false);
				return null;
			}
			catch (ServiceError refused) {
				return refused;
			}
		});
	}

	/** Starts a stand-in on {@code port} (0 for a free one). */
	public static AwsStandIn start(int port) {
		return new AwsStandIn(port);
	}

	/**
	 * The JVM-wide stand-in, started on first use, and made the default AWS endpoint,
	 * region and credentials of every SDK client built afterwards in this JVM (through
	 * the SDK's own {@code aws.*} system properties, as production uses the environment).
	 */
	public static synchronized AwsStandIn shared() {
		if (shared == null) {
			shared = start(0);
			shared.useAsJvmDefault();
		}
		return shared;
	}

	/** Sets the SDK's {@code aws.*} system properties to this stand-in. */
	public void useAsJvmDefault() {
		System.setProperty("aws.endpointUrl", endpoint().toString());
		System.setProperty("aws.region", REGION);
		System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
		System.setProperty("aws.secretAccessKey", SECRET_ACCESS_KEY);
		this.profiles.useAsJvmDefault();
	}

	/** Base URL, e.g. {@code http://127.0.0.1:45678}. */
	public URI endpoint() {
		return this.server.endpoint();
	}

	public Knobs knobs() {
		return this.knobs;
	}

	public CallLog calls() {
		return this.calls;
	}

	public IamStandIn iam() {
		return this.iam;
	}

	public StsStandIn sts() {
		return this.sts;
	}

	public S3StandIn s3() {
		return this.s3;
	}

	public PinpointStandIn pinpoint() {
		return this.pinpoint;
	}

	/** Customer Profiles upload jobs, on a port of their own. */
	public ProfilesStandIn profiles() {
		return this.profiles;
	}

	/** Forgets all state, calls and knob settings. */
	public void reset() {
		this.knobs.reset();
		this.calls.clear();
		this.iam.reset();
		this.s3.reset();
		this.pinpoint.reset();
		this.profiles.reset();
	}

	/** An IAM client for tests, e.g. to tamper with a role behind the service's back. */
	public IamClient iamClient() {
		return IamClient.builder()
			.endpointOverride(endpoint())
			.region(Region.AWS_GLOBAL)
			.credentialsProvider(credentials())
			.build();
	}

	/** An STS client for tests. */
	public StsClient stsClient() {
		return StsClient.builder()
			.endpointOverride(endpoint())
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.build();
	}

	/**
	 * An S3 client for tests: path-style, otherwise the SDK's defaults (so uploads use
	 * the aws-chunked framing with a CRC32 trailer, which the stand-in decodes).
	 */
	public S3Client s3Client() {
		return S3Client.builder()
			.endpointOverride(endpoint())
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.forcePathStyle(true)
			.build();
	}

	/** A Pinpoint client for tests. */
	public PinpointClient pinpointClient() {
		return PinpointClient.builder()
			.endpointOverride(endpoint())
			.region(Region.of(REGION))
			.credentialsProvider(credentials())
			.build();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(ADMIN_ACCESS_KEY_ID, ADMIN_SECRET_ACCESS_KEY));
	}

	@Override
	public void close() {
		this.server.close();
		this.pinpoint.close();
		this.profiles.close();
	}

	private void serve(HttpExchange exchange) throws IOException {
		Instant received = Instant.now();
		try (exchange) {
			StandInRequest request = read(exchange);
			ServiceHandler handler = route(request);
			String operation = handler.operation(request);
			StandInResponse response = answer(handler, request, operation);
			String requestId = response.headers().getOrDefault("x-amzn-RequestId", UUID.randomUUID().toString());
			this.calls.record(handler.service(), operation, response.status(), requestId, received);
			write(exchange, response, requestId);
		}
		catch (DroppedConnection ex) {
			// closed above without a status line: the client sees the connection end
		}
		catch (RuntimeException ex) {
			byte[] body = ("stand-in failure: " + ex).getBytes();
			exchange.sendResponseHeaders(500, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private StandInResponse answer(ServiceHandler handler, StandInRequest request, String operation) {
		try {
			authorize(handler, request, operation);
		}
		catch (ServiceError refused) {
			return handler.refuse(refused);
		}
		sleep(this.knobs.latency().toMillis());
		ServiceError scripted = this.knobs.scripted(operation);
		if (scripted != null) {
			return handler.refuse(scripted);
		}
		return switch (this.knobs.roll(handler.service())) {
			case THROTTLE -> handler.throttled(operation);
			case SERVER_ERROR -> handler.serverError(operation);
			case NONE -> handler.handle(request, operation);
		};
	}

	/**
	 * Authenticates the request (SigV4, {@link SigV4}) and, for the service's identity
	 * while {@link Knobs#servicePolicy(String)} is set, evaluates its identity policy for
	 * every authorization the operation needs: allowed only if a statement allows and
	 * none denies (IAM user guide, "Policy evaluation logic"). A request without any
	 * signature is refused as AWS refuses anonymous calls to these APIs.
	 */
	private void authorize(ServiceHandler handler, StandInRequest request, String operation) {
		boolean s3 = "s3".equals(handler.service());
		authorize(request, region -> handler.access(request, operation, region), s3);
	}

	private void authorize(StandInRequest request, Function<String, List<Access>> needed, boolean s3) {
		if (!SigV4.isSigned(request)) {
			throw s3 ? new ServiceError(403, "AccessDenied", "Access Denied")
					: new ServiceError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
		}
		SigV4.Signer signer = SigV4.verify(request, SECRETS::get, s3);
		String policy = this.knobs.servicePolicy();
		if (policy == null || !ACCESS_KEY_ID.equals(signer.accessKeyId())) {
			return;
		}
		List<PolicyDocument> policies = List.of(PolicyDocument.parse(policy, PolicyDocument.Kind.PERMISSIONS));
		for (Access access : needed.apply(signer.region())) {
			if (!PolicyDocument.allowedBy(policies, access.action(), access.resource(), access.context())) {
				// The message format of IAM user guide, "Troubleshoot access denied error
				// messages"; S3 and Pinpoint name the action the same way.
				throw new ServiceError(403, "AccessDenied",
						"User: " + StsStandIn.CALLER_ARN + " is not authorized to perform: " + access.action()
								+ " on resource: " + access.resource() + " because no identity-based policy allows the "
								+ access.action() + " action");
			}
		}
	}

	private ServiceHandler route(StandInRequest request) {
		String authorization = request.header("authorization");
		if (authorization != null) {
			Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
			if (matcher.find() && this.handlers.containsKey(matcher.group(1))) {
				return this.handlers.get(matcher.group(1));
			}
		}
		// Unsigned or presigned requests: fall back to the shape of the request.
		if (request.path().startsWith("/v1/apps")) {
			return this.pinpoint;
		}
		if ("POST".equals(request.method()) && request.bodyText().contains("Action=")) {
			return request.bodyText().contains("Action=GetCallerIdentity") ? this.sts : this.iam;
		}
		return this.s3;
	}

	private static StandInRequest read(HttpExchange exchange) throws IOException {
		Map<String, List<String>> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		URI uri = exchange.getRequestURI();
		return new StandInRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
	}

	private static void write(HttpExchange exchange, StandInResponse response, String requestId) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
		boolean noBody = response.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
		if (noBody && response.headers().containsKey("Content-Length")) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
		if (!noBody) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		}
	}

	public static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
