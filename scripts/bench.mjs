// `npm run bench [-- --quick] [--reps N] [--cdrs N] [--seconds S] [--only p1,p1b,p2] [--no-levers] [--no-profile]`
// Measures the package in a real n8n, in ONE run, interleaved (every repetition runs every path in turn):
//   P1   pull 100,000 CDRs into items: GreenFlux node v1/v2 vs a raw undici loop vs HTTP Request + Split Out
//   P1b  the same CDRs into a CSV file: the node (Output: CSV File → Write File) vs a raw loop writing the same CSV
//   P2   pushes: GreenFlux Trigger vs n8n's Webhook node at concurrency 1 and 8, and unselected events;
//        again with lazy expression isolates and with N8N_EXPRESSION_ENGINE=legacy (the n8n settings that
//        decide the push rate; see perf-notes), and a CPU profile of n8n while it takes pushes
// Prints min/median/max, the machine and its load, ratios against the targets, and writes a JSON report
// (bench-results/). Missed targets are reported, not failed; wrong results (pages, rows, lost pushes) fail.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { buildIsStale, buildPackage, packPackage, REPO_ROOT } from './lib/greenflux-demo.mjs';
import { startBenchN8n, startBenchSandbox } from './bench/instance.mjs';
import { publishPullWorkflows, rawPull, runN8nPath, sha256 } from './bench/pull.mjs';
import { publishPushTargets, pushRun } from './bench/push.mjs';
import { inspectorUrl, printProfile, profileWhile, summariseProfile } from './bench/profile.mjs';
import { printReport, summarise } from './bench/report.mjs';

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		reps: { type: 'string' },
		cdrs: { type: 'string' },
		seconds: { type: 'string' },
		only: { type: 'string', default: 'p1,p1b,p2' },
		levers: { type: 'boolean', default: true },
		keep: { type: 'boolean', default: false },
		profile: { type: 'boolean' },
	},
	allowNegative: true,
});
const quick = args.quick;
const reps = Number(args.reps ?? (quick ? 1 : 3));
const cdrs = Number(args.cdrs ?? (quick ? 3000 : 100_000));
const seconds = Number(args.seconds ?? (quick ? 3 : 15));
const only = new Set(args.only.split(','));
const levers = args.levers && !quick;
args.profile ??= !quick;

const started = Date.now();
const log = (message) =>
	console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);
const failures = [];
const expectThat = (condition, message) => {
	if (!condition) {
		failures.push(message);
		log(`WRONG: ${message}`);
	}
};

const folder = await mkdtemp(path.join(os.tmpdir(), 'greenflux-bench-'));
const stops = [];
const report = {
	startedAt: new Date().toISOString(),
	machine: {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
	},
	settings: { quick, reps, cdrs, seconds },
	loadBefore: os.loadavg(),
	runs: {},
};
const record = (group, name, result) => ((report.runs[group] ??= {})[name] ??= []).push(result);

