package io.pinpointimport.standin.iam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.wire.Access;
import io.pinpointimport.standin.wire.QueryProtocol;
import io.pinpointimport.standin.wire.ServiceError;
import io.pinpointimport.standin.wire.ServiceHandler;
import io.pinpointimport.standin.wire.StandInRequest;
import io.pinpointimport.standin.wire.StandInResponse;
import io.pinpointimport.standin.wire.Xml;

/**
 * IAM roles over the Query protocol: the role, trust-policy, managed and inline policy,
 * tag and permissions-boundary operations, validated the way IAM validates them.
 * <p>
 * Only a handful of AWS managed policies exist (see {@link #MANAGED_POLICIES}); customer
 * managed policies are not emulated, so attaching one fails with NoSuchEntity.
 */
public final class IamStandIn implements ServiceHandler {

	static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

	/** The AWS managed policies the stand-in knows, with (trimmed) documents. */
	static final Map<String, String> MANAGED_POLICIES = Map.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
			allow("[\"s3:Get*\",\"s3:List*\",\"s3:Describe*\",\"s3-object-lambda:Get*\",\"s3-object-lambda:List*\"]"),
			"arn:aws:iam::aws:policy/AmazonS3FullAccess", allow("[\"s3:*\",\"s3-object-lambda:*\"]"),
			"arn:aws:iam::aws:policy/AdministratorAccess", allow("\"*\""), "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
			allow("[\"iam:GenerateCredentialReport\",\"iam:Get*\",\"iam:List*\"]"),
			"arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser",
			allow("[\"kms:CreateAlias\",\"kms:CreateKey\",\"kms:Describe*\",\"kms:Get*\",\"kms:List*\"]"),
			"arn:aws:iam::aws:policy/service-role/AmazonS3ObjectLambdaExecutionRolePolicy",
			allow("[\"s3-object-lambda:WriteGetObjectResponse\",\"logs:CreateLogGroup\"]"));

	private static final Set<String> PERMISSION_CHANGES = Set.of("AttachRolePolicy", "DetachRolePolicy",
			"PutRolePolicy", "DeleteRolePolicy", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary");

	private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");

	private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");

	private static final Pattern PATH_PREFIX = Pattern.compile("/[\\u0021-\\u007F]*");

	private static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9.,+@=_-]+)*)/");

	private static final Pattern POLICY_DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

	private static final Pattern DESCRIPTION = Pattern
		.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");

	private static final Pattern POLICY_ARN = Pattern.compile("arn:aws[\\w-]*:iam::(aws|\\d{12}):policy/.+");

	private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");

	private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

	private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	/**
	 * One role as tests and the Pinpoint emulation see it; policy documents are decoded.
	 */
	public record RoleView(String name, String path, String roleId, String arn, Instant createDate, String description,
			String trustPolicy, Instant trustChangedAt, List<String> attachedPolicyArns,
			Map<String, String> inlinePolicies, Map<String, String> tags, String permissionsBoundary) {
	}

	private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);

	private final SecureRandom random = new SecureRandom();

	/** Roles by lower-case name: IAM names are unique regardless of case. */
	private final Map<String, IamRole> roles = new TreeMap<>();

	public IamStandIn() {
	}

	@Override
	public String service() {
		return "iam";
	}

	@Override
	public String operation(StandInRequest request) {
		return request.form().getOrDefault("Action", "Unknown");
	}

	@Override
	public synchronized StandInResponse handle(StandInRequest request, String operation) {
		Params params = new Params(request.form());
		try {
			StandInResponse response = answer(params, operation);
			if (PERMISSION_CHANGES.contains(operation)) {
				role(params).recordPermissions(Instant.now());
			}
			return response;
		}
		catch (ServiceError error) {
			return this.protocol.error(error);
		}
	}

	private StandInResponse answer(Params params, String operation) {
		return switch (operation) {
			case "CreateRole" -> createRole(params);
			case "GetRole" -> getRole(params);
			case "ListRoles" -> listRoles(params);
			case "UpdateRole" -> updateRole(params);
			case "UpdateAssumeRolePolicy" -> updateAssumeRolePolicy(params);
			case "DeleteRole" -> deleteRole(params);
			case "AttachRolePolicy" -> attachRolePolicy(params);
			case "DetachRolePolicy" -> detachRolePolicy(params);
			case "ListAttachedRolePolicies" -> listAttachedRolePolicies(params);
			case "PutRolePolicy" -> putRolePolicy(params);
			case "GetRolePolicy" -> getRolePolicy(params);
			case "DeleteRolePolicy" -> deleteRolePolicy(params);
			case "ListRolePolicies" -> listRolePolicies(params);
			case "TagRole" -> tagRole(params);
			case "UntagRole" -> untagRole(params);
			case "ListRoleTags" -> listRoleTags(params);
			case "PutRolePermissionsBoundary" -> putRolePermissionsBoundary(params);
			case "DeleteRolePermissionsBoundary" -> deleteRolePermissionsBoundary(params);
			default -> throw new ServiceError(400, "InvalidAction",
					"Could not find operation " + operation + " for version 2010-05-08");
		};
	}

	@Override
	public StandInResponse refuse(ServiceError error) {
		return this.protocol.error(error);
	}

	/**
	 * The caller needs {@code iam:<Action>} on the role's ARN, which includes its path
	 * (Service Authorization Reference, IAM: resource type {@code role}); CreateRole and
	 * TagRole give {@code aws:RequestTag/<key>}, Attach/DetachRolePolicy
	 * {@code iam:PolicyARN}, CreateRole and PutRolePermissionsBoundary
	 * {@code iam:PermissionsBoundary}; creating a role with tags also needs
	 * {@code iam:TagRole} (IAM user guide, "Permissions required to tag IAM entities").
	 * Calls on a role that does not exist are not authorized here: its ARN, path
	 * included, is unknown (an assumption, see docs/aws-stand-in.md).
	 */
	@Override
	public synchronized List<Access> access(StandInRequest request, String operation, String region) {
		Map<String, String> form = request.form();
		String name = form.get("RoleName");
		if (name == null) {
			return List.of(Access.of("iam:" + operation, "*"));
		}
		String arn;
		if ("CreateRole".equals(operation)) {
			arn = "arn:aws:iam::" + AwsStandIn.ACCOUNT_ID + ":role" + form.getOrDefault("Path", "/") + name;
		}
		else {
			IamRole role = this.roles.get(name.toLowerCase(Locale.ROOT));
			if (role == null) {
				return List.of();
			}
			arn = role.arn;
		}
		Map<String, String> context = new TreeMap<>();
		for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
			context.put("aws:RequestTag/" + form.get("Tags.member." + i + ".Key"),
					form.getOrDefault("Tags.member." + i + ".Value", ""));
		}
		if (form.containsKey("PolicyArn")) {
			context.put("iam:PolicyARN", form.get("PolicyArn"));
		}
		if (form.containsKey("PermissionsBoundary")) {
			context.put("iam:PermissionsBoundary", form.get("PermissionsBoundary"));
		}
		List<Access> needed = new ArrayList<>();
		needed.add(new Access("iam:" + operation, arn, context));
		if ("CreateRole".equals(operation) && form.containsKey("Tags.member.1.Key")) {
			needed.add(new Access("iam:TagRole", arn, context));
		}
		return needed;
	}

	@Override
	public StandInResponse throttled(String operation) {
		return this.protocol.throttled();
	}

	@Override
	public StandInResponse serverError(String operation) {
		return this.protocol.serverError();
	}

	/** The role named {@code name} (any case), if it exists. */
	public synchronized Optional<RoleView> role(String name) {
		return Optional.ofNullable(this.roles.get(name.toLowerCase(Locale.ROOT))).map(IamRole::view);
	}

	/** The role whose ARN is {@code arn}, if it exists. */
	public synchronized Optional<RoleView> roleByArn(String arn) {
		return this.roles.values().stream().filter(role -> role.arn.equals(arn)).findFirst().map(IamRole::view);
	}

	/**
	 * The role whose ARN is {@code arn} as another service (Pinpoint, STS) sees it
	 * {@code delay} after the fact: IAM is eventually consistent, so a change to the
	 * role's managed, inline or boundary policies takes effect only after the delay, and
	 * until then the previous permissions apply (IAM user guide, "Changes that I make are
	 * not always immediately visible"). Trust changes are
	 * {@link RoleView#trustChangedAt()}.
	 */
	public synchronized Optional<RoleView> roleByArnAfter(String arn, Duration delay) {
		return this.roles.values().stream().filter(role -> role.arn.equals(arn)).findFirst().map(role -> {
			RoleView now = role.view();
			IamRole.Permissions seen = role.permissionsAsOf(Instant.now().minus(delay));
			return new RoleView(now.name(), now.path(), now.roleId(), now.arn(), now.createDate(), now.description(),
					now.trustPolicy(), now.trustChangedAt(), seen.attachedPolicyArns(), seen.inlinePolicies(),
					now.tags(), seen.permissionsBoundary());
		});
	}

	/** Every role, by name. */
	public synchronized List<RoleView> roles() {
		return this.roles.values().stream().map(IamRole::view).toList();
	}

	/** The document of a known AWS managed policy. */
	public Optional<PolicyDocument> managedPolicy(String arn) {
		return Optional.ofNullable(MANAGED_POLICIES.get(arn))
			.map(document -> PolicyDocument.parse(document, PolicyDocument.Kind.PERMISSIONS));
	}

	public synchronized void reset() {
		this.roles.clear();
	}

	private StandInResponse createRole(Params params) {
		String name = params.name("RoleName", "roleName", 64);
		String path = params.optional("Path", "path", PATH, 512);
		String trustPolicy = trustPolicy(params.policyDocument("AssumeRolePolicyDocument", "assumeRolePolicyDocument"));
		String description = params.optional("Description", "description", DESCRIPTION, 1000);
		Integer maxSessionDuration = params.integer("MaxSessionDuration", "maxSessionDuration", 3600, 43200);
		String boundary = params.optional("PermissionsBoundary", "permissionsBoundary", null, 2048);
		Map<String, String> tags = params.tags();
		if (boundary != null) {
			checkAttachable(boundary);
		}
		String key = name.toLowerCase(Locale.ROOT);
		if (this.roles.containsKey(key)) {
			throw new ServiceError(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
		}
		IamRole role = new IamRole(name, path == null ? "/" : path, newId("AROA"), trustPolicy, Instant.now());
		role.description = description;
		role.maxSessionDuration = maxSessionDuration == null ? 3600 : maxSessionDuration;
		role.permissionsBoundary = boundary;
		checkTagQuota(role, tags);
		role.tag(tags);
		this.roles.put(key, role);
		return this.protocol.result("CreateRole", xml -> writeRole(xml.open("Role"), role, true).close());
	}

	private StandInResponse getRole(Params params) {
		IamRole role = role(params);
		return this.protocol.result("GetRole", xml -> writeRole(xml.open("Role"), role, true).close());
	}

	private StandInResponse listRoles(Params params) {
		String prefix = params.optional("PathPrefix", "pathPrefix", PATH_PREFIX, 512);
		List<IamRole> matching = this.roles.values()
			.stream()
			.filter(role -> prefix == null || role.path.startsWith(prefix))
			.toList();
		Page<IamRole> page = Page.of(matching, role -> role.name.toLowerCase(Locale.ROOT), params);
		return this.protocol.result("ListRoles", xml -> {
			xml.open("Roles");
			// ListRoles leaves out tags, the permissions boundary and last use.
			page.items().forEach(role -> writeRole(xml.open("member"), role, false).close());
			xml.close();
			page.write(xml);
		});
	}

	private StandInResponse updateRole(Params params) {
		IamRole role = role(params);
		String description = params.optional("Description", "description", DESCRIPTION, 1000);
		Integer maxSessionDuration = params.integer("MaxSessionDuration", "maxSessionDuration", 3600, 43200);
		if (description != null) {
			role.description = description;
		}
		if (maxSessionDuration != null) {
			role.maxSessionDuration = maxSessionDuration;
		}
		return this.protocol.result("UpdateRole", xml -> {
		});
	}

	private StandInResponse updateAssumeRolePolicy(Params params) {
		IamRole role = role(params);
		role.trustPolicy = trustPolicy(params.policyDocument("PolicyDocument", "policyDocument"));
		role.trustChangedAt = Instant.now();
		return this.protocol.empty("UpdateAssumeRolePolicy");
	}

	private StandInResponse deleteRole(Params params) {
		IamRole role = role(params);
		if (!role.attachedPolicies.isEmpty()) {
			throw new ServiceError(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
		}
		if (!role.inlinePolicies.isEmpty()) {
			throw new ServiceError(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
		}
		this.roles.remove(role.name.toLowerCase(Locale.ROOT));
		return this.protocol.empty("DeleteRole");
	}

	private StandInResponse attachRolePolicy(Params params) {
		IamRole role = role(params);
		String arn = params.required("PolicyArn", "policyArn");
		checkAttachable(arn);
		if (!role.attachedPolicies.contains(arn) && role.attachedPolicies.size() >= 10) {
			throw new ServiceError(409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10");
		}
		role.attachedPolicies.add(arn);
		return this.protocol.empty("AttachRolePolicy");
	}

	private StandInResponse detachRolePolicy(Params params) {
		IamRole role = role(params);
		String arn = params.required("PolicyArn", "policyArn");
		checkArn(arn);
		if (!role.attachedPolicies.remove(arn)) {
			throw new ServiceError(404, "NoSuchEntity", "Policy " + arn + " was not found.");
		}
		return this.protocol.empty("DetachRolePolicy");
	}

	private StandInResponse listAttachedRolePolicies(Params params) {
		IamRole role = role(params);
		String prefix = params.optional("PathPrefix", "pathPrefix", POLICY_PATH, 512);
		List<String> matching = role.attachedPolicies.stream()
			.filter(arn -> prefix == null || policyPath(arn).startsWith(prefix))
			.sorted(Comparator.comparing(IamStandIn::policyName))
			.toList();
		Page<String> page = Page.of(matching, IamStandIn::policyName, params);
		return this.protocol.result("ListAttachedRolePolicies", xml -> {
			xml.open("AttachedPolicies");
			page.items()
				.forEach(arn -> xml.open("member")
					.element("PolicyName", policyName(arn))
					.element("PolicyArn", arn)
					.close());
			xml.close();
			page.write(xml);
		});
	}

	private StandInResponse putRolePolicy(Params params) {
		IamRole role = role(params);
		String policyName = params.name("PolicyName", "policyName", 128);
		String document = params.policyDocument("PolicyDocument", "policyDocument");
		PolicyDocument.parse(document, PolicyDocument.Kind.PERMISSIONS);
		Map<String, String> after = new TreeMap<>(role.inlinePolicies);
		after.put(policyName, document);
		// IAM does not count white space against policy size quotas.
		if (after.values().stream().mapToInt(IamStandIn::policySize).sum() > 10240) {
			throw new ServiceError(409, "LimitExceeded",
					"Maximum policy size of 10240 bytes exceeded for role " + role.name);
		}
		role.inlinePolicies.put(policyName, document);
		return this.protocol.empty("PutRolePolicy");
	}

	private StandInResponse getRolePolicy(Params params) {
		IamRole role = role(params);
		String policyName = params.name("PolicyName", "policyName", 128);
		String document = inlinePolicy(role, policyName);
		return this.protocol.result("GetRolePolicy",
				xml -> xml.element("RoleName", role.name)
					.element("PolicyName", policyName)
					.element("PolicyDocument", urlEncode(document)));
	}

	private StandInResponse deleteRolePolicy(Params params) {
		IamRole role = role(params);
		String policyName = params.name("PolicyName", "policyName", 128);
		inlinePolicy(role, policyName);
		role.inlinePolicies.remove(policyName);
		return this.protocol.empty("DeleteRolePolicy");
	}

	private StandInResponse listRolePolicies(Params params) {
		IamRole role = role(params);
		Page<String> page = Page.of(List.copyOf(role.inlinePolicies.keySet()), Function.identity(), params);
		return this.protocol.result("ListRolePolicies", xml -> {
			xml.open("PolicyNames");
			page.items().forEach(name -> xml.element("member", name));
			xml.close();
			page.write(xml);
		});
	}

	private StandInResponse tagRole(Params params) {
		IamRole role = role(params);
		Map<String, String> tags = params.tags();
		if (tags.isEmpty()) {
			throw Params.invalid("null", "tags", "Member must not be null");
		}
		checkTagQuota(role, tags);
		role.tag(tags);
		return this.protocol.empty("TagRole");
	}

	private StandInResponse untagRole(Params params) {
		IamRole role = role(params);
		List<String> keys = params.list("TagKeys");
		role.tags.keySet().removeIf(existing -> keys.stream().anyMatch(existing::equalsIgnoreCase));
		return this.protocol.empty("UntagRole");
	}

	private StandInResponse listRoleTags(Params params) {
		IamRole role = role(params);
		List<Map.Entry<String, String>> tags = role.tags.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.toList();
		Page<Map.Entry<String, String>> page = Page.of(tags, Map.Entry::getKey, params);
		return this.protocol.result("ListRoleTags", xml -> {
			writeTags(xml, page.items());
			page.write(xml);
		});
	}

	private StandInResponse putRolePermissionsBoundary(Params params) {
		IamRole role = role(params);
		String arn = params.required("PermissionsBoundary", "permissionsBoundary");
		checkAttachable(arn);
		role.permissionsBoundary = arn;
		return this.protocol.empty("PutRolePermissionsBoundary");
	}

	private StandInResponse deleteRolePermissionsBoundary(Params params) {
		IamRole role = role(params);
		role.permissionsBoundary = null;
		return this.protocol.empty("DeleteRolePermissionsBoundary");
	}

	private IamRole role(Params params) {
		String name = params.name("RoleName", "roleName", 64);
		IamRole role = this.roles.get(name.toLowerCase(Locale.ROOT));
		if (role == null) {
			throw new ServiceError(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
		}
		return role;
	}

	private static String inlinePolicy(IamRole role, String policyName) {
		String document = role.inlinePolicies.get(policyName);
		if (document == null) {
			throw new ServiceError(404, "NoSuchEntity",
					"The role policy with name " + policyName + " cannot be found.");
		}
		return document;
	}

	private static String trustPolicy(String document) {
		PolicyDocument.parse(document, PolicyDocument.Kind.TRUST);
		if (policySize(document) > 2048) {
			throw new ServiceError(409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
		}
		return document;
	}

	private static void checkAttachable(String arn) {
		checkArn(arn);
		if (!MANAGED_POLICIES.containsKey(arn)) {
			throw new ServiceError(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
		}
	}

	private static void checkArn(String arn) {
		if (!POLICY_ARN.matcher(arn).matches()) {
			throw new ServiceError(400, "InvalidInput", "ARN " + arn + " is not valid.");
		}
	}

	private static void checkTagQuota(IamRole role, Map<String, String> tags) {
		long kept = role.tags.keySet()
			.stream()
			.filter(key -> tags.keySet().stream().noneMatch(key::equalsIgnoreCase))
			.count();
		if (kept + tags.size() > 50) {
			throw new ServiceError(409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
		}
	}

	private String newId(String prefix) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < 17; i++) {
			id.append(ID_CHARACTERS.charAt(this.random.nextInt(ID_CHARACTERS.length())));
		}
		return id.toString();
	}

	private static Xml writeRole(Xml xml, IamRole role, boolean full) {
		xml.element("Path", role.path)
			.element("RoleName", role.name)
			.element("RoleId", role.id)
			.element("Arn", role.arn)
			.timestamp("CreateDate", role.created)
			.element("AssumeRolePolicyDocument", urlEncode(role.trustPolicy))
			.element("Description", role.description)
			.element("MaxSessionDuration", role.maxSessionDuration);
		if (full && role.permissionsBoundary != null) {
			xml.open("PermissionsBoundary")
				.element("PermissionsBoundaryType", "Policy")
				.element("PermissionsBoundaryArn", role.permissionsBoundary)
				.close();
		}
		if (full && !role.tags.isEmpty()) {
			writeTags(xml, List.copyOf(role.tags.entrySet()));
		}
		return xml;
	}

	private static void writeTags(Xml xml, List<Map.Entry<String, String>> tags) {
		xml.open("Tags");
		tags.forEach(tag -> xml.open("member").element("Key", tag.getKey()).element("Value", tag.getValue()).close());
		xml.close();
	}

	/** IAM answers policy documents URL-encoded (RFC 3986). */
	static String urlEncode(String document) {
		return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static int policySize(String document) {
		return document.replaceAll("\\s", "").length();
	}

	private static String policyName(String arn) {
		return arn.substring(arn.lastIndexOf('/') + 1);
	}

	private static String policyPath(String arn) {
		String resource = arn.substring(arn.indexOf(":policy") + ":policy".length());
		return resource.substring(0, resource.lastIndexOf('/') + 1);
	}

	private static String allow(String actions) {
		return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
				+ ",\"Resource\":\"*\"}]}";
	}

	/** Query parameters of one request, checked against the model's constraints. */
	private record Params(Map<String, String> values) {

		String required(String name, String field) {
			String value = this.values.get(name);
			if (value == null) {
				throw invalid("null", field, "Member must not be null");
			}
			return value;
		}

		/** A required IAM name ({@code [\w+=,.@-]+}, at most {@code maxLength}). */
		String name(String name, String field, int maxLength) {
			String value = required(name, field);
			check(value, field, NAME, maxLength);
			return value;
		}

		String policyDocument(String name, String field) {
			String value = required(name, field);
			check(value, field, POLICY_DOCUMENT, 131072);
			return value;
		}

		String optional(String name, String field, Pattern pattern, int maxLength) {
			String value = this.values.get(name);
			if (value != null) {
				check(value, field, pattern, maxLength);
			}
			return value;
		}

		Integer integer(String name, String field, int min, int max) {
			String value = this.values.get(name);
			if (value == null) {
				return null;
			}
			int number;
			try {
				number = Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw invalid(value, field, "Member must be a number");
			}
			if (number < min) {
				throw invalid(value, field, "Member must have value greater than or equal to " + min);
			}
			if (number > max) {
				throw invalid(value, field, "Member must have value less than or equal to " + max);
			}
			return number;
		}

		/** A Query-protocol list: {@code Name.member.1}, {@code Name.member.2}, ... */
		List<String> list(String name) {
			List<String> items = new ArrayList<>();
			for (int i = 1; this.values.containsKey(name + ".member." + i); i++) {
				items.add(this.values.get(name + ".member." + i));
			}
			return items;
		}

		Map<String, String> tags() {
			Map<String, String> tags = new LinkedHashMap<>();
			for (int i = 1; this.values.containsKey("Tags.member." + i + ".Key"); i++) {
				String key = this.values.get("Tags.member." + i + ".Key");
				String value = this.values.getOrDefault("Tags.member." + i + ".Value", "");
				check(key, "tags." + i + ".member.key", TAG_KEY, 128);
				check(value, "tags." + i + ".member.value", TAG_VALUE, 256);
				if (tags.keySet().stream().anyMatch(key::equalsIgnoreCase)) {
					throw new ServiceError(400, "InvalidInput",
							"Duplicate tag keys found. Please note that Tag keys are case insensitive.");
				}
				tags.put(key, value);
			}
			return tags;
		}

		private static void check(String value, String field, Pattern pattern, int maxLength) {
			if (value.isEmpty() && (pattern == null || !pattern.matcher("").matches())) {
				throw invalid(value, field, "Member must have length greater than or equal to 1");
			}
			if (value.length() > maxLength) {
				throw invalid(value, field, "Member must have length less than or equal to " + maxLength);
			}
			if (pattern != null && !pattern.matcher(value).matches()) {
				throw invalid(value, field, "Member must satisfy regular expression pattern: " + pattern.pattern());
			}
		}

		static ServiceError invalid(String value, String field, String constraint) {
			String shown = "null".equals(value) ? "null" : "'" + value + "'";
			return new ServiceError(400, "ValidationError", "1 validation error detected: Value " + shown + " at '"
					+ field + "' failed to satisfy constraint: " + constraint);
		}

	}

	/**
	 * One page of a listing: IAM's opaque Marker names the first item of the next page.
	 */
	private record Page<T>(List<T> items, String nextMarker) {

		static <T> Page<T> of(List<T> sorted, Function<T, String> key, Params params) {
			Integer maxItems = params.integer("MaxItems", "maxItems", 1, 1000);
			int limit = maxItems == null ? 100 : maxItems;
			String marker = params.values().get("Marker");
			String from = null;
			if (marker != null) {
				try {
					from = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw new ServiceError(400, "InvalidInput", "Invalid Marker.");
				}
			}
			String start = from;
			List<T> remaining = sorted.stream()
				.filter(item -> start == null || key.apply(item).compareTo(start) >= 0)
				.toList();
			if (remaining.size() <= limit) {
				return new Page<>(remaining, null);
			}
			String next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(key.apply(remaining.get(limit)).getBytes(StandardCharsets.UTF_8));
			return new Page<>(remaining.subList(0, limit), next);
		}

		void write(Xml xml) {
			xml.element("IsTruncated", this.nextMarker != null).element("Marker", this.nextMarker);
		}

	}

}
