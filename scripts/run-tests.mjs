// `npm test`: jest (unit + engine suites against the sandbox), then the OpenAPI contract check of every
// request the sandbox served. GREENFLUX_SANDBOX_LOG names the request log (default: a temporary file).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { checkLog } from '../test/contract/check.mjs';

const logFile = resolve(
	process.env.GREENFLUX_SANDBOX_LOG ??
		join(mkdtempSync(join(tmpdir(), 'gfx-test-')), 'gfx-requests.jsonl'),
);
writeFileSync(logFile, '');
console.log(`Sandbox request log: ${logFile}`);

const jest = spawnSync(
	process.execPath,
	['node_modules/jest/bin/jest.js', ...process.argv.slice(2)],
	{
		stdio: 'inherit',
		env: { ...process.env, GREENFLUX_SANDBOX_LOG: logFile },
	},
);
const contract = checkLog(logFile);
if (jest.status !== 0) console.log(`jest exited with ${jest.status ?? jest.signal}`);
process.exit(jest.status === 0 && contract.ok ? 0 : 1);