try {
	if (buildIsStale()) {
		log('building the package');
		await buildPackage();
	}
	const tarball = await packPackage(folder);
	const sandbox = await startBenchSandbox({ cdrs, folder });
	stops.push(sandbox.stop);
	log(`sandbox ${sandbox.url} with about ${cdrs} CDRs`);
	const n8n = await startBenchN8n({ folder, sandboxUrl: sandbox.url, tarball, log });
	stops.push(n8n.stop);

	let serial = 0;
	const pushOnce = async (targets, name, concurrency, label, rep) => {
		const result = await pushRun(n8n, targets[name], {
			cdr: pushedCdr,
			concurrency,
			seconds,
			serialBase: serial,
		});
		serial = result.serialEnd;
		const key = `${name}, c=${concurrency}${label}`;
		record('P2', key, result);
		log(
			`P2 ${key} #${rep}: ${result.rate.toFixed(1)}/s, p99 ${Math.round(result.p99)} ms, ${result.acknowledged} acknowledged, ${result.executions} executions`,
		);
		expectThat(result.lost === 0, `P2 ${key}: ${result.lost} acknowledged pushes lost`);
		expectThat(result.unexpected === 0, `P2 ${key}: ${result.unexpected} unexpected executions`);
		expectThat(result.failed === 0, `P2 ${key}: ${result.failed} requests failed`);
		return result;
	};
	const pushedCdr = (await (await fetch(`${sandbox.url}/__sandbox/cdrs`)).json())[0];
	let pullWorkflows;

	if (only.has('p1') || only.has('p1b')) {
		const workflows = await publishPullWorkflows(n8n, sandbox.url);
		pullWorkflows = workflows;
		// Untimed warm-up: the sandbox builds its page cache on the first pass over each version.
		await rawPull(sandbox, '1.0');
		await rawPull(sandbox, '2.0');
		const rawCsv = path.join(folder, 'raw.csv');
		for (let rep = 1; rep <= reps; rep++) {
			const turn = [];
			if (only.has('p1')) {
				turn.push(['P1', 'raw loop v1', () => rawPull(sandbox, '1.0')]);
				turn.push(['P1', 'node v1', () => runN8nPath(n8n, sandbox, workflows['node v1'])]);
				turn.push(['P1', 'raw loop v2', () => rawPull(sandbox, '2.0')]);
				turn.push(['P1', 'node v2', () => runN8nPath(n8n, sandbox, workflows['node v2'])]);
				turn.push([
					'P1',
					"raw loop v2 with n8n's axios",
					() => rawPull(sandbox, '2.0', { client: 'axios' }),
				]);
				turn.push([
					'P1',
					'HTTP Request + Split Out',
					() => runN8nPath(n8n, sandbox, workflows['HTTP Request + Split Out']),
				]);
			}
			if (only.has('p1b')) {
				turn.push(['P1b', 'raw loop CSV', () => rawPull(sandbox, '2.0', { csvFile: rawCsv })]);
				turn.push([
					'P1b',
					'node CSV file',
					() => runN8nPath(n8n, sandbox, workflows['node CSV file']),
				]);
			}
			// Rotate the order per repetition so no path always runs first.
			for (let i = 0; i < turn.length; i++) {
				const [group, name, runOnce] = turn[(i + rep - 1) % turn.length];
				const result = await runOnce();
				record(group, name, result);
				log(`${group} ${name} #${rep}: ${Math.round(result.executionMs)} ms`);
			}
			if (only.has('p1b')) {
				const nodeRun = report.runs.P1b['node CSV file'].at(-1);
				const nodeFile = path.join(n8n.exportFolder, `node-${nodeRun.executionId}.csv`);
				expectThat(
					(await sha256(nodeFile)) === (await sha256(rawCsv)),
					`P1b: the node's CSV file equals the raw loop's CSV (${nodeFile})`,
				);
				await rm(nodeFile, { force: true });
			}
		}
		// V8 keeps the heap a process once needed: after the item pulls above, n8n's RSS says nothing about
		// the file export. Its peak RSS is measured once more in a freshly started n8n.
		if (only.has('p1b')) {
			log('restarting n8n to measure the CSV export in a fresh process');
			await n8n.restart({});
			const result = await runN8nPath(n8n, sandbox, workflows['node CSV file']);
			record('P1b', 'node CSV file, fresh n8n', result);
			log(`P1b node CSV file, fresh n8n: ${Math.round(result.executionMs)} ms`);
			const nodeFile = path.join(n8n.exportFolder, `node-${result.executionId}.csv`);
			expectThat(
				(await sha256(nodeFile)) === (await sha256(rawCsv)),
				`P1b fresh n8n: the node's CSV file equals the raw loop's CSV (${nodeFile})`,
			);
			await rm(nodeFile, { force: true });
		}
		const pages = (rows) => Math.ceil(rows / 1000);
		const rows =
			report.runs.P1?.['raw loop v1']?.[0]?.rows ?? report.runs.P1b?.['raw loop CSV'][0].rows;
		report.rows = rows;
		for (const [group, paths] of Object.entries(report.runs))
			for (const [name, results] of Object.entries(paths))
				for (const result of results)
					expectThat(
						result.requests === pages(rows),
						`${group} ${name}: ${result.requests} requests for ${pages(rows)} pages`,
					);
	}

	if (only.has('p2')) {
		// n8n's defaults first, then the settings a user can change (perf-notes: expression isolates).
		const settings = [['', {}]];
		if (levers) {
			settings.push([', lazy isolates', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }]);
			settings.push([
				', legacy engine',
				{ N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: undefined, N8N_EXPRESSION_ENGINE: 'legacy' },
			]);
		}
		for (const [label, change] of settings) {
			if (label) {
				log(`restarting n8n with ${JSON.stringify(change)}`);
				await n8n.restart(change);
			}
			const targets = await publishPushTargets(n8n);
			for (let rep = 1; rep <= reps; rep++)
				for (const concurrency of [1, 8]) {
					const names = Object.keys(targets);
					for (let i = 0; i < names.length; i++)
						await pushOnce(targets, names[(i + rep - 1) % names.length], concurrency, label, rep);
				}
		}
	}
	// Where n8n's time goes (target misses caused by n8n itself): one more n8n start with its inspector,
	// n8n's defaults otherwise, a CPU profile of the node's pull and of pushes.
	if (args.profile) {
		log('restarting n8n with its inspector (defaults otherwise) to profile it');
		await n8n.restart({
			N8N_EXPRESSION_ENGINE: undefined,
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: undefined,
			NODE_OPTIONS: '--inspect=127.0.0.1:0',
		});
		const url = await inspectorUrl(n8n.logFile);
		report.profiles = {};
		if (pullWorkflows && only.has('p1')) {
			const { profile, startedAt, result } = await profileWhile(url, () =>
				runN8nPath(n8n, sandbox, pullWorkflows['node v2']),
			);
			const execution = {
				fromMs: result.executionStartedAt - startedAt,
				toMs: result.executionStoppedAt - startedAt,
			};
			report.profiles['P1 node v2 pull, the execution'] = summariseProfile(profile, execution);
			report.profiles['P1 node v2 pull, after the execution until stored'] = summariseProfile(
				profile,
				{ fromMs: execution.toMs },
			);
		}
		if (only.has('p2')) {
			const targets = await publishPushTargets(n8n);
			for (const name of ['GreenFlux Trigger, event not selected', 'GreenFlux Trigger']) {
				const { profile } = await profileWhile(url, () =>
					pushOnce(targets, name, 8, ', profiled', 1),
				);
				report.profiles[`pushes to ${name}, c=8`] = summariseProfile(profile);
			}
		}
	}
	report.loadAfter = os.loadavg();
	report.summary = summarise(report);
	printReport(report, console.log);
	for (const [name, summary] of Object.entries(report.profiles ?? {}))
		printProfile(`Profile of n8n: ${name}`, summary, console.log);
	const resultsDir = path.join(REPO_ROOT, 'bench-results');
	await mkdir(resultsDir, { recursive: true });
	const file = path.join(
		resultsDir,
		`bench-${report.startedAt.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`,
	);
	await writeFile(file, JSON.stringify(report, null, '\t'));
	log(`report: ${path.relative(REPO_ROOT, file)}`);
} catch (error) {
	failures.push(error.stack ?? String(error));
	console.error(error);
} finally {
	for (const stop of stops.reverse()) await stop().catch(() => {});
	if (!args.keep) await rm(folder, { recursive: true, force: true });
	else log(`kept ${folder}`);
}
if (failures.length > 0) {
	console.log(`bench FAILED: ${failures.length} wrong result(s)`);
	process.exit(1);
}
log('bench done');
