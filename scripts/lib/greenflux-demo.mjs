// What `npm start` (scripts/start.mjs) and the end-to-end tests (test/e2e/run.mjs) share: building and
// packing this package, running the GreenFlux sandbox as a child process, the sandbox credentials and the
// demo workflows in workflows/. Standard library only; runs on Node >= 20.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureRuntime } from '../runtime.mjs';
import { sleep, stopGroup, trackGroup } from './processes.mjs';

export { sleep };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORKFLOWS_DIR = path.join(REPO_ROOT, 'workflows');

/** Package name = prefix of the node types n8n registers (`n8n-nodes-greenflux.greenFlux`). */
export const PACKAGE_NAME = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).name;

/**
 * The credentials the demo workflows use, by name (n8n's default name for a new credential is
 * "<type display name> account", so a user's own credentials match the templates without editing).
 * Fixed ids make `n8n import:credentials` idempotent.
 */
export const CREDENTIALS = {
	platform: {
		id: 'gfxDemoPlatform1',
		name: 'GreenFlux Platform API account',
		type: 'greenFluxPlatformApi',
	},
	chargeAssist: {
		id: 'gfxDemoChargeAs1',
		name: 'GreenFlux Charge Assist API account',
		type: 'greenFluxChargeAssistApi',
	},
	push: { id: 'gfxDemoPushApi01', name: 'GreenFlux Push API account', type: 'greenFluxPushApi' },
	/** n8n's Basic Auth credential that protects the remote start/stop form (the template names it). */
	formLogin: {
		id: 'gfxDemoFormLogin',
		name: 'GreenFlux remote form login',
		type: 'httpBasicAuth',
	},
};

/** User name of the demo form login; its password is random per user folder (see formLoginPassword). */
export const FORM_LOGIN_USER = 'greenflux';

/** A random password for the demo form login (letters and digits, 20 characters). */
export function randomFormPassword() {
	const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return Array.from(randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Sandbox keys (test/sandbox/subscriptions.ts) and the push token the demo uses. */
export const SANDBOX_KEYS = {
	platform: 'gfx-sandbox-full',
	chargeAssist: 'gfx-sandbox-charge-assist',
};
export const DEMO_PUSH_TOKEN = 'greenflux-demo-push-token-0001';

/**
 * Credentials pointing at a sandbox (Custom environment), in `n8n import:credentials` format, plus the
 * Basic Auth login of the remote start/stop form (user FORM_LOGIN_USER, password `formPassword`).
 */
export function sandboxCredentials(sandboxUrl, { formPassword } = {}) {
	if (typeof formPassword !== 'string' || formPassword.length < 12)
		throw new Error('sandboxCredentials: give a formPassword of at least 12 characters');
	return [
		{
			...CREDENTIALS.platform,
			data: { environment: 'custom', url: sandboxUrl, token: SANDBOX_KEYS.platform },
		},
		{
			...CREDENTIALS.chargeAssist,
			data: {
				environment: 'custom',
				url: sandboxUrl,
				headerStyle: 'apiKey',
				apiKey: SANDBOX_KEYS.chargeAssist,
			},
		},
		{ ...CREDENTIALS.push, data: { token: DEMO_PUSH_TOKEN } },
		{ ...CREDENTIALS.formLogin, data: { user: FORM_LOGIN_USER, password: formPassword } },
	];
}

/**
 * The demo workflows, with the fixed id `npm start` imports each under (keyed by file name). None is
 * published by default; `publishable` ones are published by `npm start -- --publish-demos`.
 */
export const DEMO_WORKFLOWS = {
	'monthly-cdr-export.json': { id: 'gfxDemoCdrExport' },
	'charge-station-error-alert.json': { id: 'gfxDemoErrAlert1' },
	'remote-start-stop-form.json': { id: 'gfxDemoRemoteCmd', publishable: true },
	'cdrs-to-invoicing-no-cdr-lost.json': { id: 'gfxDemoCdrNoLoss' },
	'charge-station-errors-to-support.json': { id: 'gfxDemoErrNoLoss' },
};

/** Name of the Set node at the start of the CDR export that holds the export folder (a template setting). */
export const EXPORT_SETTINGS_NODE = 'Export settings';

/** Reads workflows/*.json → [{ file, workflow }]. */
export async function loadDemoWorkflows() {
	const files = (await readdir(WORKFLOWS_DIR)).filter((f) => f.endsWith('.json')).sort();
	return await Promise.all(
		files.map(async (file) => ({
			file,
			workflow: JSON.parse(await readFile(path.join(WORKFLOWS_DIR, file), 'utf8')),
		})),
	);
}

/** A copy of a template workflow whose export folder setting points at `exportFolder`. */
export function withExportFolder(workflow, exportFolder) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.name !== EXPORT_SETTINGS_NODE) continue;
		for (const assignment of node.parameters?.assignments?.assignments ?? []) {
			if (assignment.name === 'exportFolder') assignment.value = exportFolder;
		}
	}
	return copy;
}

/** The value a workflow's Form Trigger is served under (`/form/<path>`), if it has one. */
export function formPathOf(workflow) {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger');
	return trigger
		? (trigger.parameters?.options?.path ?? trigger.parameters?.path ?? trigger.webhookId)
		: undefined;
}

