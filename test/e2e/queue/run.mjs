// `npm run test:e2e -- --queue` (= `npm run test:e2e:queue`): the package in n8n's queue mode. Packs the
// package, starts two GreenFlux sandboxes (one for everything, one only the poll trigger talks to), then
// PostgreSQL, Redis, n8n main, an `n8n webhook` process and two `n8n worker` processes (./cluster.mjs), and
// runs ./scenarios/*.mjs in file-name order with a ctx (../lib/context.mjs) whose webhookUrl() is the
// webhook processor's and whose `queue` knows which worker ran an execution. Prints the counts each
// scenario reports, checks the sandboxes' request logs against GreenFlux's OpenAPI documents, then stops everything it started (also on failure or Ctrl-C) and checks that none of
// it is still running.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { createApiKey } from '../../../scripts/lib/n8n-process.mjs';
import {
	buildIsStale,
	buildPackage,
	CREDENTIALS,
	ensureRuntimeFromNpmScript,
	login,
	nodeTypes,
	packPackage,
	randomFormPassword,
	REPO_ROOT,
	sandboxCredentials,
	SANDBOX_KEYS,
	startSandboxProcess,
} from '../../../scripts/lib/greenflux-demo.mjs';
import { checkLog, OPENAPI_DIR } from '../../contract/check.mjs';
import { createContext } from '../lib/context.mjs';
import { startQueueCluster, WORKERS } from './cluster.mjs';

/** The Platform credential of the poll trigger's own sandbox (so that its request log holds only polls). */
export const POLL_CREDENTIAL = {
	id: 'gfxQueuePollSbx1',
	name: 'GreenFlux Platform API (poll sandbox)',
	type: 'greenFluxPlatformApi',
};

