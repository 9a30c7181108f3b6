// The GreenFlux Trigger in queue mode: published on main, fed by the sandbox push emitter through the
// webhook processor's production URLs (`n8n webhook`), executions run by the two workers. Sessions,
// locations and notifications with several pushes in flight; four events selected. Executions = pushes of
// the selected events exactly (none lost, none twice), each item equal to its push, every execution run
// by exactly one worker (their logs), and none for the unselected events.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';

import {
	allExecutions,
	byEvent,
	checkExecutions,
	countBy,
	emitPushes,
	expectations,
	planPushes,
	settleExecutions,
	waitUntilListening,
} from '../../lib/pushes.mjs';

const LOAD = { sessions: 20, locations: 10, notifications: 60 };
const CONCURRENCY = 6;
const EVENTS = ['session.completed', 'cdr.created', 'evse.status_changed', 'notification.received'];

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const nodeName = 'GreenFlux Trigger (queue)';
	const webhookId = 'e2eq02f1-7e2e-4000-8000-0000000000d2';
	const workflow = {
		name: 'queue e2e: GreenFlux Trigger, selected events',
		nodes: [
			{
				parameters: { events: EVENTS },
				id: 'e2eq0200-0000-4000-8000-000000000001',
				name: nodeName,
				type: `${ctx.packageName}.greenFluxTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				credentials: { greenFluxPushApi: { id: null, name: 'GreenFlux Push API account' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const base = ctx.webhookUrl(webhookId);
	const id = await ctx.importWorkflow(workflow);
	await ctx.publish(id);
	try {
		const listening = await waitUntilListening(base);
		log(
			`published on main; the webhook processor's ${base}/… answers after ${listening.toFixed(1)}s`,
		);

		// Main serves no production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): every push below can
		// only have reached the trigger through the webhook processor.
		const onMain = await fetch(`${ctx.n8n.url}/webhook/${webhookId}/notifications`, {
			method: 'POST',
			headers: { authorization: `Token ${ctx.pushToken}`, 'content-type': 'application/json' },
			body: '{}',
		});
		await onMain.arrayBuffer();
		equal(onMain.status, 404, "main answers 404 on the trigger's production URL");

		const plan = await planPushes(LOAD);
		const { cluster } = ctx.queue;
		const before = await cluster.queueIdle();
		// The queue length while the pushes arrive, from main's /metrics (sampled every 0.5 s).
		let peakWaiting = 0;
		const sampler = setInterval(() => {
			cluster
				.queueMetrics()
				.then((m) => (peakWaiting = Math.max(peakWaiting, m.waiting)))
				.catch(() => {});
		}, 500);
		const sent = await emitPushes({
			...LOAD,
			webhookBase: base,
			token: ctx.pushToken,
			concurrency: CONCURRENCY,
			reportFile: path.join(await mkdtemp(path.join(ctx.tmpDir, 'pushes-')), 'load.json'),
		});
		equal(sent.code, 0, 'the emitter exits 0 (every push answered 2xx by the webhook processor)');
		equal(sent.report.pushes.length, plan.length, 'the emitter sent the whole plan');
		equal(
			sent.report.pushes.map((r) => [r.status, r.ocpiStatus]),
			plan.map(() => [200, 1000]),
			'every push answered 200 + OCPI 1000 by the webhook processor (once queued), unselected events too',
		);
		const expected = expectations(plan, { select: (push) => EVENTS.includes(push.event) });
		const settled = await settleExecutions(ctx, id, expected.length);
		clearInterval(sampler);
		const after = await cluster.queueIdle();
		const executions = await allExecutions(ctx, id, { includeData: true });
		equal(executions.length, expected.length, 'executions = pushes of the selected events');
		const result = checkExecutions(ctx, executions, nodeName, expected, 'queue mode');

		equal(
			[after.completed - before.completed, after.failed - before.failed],
			[executions.length, 0],
			"main's metrics: one completed queue job per execution, none failed",
		);
		const ran = await cluster.whoRan(executions.map((e) => e.id));
		check(ran.nowhere.length === 0, 'every execution was started by a worker (its log)', () =>
			ran.nowhere.slice(0, 5).join(', '),
		);
		check(ran.twice.length === 0, 'no execution was started by both workers', () =>
			ran.twice.join(', '),
		);
		check(
			Object.values(ran.perWorker).every((n) => n > 0),
			'both workers ran executions',
			() => JSON.stringify(ran.perWorker),
		);
		const pushed = byEvent(countBy(plan, (p) => p.event));
		log(
			`${plan.length} pushes in ${sent.seconds.toFixed(1)}s (${JSON.stringify(pushed)}); ${executions.length} executions ` +
				`(${JSON.stringify(result.perEvent)}), settled ${settled.seconds.toFixed(1)}s after the last answer; per worker ${JSON.stringify(ran.perWorker)}; queue: peak ${peakWaiting} waiting, ${after.completed - before.completed} jobs completed`,
		);
		ctx.report(
			`push trigger via webhook processor: ${plan.length} pushes, ${expected.length} of the selected events, ` +
				`${executions.length} executions (lost 0, twice 0), per worker ${formatWorkers(ran.perWorker)}; ` +
				`queue jobs completed ${after.completed - before.completed}, failed 0, peak waiting ${peakWaiting}`,
		);
	} finally {
		await ctx.unpublish(id);
	}
}

export const formatWorkers = (perWorker) =>
	Object.entries(perWorker)
		.map(([name, n]) => `${name} ${n}`)
		.join(', ');
