// Helpers to run a real, headless, offline n8n from the runtime installed by scripts/runtime.mjs,
// for the `npm start` launcher and the end-to-end tests. Standard library only.
//
// Usage pattern (never leaves processes behind, also when something throws):
//   const runtime = await ensureRuntime();
//   const env = n8nEnv({ userFolder, port: await freePort(), brokerPort: await freePort(), ownerEmail, ownerPassword });
//   await installPackageInto(userFolder, tarball);
//   await runN8nCli(runtime, env, ['import:workflow', `--input=${file}`]);
//   const n8n = await startN8n(runtime, env); // stops n8n itself if it never becomes ready
//   try { ... } finally { await n8n.stop(); }
// As a safety net, process groups still running when this process exits are SIGKILLed, and on
// SIGINT/SIGTERM/SIGHUP they are stopped before the signal is re-raised (only SIGKILL of this
// process can leave n8n running).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { runtimePaths } from '../runtime.mjs';
import { killGroup, sleep, stopGroup, trackGroup } from './processes.mjs';

/** Line each n8n command prints when ready (`start`: once published workflows and their webhooks are active). */
const READY_LINES = {
	start: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests.',
	worker: 'n8n worker is now ready',
};
const OUTPUT_TAIL_CHARS = 64 * 1024;

/** Returns a TCP port on 127.0.0.1 that is free right now. */
export async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Unpacks an `npm pack` tarball into <userFolder>/.n8n/nodes/node_modules/<name> the way n8n installs a community package. */
export async function installPackageInto(userFolder, tarballPath) {
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	await mkdir(path.join(nodesDir, 'node_modules'), { recursive: true });
	const staging = await mkdtemp(path.join(nodesDir, '.unpack-'));
	try {
		// Same command as n8n's CommunityPackagesService.downloadPackage.
		await run(
			'tar',
			['-xzf', path.resolve(tarballPath), '-C', staging, '--strip-components=1'],
			{},
		);
		const packageJsonPath = path.join(staging, 'package.json');
		// n8n drops these three fields before `npm install`, so the host's n8n-workflow is used.
		const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
			await readFile(packageJsonPath, 'utf8'),
		);
		if (!packageJson.name || !packageJson.version)
			throw new Error(`${tarballPath}: package.json has no name/version`);
		await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2), 'utf8');
		if (Object.keys(packageJson.dependencies ?? {}).length > 0) {
			// n8n runs exactly this in the package folder (a no-op without dependencies, so skipped then).
			const npmArgs = [
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			];
			await run('npm', npmArgs, { cwd: staging });
		}
		const target = path.join(nodesDir, 'node_modules', ...packageJson.name.split('/'));
		await rm(target, { recursive: true, force: true });
		await mkdir(path.dirname(target), { recursive: true });
		await rename(staging, target);

		const ledgerPath = path.join(nodesDir, 'package.json');
		let ledger = {};
		try {
			ledger = JSON.parse(await readFile(ledgerPath, 'utf8'));
		} catch {}
		const dependencies = {
			...(ledger.dependencies ?? {}),
			[packageJson.name]: packageJson.version,
		};
		await writeFile(
			ledgerPath,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2),
			'utf8',
		);
		return { name: packageJson.name, version: packageJson.version, dir: target };
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

/**
 * Environment for a headless n8n that never reaches the internet; the owner (if given) is created at boot from env.
 * expressionEngine: unset keeps n8n's default ('vm', isolated-vm); 'legacy' avoids the exit-time SIGSEGV described at runN8nCli.
 */
export function n8nEnv({
	userFolder,
	port,
	brokerPort,
	ownerEmail,
	ownerPassword,
	encryptionKey,
	expressionEngine,
	n8nDir = runtimePaths().n8nDir,
} = {}) {
	if (!userFolder) throw new Error('n8nEnv: userFolder is required');
	if (!Number.isInteger(port) || !Number.isInteger(brokerPort))
		throw new Error('n8nEnv: port and brokerPort must be integers (use freePort())');
	if (Boolean(ownerEmail) !== Boolean(ownerPassword))
		throw new Error('n8nEnv: give both ownerEmail and ownerPassword, or neither');
	const folder = path.resolve(userFolder);
	const env = {
		N8N_USER_FOLDER: folder,
		// Stable per folder by default: n8n refuses to start when the key differs from the one saved in <folder>/.n8n/config.
		N8N_ENCRYPTION_KEY:
			encryptionKey ??
			createHash('sha256').update(`n8n-nodes-greenflux:${folder}`).digest('hex').slice(0, 32),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '3',
		// No outbound calls: telemetry, surveys, version checks, templates, banners, MCP registry sync.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry', // else a startup task calls api.n8n.io (ENOTFOUND in the log)
		// Else the editor's node panel makes n8n fetch the vetted-package list from api(-staging).n8n.io (Strapi).
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// Explicit so installed community packages keep loading when the default flips (and no deprecation warning).
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	};
	if (expressionEngine) env.N8N_EXPRESSION_ENGINE = expressionEngine;
	if (ownerEmail) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: ownerEmail,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(ownerPassword, n8nDir),
		});
	}
	return env;
}

