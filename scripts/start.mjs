#!/usr/bin/env node
// `npm start`: this package in a real n8n, offline, with the GreenFlux sandbox and the demo workflows.
//   1. npm run build, npm pack; the pinned n8n runtime (installed into the cache on first use)
//   2. the GreenFlux sandbox (test/sandbox/cli.ts) on 127.0.0.1:<sandbox port>
//   3. the package installed into the demo's n8n user folder the way n8n installs a community package
//   4. credentials pointing at the sandbox, the demo workflows (workflows/*.json), an owner account
//   5. n8n on 127.0.0.1:<port>; Ctrl-C stops n8n and the sandbox.
// The user folder (<cache>/demo) is kept between runs: your own workflows and executions stay, the demo
// workflows and credentials are re-imported under fixed ids (reset to the templates, unpublished).
// --reset starts empty. --publish-demos publishes the remote start/stop form, which asks for the login
// printed at the end (n8n Basic Auth credential "GreenFlux remote form login", password kept in
// <cache>/demo/form-login.json or taken from GREENFLUX_DEMO_FORM_PASSWORD).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { N8N_VERSION, runtimeCacheDir } from './runtime.mjs';
import { freePort, installPackageInto, n8nEnv, runN8nCli, startN8n } from './lib/n8n-process.mjs';
import { isAlive } from './lib/processes.mjs';
import {
	buildPackage,
	CREDENTIALS,
	DEMO_WORKFLOWS,
	ensureRuntimeFromNpmScript,
	FORM_LOGIN_USER,
	formPathOf,
	loadDemoWorkflows,
	login,
	nodeTypes,
	PACKAGE_NAME,
	packPackage,
	randomFormPassword,
	SANDBOX_KEYS,
	sandboxCredentials,
	startSandboxProcess,
	tail,
	withExportFolder,
} from './lib/greenflux-demo.mjs';

const DEFAULT_EMAIL = 'demo@example.com';
const DEFAULT_PASSWORD = 'GreenFlux-demo-1';

const HELP = `npm start [-- options]: n8n ${N8N_VERSION} with n8n-nodes-greenflux, the GreenFlux sandbox and the demo workflows

  --port N           n8n port on 127.0.0.1 (default 5678)
  --sandbox-port N   GreenFlux sandbox port on 127.0.0.1 (default 4010)
  --reset            start from an empty n8n (deletes the demo user folder first)
  --skip-build       use the existing dist/ instead of running npm run build
  --publish-demos    publish the remote start/stop form (it asks for the form login printed at the end);
                     without it every demo workflow is imported unpublished
  --help             this text

  env GREENFLUX_DEMO_EMAIL      owner login (default ${DEFAULT_EMAIL})
  env GREENFLUX_DEMO_PASSWORD   owner password (default ${DEFAULT_PASSWORD})
  env GREENFLUX_DEMO_FORM_PASSWORD   password of the form login (default: random, kept in <cache>/demo/form-login.json)
  env GREENFLUX_RUNTIME_CACHE   where Node 24, n8n and the demo user folder live (default ~/.cache/n8n-nodes-greenflux)`;

const { values: options } = parseArgs({
	options: {
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '4010' },
		reset: { type: 'boolean', default: false },
		'skip-build': { type: 'boolean', default: false },
		'publish-demos': { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

const started = Date.now();
const say = (message) =>
	console.log(`[start +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

class StartError extends Error {}

const running = { sandbox: undefined, n8n: undefined };
let shuttingDown = false;

async function shutdown(code, reason) {
	if (shuttingDown) return;
	shuttingDown = true;
	if (reason) say(reason);
	await Promise.allSettled([running.n8n?.stop(), running.sandbox?.stop()]);
	if (running.n8n || running.sandbox) say('n8n and the sandbox are stopped');
	process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (shuttingDown) {
			console.log('\nstopping anyway');
			process.exit(130); // exit handlers SIGKILL whatever is left
		}
		void shutdown(0, `\n${signal}: stopping n8n and the sandbox…`);
	});
}

function parsePort(value, option) {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new StartError(`--${option} must be a port number (got ${value})`);
	return port;
}

async function assertPortFree(port, what, option) {
	await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) =>
			reject(
				new StartError(
					error.code === 'EADDRINUSE'
						? `port ${port} (${what}) is in use, perhaps by another \`npm start\`. Stop that, or choose another port with --${option}.`
						: `cannot listen on 127.0.0.1:${port} (${what}): ${error.message}`,
				),
			),
		);
		server.listen(port, '127.0.0.1', () => server.close(resolve));
	});
}

