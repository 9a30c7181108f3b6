// Push throughput, regular n8n vs queue mode, on the same machine in one run: the same CDR pushes (POST
// …/cdrs, one CDR each; 200 by default) at concurrency 8 to a published GreenFlux Trigger, once on a regular n8n (SQLite,
// executions in the main process: lib/own-instance.mjs) and once on the webhook processor of the queue
// setup. Prints pushes/s, p99 answer time and lost (2xx answers without an execution) for each; lost must
// be 0. Not a speed-up test: on 2 cores the processes of the queue setup share the same CPUs.
import { Agent, request } from 'undici';

import { addStats, startOwnInstance } from '../../lib/own-instance.mjs';
import {
	allExecutions,
	planPushes,
	settleExecutions,
	waitUntilListening,
} from '../../lib/pushes.mjs';
import { formatWorkers } from './02-pushes.mjs';

// Small enough for CI; a longer run: GREENFLUX_QUEUE_BENCH_PUSHES=2000 npm run test:e2e -- --queue --only 05
const PUSHES = Number(process.env.GREENFLUX_QUEUE_BENCH_PUSHES ?? 200);
const CONCURRENCY = Number(process.env.GREENFLUX_QUEUE_BENCH_CONCURRENCY ?? 8);
const NODE = 'CDR pushes';
const WEBHOOK_ID = 'e2eq05f1-7e2e-4000-8000-0000000000e5';

export async function run(ctx) {
	const plan = await planPushes({ sessions: PUSHES, locations: 0, notifications: 0 });
	const cdrs = plan.filter((p) => p.module === 'cdrs').map((p) => p.body);
	ctx.check(cdrs.length === PUSHES, `${PUSHES} distinct CDRs to push`);
	const rows = [];
	rows.push({
		target: 'queue mode (webhook processor + 2 workers)',
		...(await measure(ctx, ctx, cdrs)),
	});
	const own = await startOwnInstance(ctx, { name: 'regular' });
	try {
		rows.push({ target: 'regular n8n (one process)', ...(await measure(ctx, own.ctx, cdrs)) });
	} finally {
		addStats(ctx.stats, own.ctx.stats);
		await own.stop();
	}
	const line = (r) =>
		`${r.target.padEnd(44)} ${r.perSecond.toFixed(1).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.lost).padStart(5)}   ${r.note}`;
	ctx.log(`${'target'.padEnd(44)} pushes/s p99(ms)  lost`);
	for (const r of rows) ctx.log(line(r));
	ctx.report(
		`throughput, ${PUSHES} CDR pushes at concurrency ${CONCURRENCY} (pushes/s, p99 ms, lost):`,
	);
	for (const r of rows) ctx.report(`  ${line(r)}`);
	for (const r of rows) ctx.equal(r.lost, 0, `${r.target}: no push lost`);
}

/** Publishes the trigger on `on` (a ctx), pushes every CDR, waits for the executions; → figures. */
async function measure(ctx, on, cdrs) {
	const workflow = {
		name: 'queue e2e: CDR push throughput',
		nodes: [
			{
				parameters: { events: ['cdr.created'] },
				id: 'e2eq0500-0000-4000-8000-000000000001',
				name: NODE,
				type: `${ctx.packageName}.greenFluxTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				credentials: { greenFluxPushApi: { id: null, name: 'GreenFlux Push API account' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const id = await on.importWorkflow(workflow);
	await on.publish(id);
	const base = on.webhookUrl(WEBHOOK_ID);
	try {
		await waitUntilListening(base);
		const answers = await push(`${base}/cdrs`, on.pushToken, cdrs);
		const accepted = answers.filter((a) => a.status >= 200 && a.status < 300);
		// n8n answers 200 + the OCPI envelope once it registered the execution (queue mode: queued in Redis).
		ctx.equal(
			answers
				.filter((a) => a.status !== 200 || a.ocpi !== 1000)
				.map((a) => [a.id, a.status, a.ocpi]),
			[],
			`${on.queue ? 'queue mode' : 'regular n8n'}: every push answered 200 + OCPI 1000`,
		);
		await settleExecutions(on, id, accepted.length, { stallMs: 30_000 });
		const executions = await allExecutions(on, id, { includeData: true });
		const got = new Set(executions.map((e) => on.nodeOutput(e, NODE)?.[0]?.object?.id));
		const lost = accepted.filter((a) => !got.has(a.id)).length;
		ctx.equal(executions.length, got.size, 'no CDR started two executions');
		ctx.compared(executions.length);
		const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
		let note = `${accepted.length}/${answers.length} answered 200, ${executions.length} executions`;
		if (on.queue) {
			const ran = await on.queue.cluster.whoRan(executions.map((e) => e.id));
			note += ` (${formatWorkers(ran.perWorker)})`;
		}
		return {
			perSecond: answers.length / answers.seconds,
			p99: Math.round(latencies[Math.ceil(latencies.length * 0.99) - 1]),
			lost,
			note,
		};
	} finally {
		await on.unpublish(id);
	}
}

/** POSTs each CDR with `concurrency` in flight (undici); → [{ id, status, ocpi, ms }] with .seconds. */
async function push(url, token, cdrs) {
	const dispatcher = new Agent({ connections: CONCURRENCY });
	const answers = [];
	let next = 0;
	const started = performance.now();
	const lane = async () => {
		while (next < cdrs.length) {
			const cdr = cdrs[next++];
			const t = performance.now();
			let status = 0;
			let ocpi;
			try {
				const response = await request(url, {
					method: 'POST',
					dispatcher,
					headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
					body: JSON.stringify(cdr),
				});
				const text = await response.body.text();
				status = response.statusCode;
				ocpi = JSON.parse(text).status_code;
			} catch {}
			answers.push({ id: cdr.id, status, ocpi, ms: performance.now() - t });
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, lane));
	answers.seconds = (performance.now() - started) / 1000;
	await dispatcher.close();
	return answers;
}