/** bcrypt hash made with the bcryptjs inside the n8n runtime (this project does not depend on bcryptjs). */
function bcryptHash(password, n8nDir) {
	const n8nPackageJson = path.join(n8nDir, 'node_modules', 'n8n', 'package.json');
	if (!existsSync(n8nPackageJson))
		throw new Error(`n8n runtime not found in ${n8nDir}; run \`node scripts/runtime.mjs\` first`);
	const bcrypt = createRequire(n8nPackageJson)('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

/**
 * Runs `n8n <args>` to completion (own process group, cleaned up afterwards); resolves { code, signal, stdout, stderr }.
 * Note: with n8n 2.41.1's default 'vm' expression engine, `n8n execute` dies
 * with SIGSEGV (code null) in 2-5 of 8 runs while exiting (isolated-vm thread-pool teardown), after it has
 * printed its result: parse stdout rather than trusting the exit status, or use n8nEnv({ expressionEngine: 'legacy' }).
 */
export async function runN8nCli(runtime, env, args, { timeoutMs = 5 * 60_000 } = {}) {
	const child = spawnN8n(runtime, env, args);
	const output = collectOutput(child);
	const group = child.pid;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(group, 'SIGTERM');
		setTimeout(() => killGroup(group, 'SIGKILL'), 5000).unref();
	}, timeoutMs);
	let result;
	try {
		result = await exited(child);
	} finally {
		clearTimeout(timer);
		await stopGroup(group, child, 5000); // also ends helpers (task runners) n8n may have left behind
	}
	await output.drained; // all of stdout/stderr read (pipes closed)
	if (timedOut)
		throw new Error(
			`n8n ${args.join(' ')} timed out after ${timeoutMs / 1000}s:\n${tail(output.all(), 30)}`,
		);
	return {
		code: result.code,
		signal: result.signal,
		stdout: output.stdout(),
		stderr: output.stderr(),
	};
}

/**
 * Imports credentials (n8n's `import:credentials` format) from `file`, writing them there first when
 * `credentials` is given; throws with n8n's output when the import fails.
 */
export async function importCredentials(runtime, env, file, credentials) {
	if (credentials) await writeFile(file, JSON.stringify(credentials, null, 2));
	const imported = await runN8nCli(runtime, env, ['import:credentials', `--input=${file}`]);
	if (imported.code !== 0)
		throw new Error(
			`n8n import:credentials failed (${imported.code ?? imported.signal}):\n${tail(imported.stdout + imported.stderr, 30)}`,
		);
}

/**
 * Starts `n8n start` (or `n8n webhook` / `n8n worker`: command) in its own process group; resolves
 * { url, pid, stop(), output() } once it is ready (start: REST answers and published workflows are active).
 */
export async function startN8n(
	runtime,
	env,
	{ timeoutMs = 180_000, logFile, stopTimeoutMs = 20_000, command = 'start' } = {},
) {
	const readyLine = READY_LINES[command];
	if (!readyLine) throw new Error(`startN8n: unknown command ${command}`);
	const port = env.N8N_PORT ?? '5678';
	const url = `http://127.0.0.1:${port}`;
	const child = spawnN8n(runtime, env, [command]);
	const output = collectOutput(child, logFile);
	let ready = false;
	let carry = '';
	child.stdout.on('data', (chunk) => {
		const text = carry + chunk;
		if (text.includes(readyLine)) ready = true;
		carry = text.slice(-readyLine.length);
	});
	const group = child.pid;
	let stopping;
	const stop = () =>
		(stopping ??= stopGroup(group, child, stopTimeoutMs).then(() => output.close()));

	try {
		const deadline = Date.now() + timeoutMs;
		const failIfDead = (step) => {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(
					`n8n exited (${child.exitCode ?? child.signalCode}) while waiting for ${step}:\n${tail(output.all(), 40)}`,
				);
			}
			if (Date.now() > deadline)
				throw new Error(
					`n8n not ready after ${timeoutMs / 1000}s (waiting for ${step}):\n${tail(output.all(), 40)}`,
				);
		};
		// 1. the HTTP server listens; 2. the REST controllers are registered (a few seconds later);
		// 3. n8n logs that the editor is accessible, which happens after active workflows are registered.
		if (command !== 'worker')
			await pollUntil(
				() => httpStatus(`${url}/healthz`).then((s) => s === 200),
				() => failIfDead('/healthz'),
			);
		if (command === 'start')
			await pollUntil(
				() => httpStatus(`${url}/rest/settings`).then((s) => s === 200),
				() => failIfDead('/rest/settings'),
			);
		await pollUntil(
			async () => ready,
			() => failIfDead(`"${readyLine}"`),
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, pid: group, stop, output: () => output.all() };
}

/**
 * The n8n the e2e suite, a scenario's own instance and the bench run: the packed package installed into
 * `userFolder` as n8n installs community packages, free loopback ports, `credentials` imported, `n8n start`,
 * an owner with a public-API key. Resolves { env, n8n, apiKey } (`env` may be changed for a restart).
 */
