// Checks a sandbox request log against GreenFlux's OpenAPI documents and prints the operations exercised.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { loadOperations, matchRequest } from './openapi.mjs';
import { SCOPES } from './scopes.mjs';

/** GreenFlux's OpenAPI documents: shared/greenflux-openapi beside the repository. */
export const OPENAPI_DIR = fileURLToPath(
	new URL('../../../shared/greenflux-openapi', import.meta.url),
);

/** `scopes: false` leaves out the per-scope coverage lines (they are about the engine tests). */
export function checkLog(logFile, specDir = OPENAPI_DIR, { scopes = true } = {}) {
	const operations = loadOperations(specDir);
	if (!operations) {
		console.log(
			`contract: SKIPPED — ${specDir} is absent, so requests cannot be checked against GreenFlux's OpenAPI documents`,
		);
		return { ok: true, skipped: true };
	}
	const lines = existsSync(logFile)
		? readFileSync(logFile, 'utf8').split('\n').filter(Boolean)
		: [];
	const errors = [];
	const exercised = new Map();
	for (const line of lines) {
		const entry = JSON.parse(line);
		const { op, error } = matchRequest(operations, entry);
		if (error) errors.push(error);
		else exercised.set(op.id, (exercised.get(op.id) ?? 0) + 1);
	}
	console.log(
		`contract: ${lines.length} requests in ${logFile}, ${exercised.size} distinct OpenAPI operations exercised`,
	);
	for (const [id, count] of [...exercised.entries()].sort())
		console.log(`  ${String(count).padStart(6)}  ${id}`);
	for (const scope of scopes ? SCOPES : []) {
		const ids = operations.filter(scope.includes).map((op) => op.id);
		const covered = ids.filter((id) => exercised.has(id));
		const missing = ids.filter((id) => !exercised.has(id));
		console.log(
			`contract scope "${scope.name}": ${covered.length}/${ids.length}${missing.length ? `; not exercised: ${missing.join(', ')}` : ''}`,
		);
	}
	const distinct = [...new Set(errors)];
	if (distinct.length) {
		console.log(`contract: FAILED — ${errors.length} request(s) match no OpenAPI operation:`);
		for (const error of distinct.slice(0, 50)) console.log(`  ${error}`);
	} else {
		console.log('contract: every logged request matches an OpenAPI operation');
	}
	return { ok: distinct.length === 0, exercised, errors: distinct };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const file = process.argv[2] ?? process.env.GREENFLUX_SANDBOX_LOG;
	if (!file) {
		console.error('usage: node test/contract/check.mjs <request-log.jsonl>');
		process.exit(2);
	}
	process.exit(checkLog(file).ok ? 0 : 1);
}
