#!/usr/bin/env node
// `npm run test:e2e`: the package in a real n8n (the pinned runtime of scripts/runtime.mjs).
// Builds the package if dist/ is stale, packs it, starts the GreenFlux sandbox and n8n on free ports with a
// temporary user folder, installs the tarball the way n8n installs a community package, imports the sandbox
// credentials, then runs every scenario in test/e2e/scenarios/ (in file-name order) with a shared `ctx`
// (test/e2e/lib/context.mjs). Stops everything it started, also on failure or Ctrl-C.
//
//   node test/e2e/run.mjs [--only <text>] [--keep] [--build] [--queue]
//     --only <text>   run only the scenarios whose file name contains <text> (repeatable)
//     --keep          keep the temporary folder (user folder, logs, exported files) afterwards
//     --build         always run `npm run build` first (default: only when dist/ is older than the sources)
//     --queue         the queue-mode suite instead (test/e2e/queue/: PostgreSQL, Redis, main, webhook, 2 workers)
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { freePort, runN8nCli, startPackagedN8n } from '../../scripts/lib/n8n-process.mjs';
import { groupAlive } from '../../scripts/lib/processes.mjs';
import {
	buildIsStale,
	buildPackage,
	CREDENTIALS,
	ensureRuntimeFromNpmScript,
	FORM_LOGIN_USER,
	login,
	nodeTypes,
	packPackage,
	randomFormPassword,
	REPO_ROOT,
	sandboxCredentials,
	startSandboxProcess,
	tail,
} from '../../scripts/lib/greenflux-demo.mjs';
import { checkLog, OPENAPI_DIR } from '../contract/check.mjs';
import { createContext } from './lib/context.mjs';

const { values: options } = parseArgs({
	options: {
		only: { type: 'string', multiple: true, default: [] },
		keep: { type: 'boolean', default: false },
		build: { type: 'boolean', default: false },
		queue: { type: 'boolean', default: false },
	},
});

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (message) => console.log(`[e2e +${elapsed()}] ${message}`);

const OWNER = {
	email: 'e2e-owner@example.com',
	password: `E2e-${Math.random().toString(36).slice(2, 10)}-Pw1`,
};

// What is running, for Ctrl-C: stop it, delete the temporary folder, exit 130.
const live = { n8n: undefined, sandbox: undefined, tmpDir: undefined };
let interrupted = false;
for (const signal of options.queue ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (interrupted) process.exit(130); // second Ctrl-C: exit handlers SIGKILL what is left
		interrupted = true;
		console.log(`\n[e2e +${elapsed()}] ${signal}: stopping n8n and the sandbox`);
		void Promise.allSettled([live.n8n?.stop(), live.sandbox?.stop()])
			.then(() => (live.tmpDir ? rm(live.tmpDir, { recursive: true, force: true }) : undefined))
			.finally(() => process.exit(130));
	});
}

