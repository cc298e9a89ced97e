package io.pinpointimport.standin.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.pinpointimport.standin.wire.ServiceError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An IAM policy document, checked the way IAM checks it on write and evaluated the way
 * AWS decides a request: an explicit Deny wins, otherwise an Allow is needed.
 * <p>
 * Evaluation is deliberately small: Action/NotAction, Resource/NotResource, the
 * {@code Service} and {@code AWS} principals, and the String and Arn condition operators
 * (with {@code IfExists}); any other condition operator never matches.
 */
public final class PolicyDocument {

	/** Whether a document is a role's trust policy or a permissions policy. */
	public enum Kind {

		TRUST, PERMISSIONS

	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<JsonNode> statements;

	private PolicyDocument(List<JsonNode> statements) {
		this.statements = statements;
	}

	/**
	 * Parses and checks {@code text}, failing with IAM's MalformedPolicyDocument when IAM
	 * would.
	 */
	public static PolicyDocument parse(String text, Kind kind) {
		JsonNode root;
		try {
			root = json.readTree(text);
		}
		catch (JacksonException ex) {
			throw malformed("This policy contains invalid Json");
		}
		if (root == null || !root.isObject()) {
			throw malformed("This policy contains invalid Json");
		}
		JsonNode version = root.get("Version");
		if (version != null && !List.of("2012-10-17", "2008-10-17").contains(version.asString())) {
			throw malformed("The policy failed legacy parsing");
		}
		JsonNode statement = root.get("Statement");
		if (statement == null) {
			throw malformed("Syntax errors in policy.");
		}
		List<JsonNode> statements = new ArrayList<>();
		if (statement.isArray()) {
			statement.forEach(statements::add);
		}
		else {
			statements.add(statement);
		}
		for (JsonNode each : statements) {
			check(each, kind);
		}
		return new PolicyDocument(statements);
	}

	private static void check(JsonNode statement, Kind kind) {
		if (!statement.isObject()) {
			throw malformed("Syntax errors in policy.");
		}
		String effect = statement.path("Effect").asString("");
		if (!effect.equals("Allow") && !effect.equals("Deny")) {
			throw malformed("Syntax errors in policy.");
		}
		if (!statement.has("Action") && !statement.has("NotAction")) {
			throw malformed("Policy statement must contain actions.");
		}
		boolean hasPrincipal = statement.has("Principal") || statement.has("NotPrincipal");
		if (kind == Kind.PERMISSIONS) {
			if (hasPrincipal) {
				throw malformed("Policy document should not specify a principal.");
			}
			if (!statement.has("Resource") && !statement.has("NotResource")) {
				throw malformed("Policy statement must contain resources.");
			}
		}
		else {
			if (!hasPrincipal) {
				throw malformed("Missing required field Principal");
			}
			if (statement.has("Resource") || statement.has("NotResource")) {
				throw malformed("Has prohibited field Resource");
			}
		}
	}

	/** What one policy says about a request. */
	public enum Effect {

		ALLOW, DENY, SILENT

	}

	/**
	 * What this permissions policy says about {@code action} on {@code resource} given
	 * the request's condition keys.
	 */
	public Effect evaluate(String action, String resource, Map<String, String> context) {
		return decide(action, resource, null, context);
	}

	/**
	 * Whether a set of permissions policies lets a request through: some policy allows it
	 * and none denies it.
	 */
	public static boolean allowedBy(List<PolicyDocument> policies, String action, String resource,
			Map<String, String> context) {
		List<Effect> effects = policies.stream().map(policy -> policy.evaluate(action, resource, context)).toList();
		return effects.contains(Effect.ALLOW) && !effects.contains(Effect.DENY);
	}

	/**
	 * Whether this trust policy lets the service principal {@code service} (e.g.
	 * {@code pinpoint.amazonaws.com}) perform {@code action} given the request's
	 * condition keys.
	 */
	public boolean trusts(String service, String action, Map<String, String> context) {
		return decide(action, null, service, context) == Effect.ALLOW;
	}

	private Effect decide(String action, String resource, String service, Map<String, String> context) {
		Effect effect = Effect.SILENT;
		for (JsonNode statement : this.statements) {
			boolean applies = matchesAction(statement, action)
					&& (resource == null || matchesResource(statement, resource))
					&& (service == null || matchesService(statement, service)) && conditionsHold(statement, context);
			if (applies && "Deny".equals(statement.path("Effect").asString(""))) {
				return Effect.DENY;
			}
			if (applies) {
				effect = Effect.ALLOW;
			}
		}
		return effect;
	}

	private static boolean matchesAction(JsonNode statement, String action) {
		if (statement.has("NotAction")) {
			return values(statement.get("NotAction")).stream().noneMatch(pattern -> glob(pattern, action, true));
		}
		return values(statement.get("Action")).stream().anyMatch(pattern -> glob(pattern, action, true));
	}

	private static boolean matchesResource(JsonNode statement, String resource) {
		if (statement.has("NotResource")) {
			return values(statement.get("NotResource")).stream().noneMatch(pattern -> glob(pattern, resource, false));
		}
		return values(statement.get("Resource")).stream().anyMatch(pattern -> glob(pattern, resource, false));
	}

	private static boolean matchesService(JsonNode statement, String service) {
		JsonNode principal = statement.get("Principal");
		if (principal == null) {
			return false;
		}
		if (principal.isString()) {
			return "*".equals(principal.asString());
		}
		return values(principal.get("Service")).contains(service) || values(principal.get("AWS")).contains("*");
	}

	private static boolean conditionsHold(JsonNode statement, Map<String, String> context) {
		JsonNode conditions = statement.get("Condition");
		if (conditions == null) {
			return true;
		}
		for (Map.Entry<String, JsonNode> operator : conditions.properties()) {
			for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
				if (!conditionHolds(operator.getKey(), context.get(key.getKey()), values(key.getValue()))) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean conditionHolds(String operator, String actual, List<String> expected) {
		boolean ifExists = operator.endsWith("IfExists");
		String name = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
		boolean negated = name.contains("Not");
		if (actual == null) {
			return ifExists || negated;
		}
		boolean any = switch (name.replace("Not", "")) {
			case "StringEquals", "ArnEquals" -> expected.contains(actual);
			case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(actual::equalsIgnoreCase);
			case "StringLike", "ArnLike" -> expected.stream().anyMatch(pattern -> glob(pattern, actual, false));
			default -> negated;
		};
		return negated != any;
	}

	private static List<String> values(JsonNode node) {
		List<String> values = new ArrayList<>();
		if (node == null) {
			return values;
		}
		if (node.isArray()) {
			node.forEach(value -> values.add(value.asString()));
		}
		else {
			values.add(node.asString());
		}
		return values;
	}

	/** IAM wildcards: {@code *} any run of characters, {@code ?} any one character. */
	static boolean glob(String pattern, String value, boolean ignoreCase) {
		StringBuilder regex = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
		return Pattern.compile(regex.toString(), flags)
			.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value)
			.matches();
	}

	private static ServiceError malformed(String message) {
		return new ServiceError(400, "MalformedPolicyDocument", message);
	}

}
