// The bench's world: a GreenFlux sandbox with N CDRs in its own process, and a real n8n (the pinned
// runtime, the packed package installed as n8n installs community packages, sandbox credentials, an
// API key), plus what the bench measures on it: executions, n8n's RSS, stored execution bytes.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { restartN8n, startPackagedN8n } from '../lib/n8n-process.mjs';
import {
	ensureRuntimeFromNpmScript,
	packPackage,
	randomFormPassword,
	REPO_ROOT,
	sandboxCredentials,
	sleep,
	startSandboxProcess,
} from '../lib/greenflux-demo.mjs';

/** The seed makes 3,000 CDRs per scale unit over 90 days; about 5 % are small ones the API hides. */
export const scaleFor = (cdrs) => cdrs / 3000 / 0.95;

/** Starts the sandbox with about `cdrs` visible CDRs; { url, stop(), requestsSince(offset) }. */
export async function startBenchSandbox({ cdrs, folder }) {
	const logFile = path.join(folder, 'sandbox-requests.jsonl');
	await writeFile(logFile, '');
	const sandbox = await startSandboxProcess({
		port: 0,
		anchor: '2026-12-01T00:00:00Z',
		scale: scaleFor(cdrs),
		logFile,
		timeoutMs: 180_000,
	});
	return {
		...sandbox,
		logFile,
		/** Lines logged so far (a mark for requestsSince). */
		mark: async () => (await readFile(logFile, 'utf8')).split('\n').length - 1,
		/** Requests logged after `mark` whose path matches. */
		requestsSince: async (mark, pathPattern) =>
			(await readFile(logFile, 'utf8'))
				.split('\n')
				.slice(mark)
				.filter((line) => line !== '' && pathPattern.test(JSON.parse(line).path ?? '')).length,
	};
}

/** Starts an n8n with the package and the sandbox's credentials; env: extra n8n environment. */
export async function startBenchN8n({ folder, sandboxUrl, tarball, env: extraEnv = {}, log }) {
	const runtime = await ensureRuntimeFromNpmScript({ quiet: true });
	const userFolder = path.join(folder, 'n8n');
	const exportFolder = path.join(folder, 'exports');
	await mkdir(exportFolder, { recursive: true });
	const owner = { email: 'bench@example.com', password: `Bench-${Date.now().toString(36)}-Pw1` };
	const logFile = path.join(folder, 'n8n.log');
	const started = await startPackagedN8n(runtime, {
		userFolder,
		tarball: tarball ?? (await packPackage(folder)),
		owner,
		credentialsFile: path.join(folder, 'credentials.json'),
		credentials: sandboxCredentials(sandboxUrl, { formPassword: randomFormPassword() }),
		env: {
			N8N_RESTRICT_FILE_ACCESS_TO: exportFolder,
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			...extraEnv,
		},
		n8nOptions: { logFile, stopTimeoutMs: 60_000 },
		apiKeyLabel: 'bench',
	});
	const { env, apiKey } = started;
	let n8n = started.n8n;
	log?.(`n8n ${n8n.url} (pid ${n8n.pid}, log ${logFile})`);

	async function api(method, apiPath, body) {
		const call = () =>
			fetch(`${n8n.url}/api/v1${apiPath}`, {
				method,
				headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		// A GET may meet a kept-alive socket n8n closes as its event loop wakes from saving a large
		// execution (ECONNRESET); asking again is safe for reads.
		let response;
		for (let attempt = 1; !response; attempt++) {
			try {
				response = await call();
			} catch (error) {
				if (method !== 'GET' || attempt === 3) throw error;
				await sleep(500);
			}
		}
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /api/v1${apiPath}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	return {
		get url() {
			return n8n.url;
		},
		get pid() {
			return n8n.pid;
		},
		userFolder,
		exportFolder,
		logFile,
		api,
		/** Creates and publishes a workflow; returns its id. */
		async publish(workflow) {
			const created = await api('POST', '/workflows', { settings: {}, ...workflow });
			await api('POST', `/workflows/${created.id}/publish`, {});
			return created.id;
		},
		/** The newest execution ids of a workflow (public API), all of them. */
		async executionIds(workflowId) {
			const ids = [];
			let cursor;
			do {
				const query = new URLSearchParams({ workflowId, limit: '250' });
				if (cursor) query.set('cursor', cursor);
				const page = await api('GET', `/executions?${query}`);
				ids.push(...page.data.map((e) => Number(e.id)));
				cursor = page.nextCursor;
			} while (cursor);
			return ids;
		},
		/** Polls until the execution is stored as finished (without loading its data). */
		async waitStored(workflowId, afterId, { timeoutMs = 600_000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const query = new URLSearchParams({ workflowId, limit: '1' });
				const [latest] = (await api('GET', `/executions?${query}`)).data;
				if (
					latest &&
					Number(latest.id) > afterId &&
					latest.stoppedAt &&
					latest.status !== 'running'
				)
					return latest;
				if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: no stored execution`);
				await sleep(100);
			}
		},
		/** Bytes of the stored execution data (SQLite, read with the runtime's Node 24 node:sqlite). */
		async storedBytes(executionId) {
			const database = path.join(userFolder, '.n8n', 'database.sqlite');
			const code = `const { DatabaseSync } = require('node:sqlite');
				const db = new DatabaseSync(process.argv[1], { readOnly: true });
				const row = db.prepare('SELECT length(data) AS bytes FROM execution_data WHERE executionId = ?').get(process.argv[2]);
				process.stdout.write(String(row?.bytes ?? 0));`;
			const output = await run(runtime.nodeBin, ['-e', code, database, String(executionId)]);
			return Number(output);
		},
		/** Restarts n8n with changed environment (an undefined value removes a variable). */
		async restart(changes = {}) {
			for (const [key, value] of Object.entries(changes))
				if (value === undefined) delete env[key];
				else env[key] = value;
			n8n = await restartN8n(runtime, env, n8n, { logFile, stopTimeoutMs: 60_000 });
		},
		stop: () => n8n.stop(),
	};
}

function run(command, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (err += c));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`${command} failed (${code}): ${err}`)),
		);
	});
}

/** Samples a process's RSS every 100 ms; stop() resolves with the peak in bytes. */
export function rssSampler(pid) {
	let peak = 0;
	let stopped = false;
	const sample = async () => {
		while (!stopped) {
			try {
				const status = await readFile(`/proc/${pid}/status`, 'utf8');
				const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
				peak = Math.max(peak, kb * 1024);
			} catch {
				// the process ended
			}
			await sleep(100);
		}
	};
	const running = sample();
	return {
		async stop() {
			stopped = true;
			await running;
			return peak;
		},
	};
}
