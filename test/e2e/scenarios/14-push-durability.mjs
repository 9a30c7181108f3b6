// No accepted push lost. GreenFlux never retries a push, so a push it saw answered 2xx must have its
// execution in n8n, whatever happens next. In its own n8n (lib/own-instance.mjs), with a published GreenFlux
// Trigger (all events), pushes of notifications that each carry their own id:
// 1. crash: the push emitter's burst (test/sandbox/push/cli.ts, concurrency 8); n8n is killed with SIGKILL
//    once it has stored some executions and started again; every push answered 2xx has its execution (its
//    notification id in a stored execution) after n8n recovered; pushes refused while n8n was down count apart;
// 2. overload: 16 pushes in flight for 30 s; for a sample of the answers, the execution is in n8n's database
//    the moment the answer arrives (read with node:sqlite); every acknowledged push has its execution;
// 3. a large pull: pushes at a steady rate while the same n8n pulls 100,000 CDRs into a CSV file (Output
//    "CSV File"); no push waits 2 s or more for its answer.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';

import { sleep } from '../../../scripts/lib/greenflux-demo.mjs';
import { openDatabaseProbe } from '../lib/db-probe.mjs';
import { addStats, startOwnInstance } from '../lib/own-instance.mjs';
import { pushFor, percentile, pushSteadily, settled } from '../lib/push-load.mjs';
import { emitPushes, planPushes, waitUntilListening } from '../lib/pushes.mjs';

const CRASH = { notifications: 600, concurrency: 8, killAfterExecutions: 120 };
const OVERLOAD = { concurrency: 16, seconds: 30, sample: 50 };
/** Sandbox scale 34: 102,000 CDRs over the 90 days before the anchor (every CDR published). */
const PULL = { scale: 34, cdrs: 100_000, pushEveryMs: 200, maxWaitMs: 2000 };

const is2xx = (record) => record.status >= 200 && record.status < 300;