// ---- the n8n runtime ----------------------------------------------------------------------------

/**
 * ensureRuntime() for scripts started by `npm start` / `npm run …`: npm exports this project's .npmrc
 * (`ignore-scripts=true`) to them as npm_config_ignore_scripts, which would make the installer's
 * `npm rebuild sqlite3` skip sqlite3's build script (no native binding: "sqlite3 does not load").
 */
export async function ensureRuntimeFromNpmScript(options) {
	delete process.env.npm_config_ignore_scripts;
	return await ensureRuntime(options);
}

// ---- build and pack ---------------------------------------------------------------------------

/** Runs a command in the repository, output captured; rejects with its tail on failure. */
export function runCaptured(cmd, args, { cwd = REPO_ROOT, env = process.env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('error', (error) => reject(new Error(`${cmd} could not start: ${error.message}`)));
		child.on('close', (code, signal) =>
			code === 0
				? resolve(output)
				: reject(
						new Error(
							`\`${cmd} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${tail(stripAnsi(output), 30)}`,
						),
					),
		);
	});
}

/** `npm run build` (n8n-node build + icons). */
export async function buildPackage() {
	await runCaptured('npm', ['run', 'build']);
}

/** Whether dist/ is missing or older than a source file that ends up in it. */
export function buildIsStale() {
	const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const outputs = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials].map((f) =>
		path.join(REPO_ROOT, f),
	);
	if (outputs.some((f) => !existsSync(f))) return true;
	const builtAt = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
	const sources = ['nodes', 'credentials', 'icons'].flatMap((dir) =>
		filesUnder(path.join(REPO_ROOT, dir)),
	);
	sources.push(path.join(REPO_ROOT, 'package.json'), path.join(REPO_ROOT, 'tsconfig.json'));
	return sources.some((f) => existsSync(f) && statSync(f).mtimeMs > builtAt);
}

function filesUnder(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

/** `npm pack` into destDir; returns the tarball's path. */
export async function packPackage(destDir) {
	const output = await runCaptured('npm', ['pack', '--json', '--pack-destination', destDir]);
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	return path.join(destDir, filename);
}

// ---- the GreenFlux sandbox as a child process ---------------------------------------------------

const READY = /GreenFlux sandbox listening on (http:\/\/\S+)/;
/**
 * Starts `tsx test/sandbox/cli.ts` (or another sandbox entry point: script) in its own process group and
 * resolves once it listens: { url, port, pid, output(), stop() }. port 0 = any free port.
 */
export async function startSandboxProcess({
	script = path.join('test', 'sandbox', 'cli.ts'),
	port = 4010,
	anchor,
	scale,
	commandDelayMs,
	extraArgs = [],
	logFile,
	timeoutMs = 60_000,
} = {}) {
	const args = ['--import', 'tsx', script, '--port', String(port)];
	if (anchor) args.push('--anchor', anchor);
	if (scale !== undefined) args.push('--scale', String(scale));
	if (commandDelayMs !== undefined) args.push('--command-delay', String(commandDelayMs));
	args.push(...extraArgs);
	const env = { ...process.env };
	if (logFile) env.GREENFLUX_SANDBOX_LOG = logFile;
	else delete env.GREENFLUX_SANDBOX_LOG;
	const child = spawn(process.execPath, args, {
		cwd: REPO_ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.on('error', () => {});
	if (!child.pid)
		throw new Error(`could not start the sandbox (${process.execPath} ${args.join(' ')})`);
	const group = child.pid;
	trackGroup(group);
	let output = '';
	const collect = (chunk) => (output = (output + chunk).slice(-32 * 1024));
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);

	let stopping;
	const stop = () => (stopping ??= stopGroup(group, child, 5000));

	try {
		const url = await new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(
							`the sandbox did not start within ${timeoutMs / 1000}s:\n${tail(output, 20)}`,
						),
					),
				timeoutMs,
			);
			const onData = () => {
				const match = READY.exec(output);
				if (match) {
					clearTimeout(timer);
					child.stdout.off('data', onData);
					resolve(match[1]);
				}
			};
			child.stdout.on('data', onData);
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				reject(
					new Error(`the sandbox exited (${signal ?? code}) while starting:\n${tail(output, 20)}`),
				);
			});
		});
		return { url, port: Number(new URL(url).port), pid: group, output: () => output, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

// ---- n8n REST (cookie session) ----------------------------------------------------------------

/** POST /rest/login; returns the session cookie. */
export async function login(url, email, password) {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!response.ok)
		throw new Error(
			`POST /rest/login as ${email} failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`,
		);
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Node types the editor gets (`GET /types/nodes.json`, needs a session). */
export async function nodeTypes(url, cookie) {
	const response = await fetch(`${url}/types/nodes.json`, { headers: { cookie } });
	if (!response.ok) throw new Error(`GET /types/nodes.json failed: HTTP ${response.status}`);
	return await response.json();
}

// ---- small helpers ----------------------------------------------------------------------------

export function tail(text, lines) {
	return String(text ?? '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

export function stripAnsi(text) {
	return String(text).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
