package io.pinpointimport.role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.pinpointimport.shared.S3Location;

/**
 * Builds the trust and permission documents of an import role (see AWS-FACTS "The import
 * role"), and compares policy documents by meaning rather than by text.
 */
final class PolicyDocuments {

	static final String POLICY_VERSION = "2012-10-17";

	static final String PINPOINT_PRINCIPAL = "pinpoint.amazonaws.com";

	static final String SOURCE_ACCOUNT = "aws:SourceAccount";

	static final String SOURCE_ARN = "aws:SourceArn";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final JsonMapper json = JsonMapper.shared();

	private PolicyDocuments() {
	}

	/**
	 * The trust policy that lets Pinpoint assume the role, only on behalf of this account
	 * and only for {@code applicationId} (every application when null): the conditions
	 * guard against the confused-deputy problem.
	 */
	static ObjectNode trustPolicy(AwsAccount account, String region, String applicationId) {
		ObjectNode statement = nodes.objectNode();
		statement.put("Effect", "Allow");
		statement.putObject("Principal").put("Service", PINPOINT_PRINCIPAL);
		statement.put("Action", "sts:AssumeRole");
		ObjectNode condition = statement.putObject("Condition");
		condition.putObject("StringEquals").put(SOURCE_ACCOUNT, account.accountId());
		condition.putObject("ArnLike").put(SOURCE_ARN, sourceArn(account, region, applicationId));
		return document(statement);
	}

	/** {@code arn:<partition>:mobiletargeting:<region>:<account>:apps/<app or *>}. */
	static String sourceArn(AwsAccount account, String region, String applicationId) {
		return "arn:" + account.partition() + ":mobiletargeting:" + region + ":" + account.accountId() + ":apps/"
				+ ((applicationId != null) ? applicationId : "*");
	}

	/**
	 * The least-privilege inline policy: {@code s3:GetObject} under each location,
	 * {@code s3:ListBucket} on each bucket limited to the locations' prefixes, and
	 * {@code kms:Decrypt} on the given keys.
	 */
	static ObjectNode scopedPolicy(String partition, List<S3Location> locations, List<String> kmsKeyArns) {
		List<ObjectNode> statements = new ArrayList<>();
		ObjectNode read = statement("ReadImportObjects", "s3:GetObject");
		ArrayNode objects = read.putArray("Resource");
		locations.stream()
			.map(location -> bucketArn(partition, location.bucket()) + "/" + location.prefix() + "*")
			.distinct()
			.sorted()
			.forEach(objects::add);
		statements.add(read);
		Map<String, TreeSet<String>> prefixesByBucket = new TreeMap<>();
		locations.forEach(location -> prefixesByBucket.computeIfAbsent(location.bucket(), bucket -> new TreeSet<>())
			.add(location.prefix()));
		int index = 1;
		for (Map.Entry<String, TreeSet<String>> bucket : prefixesByBucket.entrySet()) {
			ObjectNode list = statement("ListImportBucket" + index++, "s3:ListBucket");
			list.put("Resource", bucketArn(partition, bucket.getKey()));
			// An empty prefix is the whole bucket: listing it needs no condition.
			if (!bucket.getValue().contains("")) {
				ArrayNode prefixes = list.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
				bucket.getValue().forEach(prefix -> prefixes.add(prefix + "*"));
			}
			statements.add(list);
		}
		if (!kmsKeyArns.isEmpty()) {
			ObjectNode decrypt = statement("DecryptImportObjects", "kms:Decrypt");
			ArrayNode keys = decrypt.putArray("Resource");
			kmsKeyArns.stream().distinct().sorted().forEach(keys::add);
			statements.add(decrypt);
		}
		return document(statements.toArray(ObjectNode[]::new));
	}

	/** {@code arn:<partition>:iam::aws:policy/AmazonS3ReadOnlyAccess}. */
	static String s3ReadOnlyPolicyArn(String partition) {
		return "arn:" + partition + ":iam::aws:policy/AmazonS3ReadOnlyAccess";
	}

	/**
	 * Reads a policy document as IAM returns it: URL-encoded (GetRole, GetRolePolicy) or
	 * plain; text that is not JSON comes back as a string node, so it still compares.
	 */
	static JsonNode decode(String document) {
		if (document == null) {
			return nodes.nullNode();
		}
		String text = document.strip().startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
		try {
			return json.readTree(text);
		}
		catch (JacksonException ex) {
			return nodes.stringNode(document);
		}
	}

	/** Compact JSON text of a document, as sent to IAM. */
	static String text(JsonNode document) {
		return json.writeValueAsString(document);
	}

	/**
	 * True when two policy documents mean the same: key order, the order of values and
	 * statements, and a single value written with or without an array do not matter.
	 */
	static boolean equivalent(JsonNode left, JsonNode right) {
		return normalize(left).equals(normalize(right));
	}

	static JsonNode normalize(JsonNode node) {
		if (node.isObject()) {
			ObjectNode sorted = nodes.objectNode();
			new TreeMap<>(toMap(node)).forEach((name, value) -> sorted.set(name, normalize(value)));
			return sorted;
		}
		if (node.isArray()) {
			List<JsonNode> values = new ArrayList<>();
			node.values().forEach(value -> values.add(normalize(value)));
			if (values.size() == 1) {
				return values.get(0);
			}
			ArrayNode array = nodes.arrayNode();
			values.stream().distinct().sorted(Comparator.comparing(JsonNode::toString)).forEach(array::add);
			return array;
		}
		return node;
	}

	private static Map<String, JsonNode> toMap(JsonNode node) {
		Map<String, JsonNode> map = new TreeMap<>();
		node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
		return map;
	}

	private static String bucketArn(String partition, String bucket) {
		return "arn:" + partition + ":s3:::" + bucket;
	}

	private static ObjectNode statement(String sid, String action) {
		ObjectNode statement = nodes.objectNode();
		statement.put("Sid", sid);
		statement.put("Effect", "Allow");
		statement.put("Action", action);
		return statement;
	}

	private static ObjectNode document(ObjectNode... statements) {
		ObjectNode document = nodes.objectNode();
		document.put("Version", POLICY_VERSION);
		ArrayNode array = document.putArray("Statement");
		for (ObjectNode statement : statements) {
			array.add(statement);
		}
		return document;
	}

}