export async function runQueueSuite(options) {
	const started = Date.now();
	const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
	const log = (message) => console.log(`[queue +${elapsed()}] ${message}`);
	const owner = {
		email: 'queue-owner@example.com',
		password: `Queue-${Math.random().toString(36).slice(2, 10)}-Pw1`,
	};
	const live = { sandboxes: [] };
	const stopAll = async () => {
		const errors = [];
		await live.stopCluster?.().catch((error) => errors.push(error.message));
		for (const sandbox of live.sandboxes.splice(0))
			await sandbox.stop().catch((error) => errors.push(error.message));
		return errors;
	};
	let interrupted = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.on(signal, () => {
			if (interrupted) process.exit(130);
			interrupted = true;
			log(`${signal}: stopping n8n, Redis, PostgreSQL and the sandboxes`);
			void stopAll()
				.then(() => (live.tmpDir ? rm(live.tmpDir, { recursive: true, force: true }) : undefined))
				.finally(() => process.exit(130));
		});

	const scenarioDir = path.join(REPO_ROOT, 'test', 'e2e', 'queue', 'scenarios');
	const files = (await readdir(scenarioDir))
		.filter((f) => f.endsWith('.mjs'))
		.filter((f) => options.only.length === 0 || options.only.some((o) => f.includes(o)))
		.sort();
	if (files.length === 0) throw new Error(`no queue scenario matches ${options.only.join(', ')}`);
	if (options.build || buildIsStale()) {
		log('npm run build');
		await buildPackage();
	}
	const runtime = await ensureRuntimeFromNpmScript();
	const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'greenflux-queue-'));
	live.tmpDir = tmpDir;
	const anchor = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
	const results = [];
	const report = [];
	let failed = false;
	let cluster;
	try {
		const sandboxLog = path.join(tmpDir, 'sandbox-requests.jsonl');
		const pollSandboxLog = path.join(tmpDir, 'poll-sandbox-requests.jsonl');
		await writeFile(sandboxLog, '');
		await writeFile(pollSandboxLog, '');
		const sandbox = await startSandboxProcess({
			port: 0,
			anchor,
			commandDelayMs: 1000,
			logFile: sandboxLog,
		});
		live.sandboxes.push(sandbox);
		const pollSandbox = await startSandboxProcess({ port: 0, anchor, logFile: pollSandboxLog });
		live.sandboxes.push(pollSandbox);
		log(`sandboxes ${sandbox.url} and ${pollSandbox.url} (poll trigger only)`);

		const tarball = await packPackage(tmpDir);
		const formLogin = { user: 'greenflux', password: randomFormPassword() };
		const credentials = [
			...sandboxCredentials(sandbox.url, { formPassword: formLogin.password }),
			{
				...POLL_CREDENTIAL,
				data: { environment: 'custom', url: pollSandbox.url, token: SANDBOX_KEYS.platform },
			},
		];
		const credentialsFile = path.join(tmpDir, 'credentials.json');
		await writeFile(credentialsFile, JSON.stringify(credentials, null, 2));
		cluster = await startQueueCluster({
			runtime,
			dir: tmpDir,
			tarball,
			credentialsFile,
			owner,
			log,
			live,
		});
		log(
			`queue mode up: main ${cluster.main.url}, webhook processor ${cluster.webhook.url}, ${WORKERS.join(' and ')}`,
		);

		const apiKey = await createApiKey(cluster.main.url, owner.email, owner.password);
		const cookie = await login(cluster.main.url, owner.email, owner.password);
		const base = createContext({
			n8n: {
				url: cluster.main.url,
				apiKey,
				cookie,
				email: owner.email,
				password: owner.password,
				userFolder: cluster.env.N8N_USER_FOLDER,
				env: cluster.env,
			},
			sandbox: { url: sandbox.url, logFile: sandboxLog, anchor },
			exportFolder: tmpDir,
			tmpDir,
			outputDir: tmpDir,
			credentials: [...Object.values(CREDENTIALS), POLL_CREDENTIAL],
			formLogin,
			nodeTypes: await nodeTypes(cluster.main.url, cookie),
			log: (message) => console.log(`      ${message}`),
		});
		const ctx = {
			...base,
			/** Production URL on the webhook processor (n8n webhook), not on main. */
			webhookUrl: (webhookPath) =>
				`${cluster.webhook.url}/webhook/${webhookPath.replace(/^\/+/, '')}`,
			queue: {
				cluster,
				runtime,
				tarball,
				pollSandbox: { url: pollSandbox.url, logFile: pollSandboxLog },
			},
			/** Lines for the summary printed at the end. */
			report: (line) => report.push(line),
			/** Shared between scenarios (the poll trigger is published first and checked last). */
			shared: {},
		};

		for (const file of files) {
			const before = ctx.stats.checks;
			const scenarioStart = Date.now();
			console.log(`\n[queue +${elapsed()}] scenario ${file}`);
			let error;
			try {
				const scenario = await import(pathToFileURL(path.join(scenarioDir, file)).href);
				await scenario.run(ctx);
			} catch (caught) {
				error = caught;
				failed = true;
			}
			if (interrupted) return await new Promise(() => {});
			const result = {
				file,
				ok: !error,
				seconds: (Date.now() - scenarioStart) / 1000,
				checks: ctx.stats.checks - before,
			};
			results.push(result);
			if (error)
				console.log(
					`  FAILED ${file} (${result.checks} checks)\n${indent(error.stack ?? String(error))}`,
				);
			else console.log(`  ok ${file} (${result.checks} checks, ${result.seconds.toFixed(1)}s)`);
		}
		// Every request the workers, main and the webhook processor sent to the sandboxes must match
		// GreenFlux's OpenAPI documents (test/contract/check.mjs).
		console.log('');
		for (const logFile of [sandboxLog, pollSandboxLog])
			if (!checkLog(logFile, OPENAPI_DIR, { scopes: false }).ok) failed = true;
	} catch (error) {
		if (interrupted) return await new Promise(() => {});
		failed = true;
		console.log(`\n[queue +${elapsed()}] FAILED while setting up: ${error.stack ?? error}`);
	} finally {
		const errors = await stopAll();
		if (errors.length) {
			failed = true;
			console.log(`could not stop everything: ${errors.join('; ')}`);
		}
	}

	// Nothing this run started may be left: its process groups, and any process still naming its folder.
	const leftovers = [...(cluster?.alive() ?? []), ...processesMentioning(tmpDir)];
	if (leftovers.length) {
		failed = true;
		console.log(`still running after the run: ${leftovers.join(', ')}`);
	} else log('stopped: no PostgreSQL, Redis, n8n or sandbox process of this run is left');
	if (failed && cluster)
		for (const [name, file] of Object.entries(cluster.logs)) console.log(`log of ${name}: ${file}`);

	console.log(
		`\n=== queue-mode e2e ${failed ? 'FAILED' : 'passed'} in ${elapsed()}: ${results.filter((r) => r.ok).length}/${results.length} scenarios`,
	);
	for (const line of report) console.log(`  ${line}`);
	for (const r of results)
		console.log(
			`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.file.padEnd(30)} ${String(r.checks).padStart(4)} checks ${r.seconds.toFixed(1).padStart(6)}s`,
		);
	if (options.keep || failed)
		console.log(`kept ${tmpDir} (logs of every process, user folders, sandbox request logs)`);
	else await rm(tmpDir, { recursive: true, force: true });
	return failed ? 1 : 0;
}

/** pid and command of processes whose command line contains `text` (PostgreSQL and Redis name their folder). */
function processesMentioning(text) {
	let out = '';
	try {
		out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
	} catch {
		return [];
	}
	return out
		.split('\n')
		.filter((line) => line.includes(text))
		.map((line) => line.trim().slice(0, 120));
}

function indent(text) {
	return String(text)
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}
