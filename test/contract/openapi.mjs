import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOCUMENTS = [
	'greenflux-service.json',
	'charge-location-management.json',
	'remote-commands.json',
	'charge-assist.json',
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of GreenFlux's OpenAPI documents, with a matcher for its path template. */
export function loadOperations(specDir) {
	if (!existsSync(specDir)) return undefined;
	const operations = [];
	for (const document of DOCUMENTS) {
		const spec = JSON.parse(readFileSync(join(specDir, document), 'utf8'));
		for (const [template, item] of Object.entries(spec.paths)) {
			for (const method of METHODS) {
				const op = item[method];
				if (!op) continue;
				const parameters = op.parameters ?? [];
				const pathParams = [];
				const source = template
					.split('/')
					.map((segment) => {
						const m = /^\{(.+)\}$/.exec(segment);
						if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
						pathParams.push(m[1]);
						return '([^/]+)';
					})
					.join('/');
				operations.push({
					document,
					tag: op.tags?.[0] ?? '(untagged)',
					method: method.toUpperCase(),
					template,
					id: `${method.toUpperCase()} ${template}`,
					regex: new RegExp(`^${source}/?$`, 'i'),
					exactCaseRegex: new RegExp(`^${source}/?$`),
					pathParams,
					pathEnums: Object.fromEntries(
						parameters
							.filter((p) => p.in === 'path' && p.schema?.enum)
							.map((p) => [p.name, p.schema.enum.map(String)]),
					),
					requiredQuery: parameters
						.filter((p) => p.in === 'query' && p.required)
						.map((p) => p.name),
					knownQuery: parameters.filter((p) => p.in === 'query').map((p) => p.name),
					literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
				});
			}
		}
	}
	return operations;
}

/** The operation a logged request belongs to, or a reason why none fits. */
export function matchRequest(operations, entry) {
	const candidates = operations
		.filter((op) => op.method === entry.method)
		.map((op) => ({ op, m: op.regex.exec(entry.path) }))
		.filter(
			({ op, m }) =>
				m &&
				op.pathParams.every(
					(name, i) =>
						!op.pathEnums[name] || op.pathEnums[name].includes(decodeURIComponent(m[i + 1])),
				),
		)
		// Equally specific templates (Locations v1 `locations` vs v2 `Locations`): the published casing decides.
		.sort(
			(a, b) =>
				b.op.literalSegments - a.op.literalSegments ||
				Number(b.op.exactCaseRegex.test(entry.path)) - Number(a.op.exactCaseRegex.test(entry.path)),
		);
	if (candidates.length === 0)
		return { error: `no OpenAPI operation for ${entry.method} ${entry.path}` };
	const { op } = candidates[0];
	const query = entry.query ?? {};
	const missing = op.requiredQuery.filter(
		(name) => query[name] === undefined || query[name] === '',
	);
	if (missing.length)
		return { op, error: `${op.id}: required query parameter(s) missing: ${missing.join(', ')}` };
	const unknown = Object.keys(query).filter((name) => !op.knownQuery.includes(name));
	if (unknown.length)
		return {
			op,
			error: `${op.id}: query parameter(s) not in the OpenAPI document: ${unknown.join(', ')}`,
		};
	return { op };
}