function pullWorkflow(anchor) {
	const day = 24 * 3600_000;
	return {
		name: 'e2e: 100,000 CDRs as a CSV file',
		nodes: [
			{
				parameters: {},
				id: 'e2e14000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: {
					resource: 'cdr',
					operation: 'getAll',
					apiVersion: '2.0',
					returnAll: true,
					dateFrom: new Date(Date.parse(anchor) - 92 * day).toISOString(),
					dateTo: new Date(Date.parse(anchor) + day).toISOString(),
					output: 'csv',
				},
				id: 'e2e14000-0000-4000-8000-000000000002',
				name: 'Get CDRs',
				type: 'n8n-nodes-greenflux.greenFlux',
				typeVersion: 1,
				position: [240, 0],
				credentials: {
					greenFluxPlatformApi: { id: null, name: 'GreenFlux Platform API account' },
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Get CDRs', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The executions of acknowledged pushes (found by the pushed notification's ids, `match`, else `id`): { missing: [ids without an
 * execution], statuses: { status: count } of those found (an execution n8n was running when it died is
 * "crashed": stored with the pushed object, not finished) }.
 */
async function executionsOf(probe, workflowId, records) {
	const missing = [];
	const statuses = {};
	for (const record of records) {
		const found = await probe.executionsWith(record.match ?? record.id, workflowId);
		if (found.length === 0) missing.push(record.id);
		for (const { status } of found) statuses[status] = (statuses[status] ?? 0) + 1;
	}
	return { missing, statuses };
}

export async function run(ctx) {
	const own = await startOwnInstance(ctx, {
		name: '14-push-durability',
		sandboxArgs: ['--scale', String(PULL.scale), '--publish-all-cdrs'],
	});
	const o = own.ctx;
	const { check, equal, log } = o;
	const probe = openDatabaseProbe(own.nodeBin, own.databaseFile);
	try {
		const workflow = await ctx.fixtureWorkflow('trigger-all-events.json');
		const base = o.webhookUrl(workflow.nodes[0].webhookId);
		const url = `${base}/notifications`;
		const id = await o.importWorkflow(workflow);
		await o.publish(id);
		await waitUntilListening(base);

		// ---- 1. crash: SIGKILL in the middle of a burst ----
		const plan = await planPushes({
			sessions: 0,
			locations: 0,
			notifications: CRASH.notifications,
		});
		const reports = await mkdtemp(path.join(own.folder, 'pushes-'));
		const burst = emitPushes({
			webhookBase: base,
			token: o.pushToken,
			notifications: CRASH.notifications,
			concurrency: CRASH.concurrency,
			reportFile: path.join(reports, 'crash.json'),
		});
		let stored = 0;
		while (stored < CRASH.killAfterExecutions) {
			await sleep(50);
			stored = (await probe.query('SELECT count(*) AS n FROM execution_entity'))[0].n;
		}
		await own.kill();
		const killedAt = Date.now();
		// The killed n8n's last execution: n8n marks its unfinished ones "crashed" when it starts again,
		// but may leave one "running" for good (its event log lost the execution's start); later waits
		// for finished executions look only at the executions of the restarted n8n.
		const lastIdOfKilled = (
			await probe.query('SELECT max(CAST(id AS INTEGER)) AS id FROM execution_entity')
		)[0].id;
		const { report } = await burst;
		await own.start();
		const restartSeconds = (Date.now() - killedAt) / 1000;
		await waitUntilListening(base);
		await settled(probe, id, { afterId: lastIdOfKilled });
		const recovered = await probe.statuses(id);
		const leftRunning = (
			await probe.query(
				"SELECT count(*) AS n FROM execution_entity WHERE workflowId = ? AND CAST(id AS INTEGER) <= ? AND status IN ('new', 'running')",
				[String(id), lastIdOfKilled],
			)
		)[0].n;
		// The seeded notification ids can equal a location id of the seed (same random stream): match the
		// notification's id and its charge_station_notification_id together.
		const records = report.pushes.map((r) => {
			const { id: notificationId, charge_station_notification_id: number } = plan[r.index].body;
			return { ...r, id: notificationId, match: [`"${notificationId}"`, `"${number}"`] };
		});
		const acked = records.filter(is2xx);
		const refused = records.filter((r) => r.error && /ECONNREFUSED/.test(r.error));
		const otherFailures = records.filter((r) => !is2xx(r) && !refused.includes(r));
		const { missing, statuses: ackedStatuses } = await executionsOf(probe, id, acked);
		const executed = (
			await probe.query('SELECT count(*) AS n FROM execution_entity WHERE workflowId = ?', [
				String(id),
			])
		)[0].n;
		log(
			`crash: ${records.length} pushes at concurrency ${CRASH.concurrency}, n8n SIGKILLed after ${stored} stored executions and back after ${restartSeconds.toFixed(1)}s: ` +
				`acked ${acked.length}, executed ${acked.length - missing.length} of them ${JSON.stringify(ackedStatuses)} (${executed} executions in all: ${JSON.stringify(recovered)}; left "running" by the killed n8n and not marked crashed: ${leftRunning}), ` +
				`refused while down ${refused.length}, other failures ${otherFailures.length} (${JSON.stringify(countErrors(otherFailures))})`,
		);
		check(
			acked.length > 0 && refused.length > 0,
			'crash: pushes were acknowledged before the kill and refused while n8n was down',
		);
		equal(missing, [], 'crash: every push answered 2xx has its execution after n8n recovered');
		check(
			acked.every((r) => r.status === 200 && r.ocpiStatus === 1000),
			'crash: every acknowledgement is HTTP 200 with the OCPI envelope (status_code 1000)',
		);

		// ---- 2. overload: 16 in flight for 30 s, executions checked the moment they are answered ----
		const before = (await probe.query('SELECT count(*) AS n FROM execution_entity'))[0].n;
		let sampled = 0;
		const notStoredWhenAnswered = [];
		const overload = await pushFor({
			url,
			token: o.pushToken,
			concurrency: OVERLOAD.concurrency,
			durationMs: OVERLOAD.seconds * 1000,
			onAnswer: async (record) => {
				if (!is2xx(record) || (sampled >= OVERLOAD.sample && Math.random() > 0.1)) return;
				sampled++;
				if ((await probe.executionsWith(record.id, id)).length === 0)
					notStoredWhenAnswered.push(record.id);
			},
		});
		const answeredAt = Date.now();
		const overloadCounts = await settled(probe, id, {
			timeoutMs: 300_000,
			afterId: lastIdOfKilled,
		});
		const settleSeconds = (Date.now() - answeredAt) / 1000;
		const overloadAcked = overload.filter(is2xx);
		const { missing: overloadMissing } = await executionsOf(probe, id, overloadAcked);
		const overloadExecutions =
			(await probe.query('SELECT count(*) AS n FROM execution_entity'))[0].n - before;
		const ms = overloadAcked.map((r) => r.ms);
		log(
			`overload: ${overload.length} pushes at concurrency ${OVERLOAD.concurrency} for ${OVERLOAD.seconds}s: acked ${overloadAcked.length} ` +
				`(${(overloadAcked.length / OVERLOAD.seconds).toFixed(1)}/s), answer p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, max ${Math.max(...ms)} ms; ` +
				`${overloadExecutions} executions, all finished ${settleSeconds.toFixed(1)}s after the last answer (${JSON.stringify(overloadCounts)}); ` +
				`${sampled} answers checked the moment they arrived: ${sampled - notStoredWhenAnswered.length} had their execution stored`,
		);
		check(
			sampled >= OVERLOAD.sample,
			`overload: at least ${OVERLOAD.sample} answers checked in the database as they arrived`,
		);
		equal(
			notStoredWhenAnswered,
			[],
			'overload: every checked 2xx answer had its execution in the database when it arrived',
		);
		equal(overloadMissing, [], 'overload: every acknowledged push has its execution');
		equal(overload.length - overloadAcked.length, 0, 'overload: every push was acknowledged');

		// ---- 3. pushes while the same n8n pulls 100,000 CDRs ----
		const pullId = await o.importWorkflow(pullWorkflow(own.sandbox.anchor));
		let pulling = true;
		const pullStarted = Date.now();
		const pull = o.runManually(pullId, { timeoutMs: 15 * 60_000 }).finally(() => (pulling = false));
		const during = await pushSteadily({
			url,
			token: o.pushToken,
			everyMs: PULL.pushEveryMs,
			done: () => !pulling,
		});
		const pulled = await pull;
		const pullSeconds = (Date.now() - pullStarted) / 1000;
		const file = o.nodeOutput(pulled, 'Get CDRs')[0];
		await settled(probe, id, { afterId: lastIdOfKilled });
		const duringAcked = during.filter(is2xx);
		const { missing: duringMissing } = await executionsOf(probe, id, duringAcked);
		const longest = Math.max(...during.map((r) => r.ms));
		log(
			`large pull: ${file?.rows} CDRs in ${file?.pages} pages as ${file?.fileName} in ${pullSeconds.toFixed(1)}s; meanwhile ${during.length} pushes (one every ${PULL.pushEveryMs} ms): ` +
				`acked ${duringAcked.length}, executed ${duringAcked.length - duringMissing.length}; answer p50 ${percentile(
					during.map((r) => r.ms),
					50,
				)} ms, p99 ${percentile(
					during.map((r) => r.ms),
					99,
				)} ms, longest wait ${longest} ms`,
		);
		check(
			file?.rows >= PULL.cdrs,
			`large pull: the CSV file holds at least ${PULL.cdrs} CDRs`,
			() => JSON.stringify(file),
		);
		equal(
			duringAcked.length,
			during.length,
			'large pull: every push during the pull was acknowledged',
		);
		equal(duringMissing, [], 'large pull: every acknowledged push has its execution');
		check(
			longest < PULL.maxWaitMs,
			`large pull: no push waited ${PULL.maxWaitMs} ms or more for its answer`,
			() => `longest ${longest} ms`,
		);
	} finally {
		probe.close();
		await own.stop();
		addStats(ctx.stats, o.stats);
	}
}

function countErrors(records) {
	const counts = {};
	for (const r of records) {
		const key = r.error ?? `HTTP ${r.status}`;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}
