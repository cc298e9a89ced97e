// Validates rendered Kubernetes manifests (multi-document YAML files given as arguments) against
// the Kubernetes and Prometheus Operator JSON schemas shipped by the kubernetes-models packages,
// offline. Like `kubeconform -strict`, a field the schema does not know is an error too (the
// schemas themselves allow unknown fields, so a typo such as `readOnlyRootFileSystem` would
// otherwise pass).
//
//   node .ci/check-manifests.mjs target/helm/*.yaml
//
// Exit code 0 when every document is valid, 1 otherwise; one line per document or problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const modelPackages = [
	{ group: /^monitoring\.coreos\.com\//, module: "@kubernetes-models/prometheus-operator" },
	{ group: /./, module: "kubernetes-models" },
];

async function modelFor(apiVersion, kind) {
	const entry = modelPackages.find((candidate) => candidate.group.test(apiVersion));
	const module = await import(`${entry.module}/${apiVersion}/${kind}`);
	return module[kind];
}

// Wraps an object so that every property the validator looks at is recorded. The generated
// validators read each property their schema declares, and enumerate objects whose schema is a
// map; so a present key that was never read on an object whose properties were read is unknown.
function tracking(root) {
	const seen = new WeakMap();
	function wrap(value) {
		if (value === null || typeof value !== "object") {
			return value;
		}
		if (!seen.has(value)) {
			seen.set(value, { read: new Set(), enumerated: false, proxy: null });
			const record = seen.get(value);
			record.proxy = new Proxy(value, {
				get(target, key, receiver) {
					if (typeof key === "string") {
						record.read.add(key);
					}
					return wrap(Reflect.get(target, key, receiver));
				},
				has(target, key) {
					if (typeof key === "string") {
						record.read.add(key);
					}
					return Reflect.has(target, key);
				},
				ownKeys(target) {
					record.enumerated = true;
					return Reflect.ownKeys(target);
				},
			});
		}
		return seen.get(value).proxy;
	}
	function unknownFields(value = root, path = "") {
		if (value === null || typeof value !== "object") {
			return [];
		}
		const record = seen.get(value);
		const unknown = [];
		const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
		for (const [key, child] of entries) {
			if (!Array.isArray(value) && record && !record.enumerated && record.read.size > 0 && !record.read.has(key)) {
				unknown.push(`${path}/${key}`);
				continue;
			}
			unknown.push(...unknownFields(child, `${path}/${key}`));
		}
		return unknown;
	}
	return { proxy: wrap(root), unknownFields };
}

async function check(document) {
	const { apiVersion, kind, metadata } = document;
	if (typeof apiVersion !== "string" || typeof kind !== "string") {
		return [`document without apiVersion/kind`];
	}
	let Model;
	try {
		Model = await modelFor(apiVersion, kind);
	}
	catch (ex) {
		return [`${apiVersion} ${kind}: no schema known for this kind (${ex.code ?? ex.message})`];
	}
	const problems = [];
	if (!metadata || typeof metadata.name !== "string" || metadata.name.length === 0) {
		problems.push("metadata.name is missing");
	}
	const tracked = tracking(document);
	try {
		Model.prototype.validate.call(tracked.proxy);
	}
	catch (ex) {
		const details = ex.errors ? ex.errors.map((error) => `${error.instancePath || "/"} ${error.message}`) : [ex.message];
		problems.push(...details);
	}
	problems.push(...tracked.unknownFields().map((path) => `${path} is not a field of ${apiVersion} ${kind}`));
	return problems;
}

const files = process.argv.slice(2);
if (files.length === 0) {
	console.error("usage: node check-manifests.mjs FILE...");
	process.exit(2);
}
let failed = 0;
let checked = 0;
for (const file of files) {
	for (const parsed of parseAllDocuments(readFileSync(file, "utf8"))) {
		if (parsed.errors.length > 0) {
			console.log(`FAIL ${file}: YAML ${parsed.errors[0].message}`);
			failed++;
			continue;
		}
		const document = parsed.toJS();
		if (document === null || document === undefined) {
			continue;
		}
		checked++;
		const label = `${file}: ${document.kind ?? "?"} ${document.metadata?.name ?? "?"}`;
		const problems = await check(document);
		if (problems.length === 0) {
			console.log(`ok   ${label}`);
		}
		else {
			failed++;
			console.log(`FAIL ${label}`);
			problems.forEach((problem) => console.log(`       ${problem}`));
		}
	}
}
console.log(`${checked - failed} valid, ${failed} invalid manifests`);
process.exit(failed === 0 && checked > 0 ? 0 : 1);