export async function startPackagedN8n(
	runtime,
	{
		userFolder,
		tarball,
		owner,
		credentialsFile,
		credentials,
		env: extraEnv = {},
		n8nOptions,
		apiKeyLabel,
		log,
	},
) {
	const installed = await installPackageInto(userFolder, tarball);
	log?.(`installed ${path.basename(tarball)} into ${installed.dir}`);
	const env = {
		...n8nEnv({
			userFolder,
			port: await freePort(),
			brokerPort: await freePort(),
			ownerEmail: owner.email,
			ownerPassword: owner.password,
		}),
		...extraEnv,
	};
	await importCredentials(runtime, env, credentialsFile, credentials);
	log?.(`imported ${credentials.length} credentials: ${credentials.map((c) => c.name).join(', ')}`);
	const n8n = await startN8n(runtime, env, n8nOptions);
	try {
		const apiKey = await createApiKey(n8n.url, owner.email, owner.password, { label: apiKeyLabel });
		return { env, n8n, apiKey };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}

/** Logs in as the owner and creates a public-API key with every scope the owner may grant; returns the raw key. */
export async function createApiKey(
	url,
	email,
	password,
	{ label = `greenflux-${Date.now()}` } = {},
) {
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!login.ok)
		throw new Error(
			`POST /rest/login as ${email} failed: HTTP ${login.status} ${await login.text()}`,
		);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const scopes = await restJson(url, 'GET', '/rest/api-keys/scopes', cookie);
	const created = await restJson(url, 'POST', '/rest/api-keys', cookie, {
		label,
		scopes,
		expiresAt: null,
	});
	if (!created?.rawApiKey)
		throw new Error(
			`POST /rest/api-keys returned no rawApiKey: ${JSON.stringify(created).slice(0, 300)}`,
		);
	return created.rawApiKey;
}

async function restJson(url, method, route, cookie, body) {
	const response = await fetch(`${url}${route}`, {
		method,
		headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${method} ${route} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
	return JSON.parse(text).data;
}

// ---- process groups -------------------------------------------------------------------------

function spawnN8n(runtime, env, args) {
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env: { ...process.env, ...runtime.env, ...env },
		detached: true, // own process group: n8n and its task runners are stopped together
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.on('error', () => {}); // spawn failures surface below (no pid) or through exited()
	if (!child.pid)
		throw new Error(
			`could not start ${runtime.nodeBin} ${runtime.n8nBin} (run \`node scripts/runtime.mjs\`)`,
		);
	trackGroup(child.pid);
	return child;
}

/** Resolves on the main process's exit (not 'close': a leftover group member could hold the pipes open). */
function exited(child) {
	return new Promise((resolve, reject) => {
		if (child.exitCode !== null || child.signalCode !== null)
			return resolve({ code: child.exitCode, signal: child.signalCode });
		child.once('error', reject);
		child.once('exit', (code, signal) => resolve({ code, signal }));
	});
}

function collectOutput(child, logFile) {
	let stdout = '';
	let stderr = '';
	let all = '';
	const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
	child.stdout.on('data', (chunk) => {
		file?.write(chunk);
		stdout = (stdout + chunk).slice(-OUTPUT_TAIL_CHARS);
		all = (all + chunk).slice(-OUTPUT_TAIL_CHARS);
	});
	child.stderr.on('data', (chunk) => {
		file?.write(chunk);
		stderr = (stderr + chunk).slice(-OUTPUT_TAIL_CHARS);
		all = (all + chunk).slice(-OUTPUT_TAIL_CHARS);
	});
	const drained = Promise.all([once(child.stdout, 'close'), once(child.stderr, 'close')]).then(
		() => undefined,
	);
	return {
		drained,
		stdout: () => stdout,
		stderr: () => stderr,
		all: () => all,
		close: () => new Promise((resolve) => (file ? file.end(resolve) : resolve())),
	};
}

function run(cmd, args, { cwd }) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		child.on('error', (error) => reject(new Error(`${cmd} could not start: ${error.message}`)));
		child.on('close', (code) =>
			code === 0
				? resolve(output)
				: reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${tail(output, 20)}`)),
		);
	});
}

async function httpStatus(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

async function pollUntil(check, assertStillWaiting, intervalMs = 250) {
	for (;;) {
		if (await check()) return;
		assertStillWaiting();
		await sleep(intervalMs);
	}
}

function tail(text, lines) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Restarts a running n8n the way an operator would: stops it (SIGTERM to its process group, so n8n
 * shuts down gracefully with its task runners; SIGKILL after the stop timeout) and starts `n8n start`
 * again with the same environment — same user folder and database, same port and task-broker port —
 * resolving once it is ready again, published workflows re-activated. Returns the new
 * { url, pid, stop(), output() } (the old one is spent). `options` as for startN8n.
 */
export async function restartN8n(runtime, env, running, options = {}) {
	await running.stop();
	return await startN8n(runtime, env, options);
}