async function main() {
	const scenarioDir = path.join(REPO_ROOT, 'test', 'e2e', 'scenarios');
	const files = (await readdir(scenarioDir))
		.filter((f) => f.endsWith('.mjs'))
		.filter((f) => options.only.length === 0 || options.only.some((o) => f.includes(o)))
		.sort();
	if (files.length === 0) throw new Error(`no scenario matches ${options.only.join(', ')}`);

	if (options.build || buildIsStale()) {
		log('npm run build');
		await buildPackage();
	} else {
		log('dist/ is up to date (use --build to rebuild anyway)');
	}
	const runtime = await ensureRuntimeFromNpmScript();

	const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenflux-e2e-'));
	// What a run leaves for people to look at (the editor check's screenshots): kept after the run, not
	// committed (.test-output/ is in .gitignore); the five newest runs are kept.
	const outputDir = await runOutputFolder();
	live.tmpDir = tmpDir;
	const userFolder = path.join(tmpDir, 'n8n');
	const exportFolder = path.join(tmpDir, 'exports');
	await mkdir(exportFolder, { recursive: true });
	const sandboxLog = path.join(tmpDir, 'sandbox-requests.jsonl');
	const n8nLog = path.join(tmpDir, 'n8n.log');
	await writeFile(sandboxLog, '');
	let sandbox;
	let n8n;
	const results = [];
	let failed = false;
	try {
		// Anchor = start of today (UTC): the seeded data covers the 90 days before it, so last month is complete.
		const anchor = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
		sandbox = await startSandboxProcess({
			port: 0,
			anchor,
			commandDelayMs: 1000,
			logFile: sandboxLog,
		});
		live.sandbox = sandbox;
		log(`sandbox ${sandbox.url} (anchor ${anchor}, pid ${sandbox.pid})`);

		const formLogin = { user: FORM_LOGIN_USER, password: randomFormPassword() };
		const started = await startPackagedN8n(runtime, {
			userFolder,
			tarball: await packPackage(tmpDir),
			owner: OWNER,
			credentialsFile: path.join(tmpDir, 'credentials.json'),
			credentials: sandboxCredentials(sandbox.url, { formPassword: formLogin.password }),
			env: { N8N_RESTRICT_FILE_ACCESS_TO: exportFolder },
			n8nOptions: { logFile: n8nLog },
			apiKeyLabel: 'greenflux-e2e',
			log,
		});
		const { env, apiKey } = started;
		n8n = started.n8n;
		live.n8n = n8n;
		log(`n8n ${n8n.url} (pid ${n8n.pid}, log ${n8nLog})`);
		const cookie = await login(n8n.url, OWNER.email, OWNER.password);
		const ctx = createContext({
			n8n: {
				url: n8n.url,
				apiKey,
				cookie,
				email: OWNER.email,
				password: OWNER.password,
				userFolder,
				env,
				// Another n8n process on the same database (needs its own task-broker port).
				cli: async (args, cliOptions) =>
					runN8nCli(
						runtime,
						{ ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
						args,
						cliOptions,
					),
			},
			sandbox: { url: sandbox.url, logFile: sandboxLog, anchor },
			exportFolder,
			tmpDir,
			outputDir,
			credentials: Object.values(CREDENTIALS),
			formLogin,
			nodeTypes: await nodeTypes(n8n.url, cookie),
			log: (message) => console.log(`      ${message}`),
		});

		for (const file of files) {
			const before = { ...ctx.stats };
			const scenarioStart = Date.now();
			console.log(`\n[e2e +${elapsed()}] scenario ${file}`);
			let error;
			try {
				const scenario = await import(pathToFileURL(path.join(scenarioDir, file)).href);
				if (typeof scenario.run !== 'function')
					throw new Error(`${file} does not export async function run(ctx)`);
				// A scenario that is not yet reliable on a loaded 2-core machine runs when asked for by name
				// (--only) or by its environment variable, and says so otherwise (see test/e2e/README.md).
				const optIn = scenario.optInEnv;
				if (optIn && process.env[optIn] !== '1' && options.only.length === 0) {
					console.log(`  skipped ${file} (opt-in: ${optIn}=1, or --only ${file.slice(0, 2)})`);
					continue;
				}
				await scenario.run(ctx);
			} catch (caught) {
				error = caught;
				failed = true;
			}
			if (interrupted) return await new Promise(() => {}); // the signal handler stops everything and exits
			const result = {
				file,
				ok: !error,
				seconds: (Date.now() - scenarioStart) / 1000,
				checks: ctx.stats.checks - before.checks,
				workflowsRun: ctx.stats.workflowsRun - before.workflowsRun,
				itemsCompared: ctx.stats.itemsCompared - before.itemsCompared,
			};
			results.push(result);
			const figures = `${result.checks} checks, ${result.workflowsRun} workflow runs, ${result.itemsCompared} items compared, ${result.seconds.toFixed(1)}s`;
			if (error)
				console.log(`  FAILED ${file} (${figures})\n${indent(error.stack ?? String(error))}`);
			else console.log(`  ok ${file} (${figures})`);
		}

		// Every request n8n sent to the sandbox must match GreenFlux's OpenAPI documents (test/contract/check.mjs).
		console.log('');
		const contract = checkLog(sandboxLog, OPENAPI_DIR, { scopes: false });
		if (!contract.ok) failed = true;
		results.stats = ctx.stats;
	} catch (error) {
		if (interrupted) return await new Promise(() => {});
		failed = true;
		console.log(`\n[e2e +${elapsed()}] FAILED while setting up: ${error.stack ?? error}`);
	} finally {
		if (n8n) await n8n.stop().catch((error) => console.log(`could not stop n8n: ${error.message}`));
		if (sandbox)
			await sandbox
				.stop()
				.catch((error) => console.log(`could not stop the sandbox: ${error.message}`));
	}

	const leftovers = [n8n?.pid, sandbox?.pid].filter((pid) => pid && groupAlive(pid));
	if (leftovers.length) {
		failed = true;
		console.log(`process groups still running after the run: ${leftovers.join(', ')}`);
	}
	if (failed && n8n && existsSync(n8nLog))
		console.log(`\n--- last lines of ${n8nLog} ---\n${tail(n8n.output(), 40)}`);

	const stats = results.stats ?? {
		checks: 0,
		workflowsRun: 0,
		itemsCompared: 0,
		workflowsImported: 0,
	};
	console.log(
		`\n=== e2e ${failed ? 'FAILED' : 'passed'} in ${elapsed()}: ${results.filter((r) => r.ok).length}/${results.length} scenarios, ` +
			`${stats.checks} checks, ${stats.workflowsImported} workflows imported, ${stats.workflowsRun} workflow runs, ${stats.itemsCompared} items compared with the sandbox`,
	);
	for (const r of results)
		console.log(
			`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.file.padEnd(34)} ${String(r.checks).padStart(4)} checks ${String(r.itemsCompared).padStart(6)} items ${r.seconds.toFixed(1).padStart(6)}s`,
		);
	if (existsSync(outputDir) && (await readdir(outputDir)).length > 0)
		console.log(`run output (screenshots): ${outputDir}`);
	else await rm(outputDir, { recursive: true, force: true });
	if (options.keep || failed)
		console.log(`kept ${tmpDir} (user folder, n8n.log, sandbox-requests.jsonl, exports)`);
	else await rm(tmpDir, { recursive: true, force: true });
	process.exitCode = failed ? 1 : 0;
}

/** A new `.test-output/e2e/<date-time>` folder; older runs beyond the five newest are deleted. */
async function runOutputFolder() {
	const root = path.join(REPO_ROOT, '.test-output', 'e2e');
	await mkdir(root, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const folder = path.join(root, stamp);
	await mkdir(folder, { recursive: true });
	const runs = (await readdir(root)).filter((name) => /^\d{4}-\d\d-\d\dT/.test(name)).sort();
	for (const old of runs.slice(0, Math.max(0, runs.length - 5)))
		await rm(path.join(root, old), { recursive: true, force: true });
	return folder;
}

function indent(text) {
	return String(text)
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}

const suite = options.queue
	? import('./queue/run.mjs').then(async (queue) => {
			process.exitCode = await queue.runQueueSuite(options);
		})
	: main();
suite.catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