async function main() {
	if (options.help) {
		console.log(HELP);
		return;
	}
	const port = parsePort(options.port, 'port');
	const sandboxPort = parsePort(options['sandbox-port'], 'sandbox-port');
	if (port === sandboxPort) throw new StartError('--port and --sandbox-port must differ');
	const email = process.env.GREENFLUX_DEMO_EMAIL || DEFAULT_EMAIL;
	const password = process.env.GREENFLUX_DEMO_PASSWORD || DEFAULT_PASSWORD;
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
		throw new StartError(`GREENFLUX_DEMO_EMAIL is not an email address: ${email}`);
	if (password.length < 8)
		throw new StartError('GREENFLUX_DEMO_PASSWORD must have at least 8 characters');
	const formPasswordFromEnv = process.env.GREENFLUX_DEMO_FORM_PASSWORD;
	if (formPasswordFromEnv !== undefined && formPasswordFromEnv.length < 12)
		throw new StartError('GREENFLUX_DEMO_FORM_PASSWORD must have at least 12 characters');
	await assertPortFree(port, 'n8n', 'port');
	await assertPortFree(sandboxPort, 'GreenFlux sandbox', 'sandbox-port');

	if (options['skip-build']) {
		if (!existsSync(path.resolve('dist')))
			throw new StartError('--skip-build: there is no dist/ yet; run without it once');
		say('skipping the build (--skip-build)');
	} else {
		say('npm run build');
		await buildPackage();
	}
	const runtime = await ensureRuntimeFromNpmScript();

	const demoFolder = path.join(runtimeCacheDir(), 'demo');
	const userFolder = path.join(demoFolder, 'n8n');
	const exportFolder = path.join(demoFolder, 'exports');
	const importFolder = path.join(demoFolder, 'import');
	if (options.reset && existsSync(userFolder)) {
		say(`--reset: deleting ${userFolder}`);
		await rm(userFolder, { recursive: true, force: true });
	}
	for (const folder of [userFolder, exportFolder, importFolder])
		await mkdir(folder, { recursive: true });

	running.sandbox = await startSandboxProcess({ port: sandboxPort });
	const sandboxUrl = running.sandbox.url;
	say(`GreenFlux sandbox at ${sandboxUrl}`);

	const tarball = await packPackage(importFolder);
	const installed = await installPackageInto(userFolder, tarball);
	say(`installed ${path.basename(tarball)} as a community package (${installed.dir})`);

	const env = {
		...n8nEnv({
			userFolder,
			port,
			brokerPort: await freePort(),
			ownerEmail: email,
			ownerPassword: password,
		}),
		// The CDR export writes its CSV files here (n8n 2.x only lets nodes touch files in allowed folders).
		N8N_RESTRICT_FILE_ACCESS_TO: exportFolder,
	};
	const cli = async (args, what) => {
		const result = await runN8nCli(runtime, env, args);
		if (result.code !== 0)
			throw new StartError(
				`${what} failed (n8n ${args[0]} exited ${result.code ?? result.signal}):\n${tail(result.stdout + result.stderr, 30)}`,
			);
		return result;
	};

	const formLogin = {
		user: FORM_LOGIN_USER,
		password: formPasswordFromEnv ?? (await storedFormPassword(demoFolder)),
	};
	const credentials = sandboxCredentials(sandboxUrl, { formPassword: formLogin.password });
	const credentialsFile = path.join(importFolder, 'credentials.json');
	await writeFile(credentialsFile, JSON.stringify(credentials, null, 2));
	await cli(
		['import:credentials', `--input=${credentialsFile}`],
		'importing the sandbox credentials',
	);
	say(
		`credentials: ${credentials.map((c) => `"${c.name}"`).join(', ')} (Custom environment ${sandboxUrl})`,
	);

	const templates = await loadDemoWorkflows();
	const workflows = templates.map(({ file, workflow }) => {
		const fixed = DEMO_WORKFLOWS[file];
		if (!fixed)
			throw new StartError(
				`workflows/${file} has no fixed id in scripts/lib/greenflux-demo.mjs (DEMO_WORKFLOWS)`,
			);
		return {
			...withExportFolder(workflow, exportFolder),
			id: fixed.id,
			file,
			publish: options['publish-demos'] && fixed.publishable === true,
		};
	});
	const workflowsFile = path.join(importFolder, 'workflows.json');
	await writeFile(
		workflowsFile,
		JSON.stringify(
			workflows.map(({ file, publish, ...workflow }) => workflow),
			null,
			2,
		),
	);
	await cli(['import:workflow', `--input=${workflowsFile}`], 'importing the demo workflows');
	for (const workflow of workflows.filter((w) => w.publish)) {
		await cli(['publish:workflow', `--id=${workflow.id}`], `publishing "${workflow.name}"`);
	}
	say(
		`demo workflows: ${workflows.map((w) => `"${w.name}"${w.publish ? ' (published)' : ''}`).join(', ')}`,
	);

	// A few charge-station errors in the last hour, so the error alert has something to report.
	const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
	const stations = await (await fetch(`${sandboxUrl}/__sandbox/chargestations`)).json();
	await fetch(`${sandboxUrl}/__sandbox/notifications`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify([
			{
				charge_station_id: stations[2].charge_station_id,
				created: ago(40),
				error_code: 'GroundFailure',
				info: 'Ground fault detected',
			},
			{
				charge_station_id: stations[2].charge_station_id,
				created: ago(25),
				error_code: 'OverCurrentFailure',
			},
			{
				charge_station_id: stations[4].charge_station_id,
				created: ago(8),
				error_code: 'PowerSwitchFailure',
			},
		]),
	});

	say(
		`starting n8n ${N8N_VERSION} on 127.0.0.1:${port} (log: ${path.join(demoFolder, 'n8n.log')})`,
	);
	await writeFile(path.join(demoFolder, 'n8n.log'), `--- npm start ${new Date().toISOString()}\n`, {
		flag: 'a',
	});
	running.n8n = await startN8n(runtime, env, { logFile: path.join(demoFolder, 'n8n.log') });
	const url = running.n8n.url;

	// Check what we are about to print: the login works and the editor gets the GreenFlux node.
	const cookie = await login(url, email, password);
	const types = await nodeTypes(url, cookie);
	if (!types.some((t) => t.name === `${PACKAGE_NAME}.greenFlux`)) {
		throw new StartError(
			`n8n started, but does not list ${PACKAGE_NAME}.greenFlux; see ${path.join(demoFolder, 'n8n.log')}`,
		);
	}
	const form = workflows.find((w) => formPathOf(w));
	const formUrl = form ? `${url}/form/${formPathOf(form)}` : '';
	const formLines = !form
		? ''
		: form.publish
			? `  Remote start/stop form:  ${formUrl}
    published; it asks for a login: user ${formLogin.user}, password ${formLogin.password}`
			: `  Remote start/stop form:  not published; publish "${form.name}"
    in the editor, or start with \`npm start -- --publish-demos\`. It asks for a login:
    user ${formLogin.user}, password ${formLogin.password} (n8n credential "${CREDENTIALS.formLogin.name}")`;
	const line = '-'.repeat(78);
	console.log(`
${line}
  n8n ${N8N_VERSION} with ${PACKAGE_NAME} is ready (started in ${((Date.now() - started) / 1000).toFixed(0)}s)

  Editor:    ${url}
  Log in:    ${email}
  Password:  ${password}

  Demo workflows (Overview → Workflows):
${workflows.map((w) => `    - ${w.name.padEnd(50)} ${url}/workflow/${w.id}`).join('\n')}
${formLines}
  CSV files of the CDR export:  ${exportFolder}

  GreenFlux sandbox: ${sandboxUrl} (Platform key ${SANDBOX_KEYS.platform}, Charge Assist key ${SANDBOX_KEYS.chargeAssist})
  n8n user folder:   ${userFolder} (npm start -- --reset to start empty)

  Press Ctrl-C to stop n8n and the sandbox.
${line}`);

	// Stay up until Ctrl-C; notice if n8n or the sandbox stops on its own.
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		if (shuttingDown) return;
		for (const [name, child] of [
			['n8n', running.n8n],
			['the sandbox', running.sandbox],
		]) {
			if (!isAlive(child.pid)) {
				const output =
					name === 'n8n'
						? `\n--- last lines of ${path.join(demoFolder, 'n8n.log')} ---\n${tail(running.n8n.output(), 30)}`
						: `\n${tail(running.sandbox.output(), 20)}`;
				await shutdown(1, `${name} stopped unexpectedly; stopping the rest.${output}`);
				return;
			}
		}
	}
}

/** The form login's password: kept in <demo folder>/form-login.json, created at random on first use. */
async function storedFormPassword(demoFolder) {
	const file = path.join(demoFolder, 'form-login.json');
	try {
		const stored = JSON.parse(await readFile(file, 'utf8'));
		if (typeof stored.password === 'string' && stored.password.length >= 12) return stored.password;
	} catch {}
	const password = randomFormPassword();
	await writeFile(file, JSON.stringify({ user: FORM_LOGIN_USER, password }, null, 2) + '\n', {
		mode: 0o600,
	});
	return password;
}

main().catch(async (error) => {
	console.error(`\nnpm start failed: ${error instanceof StartError ? error.message : error.stack}`);
	await shutdown(1);
});
