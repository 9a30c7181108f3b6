// P2 (push): the GreenFlux Trigger against n8n's Webhook node in the same n8n, one CDR per request at a
// fixed concurrency for a fixed time; then every 2xx answer must have its execution (none lost), and
// pushes of an event the trigger does not select are acknowledged without an execution.
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';

import { CREDENTIALS, DEMO_PUSH_TOKEN, sleep } from '../lib/greenflux-demo.mjs';

const WEBHOOK_TOKEN = 'bench-webhook-token-0001';

const trigger = (events) => ({
	id: randomUUID(),
	name: 'GreenFlux Trigger',
	type: 'n8n-nodes-greenflux.greenFluxTrigger',
	typeVersion: 1,
	position: [0, 0],
	webhookId: randomUUID(),
	credentials: { greenFluxPushApi: { id: CREDENTIALS.push.id, name: CREDENTIALS.push.name } },
	parameters: { events },
});

/** Publishes the three targets; { name: { workflowId, url, headers, executes } }. */
export async function publishPushTargets(n8n) {
	const credential = await n8n.api('POST', '/credentials', {
		name: 'bench webhook header auth',
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Token ${WEBHOOK_TOKEN}` },
	});
	const webhookPath = `bench-${randomUUID()}`;
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: randomUUID(),
		credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			authentication: 'headerAuth',
			responseMode: 'onReceived',
			options: {},
		},
	};
	const selected = trigger(['cdr.created']);
	const unselected = trigger(['session.completed']);
	const publish = async (name, node) =>
		await n8n.publish({ name: `bench: ${name}`, nodes: [node], connections: {} });
	return {
		'Webhook node': {
			workflowId: await publish('Webhook node', webhook),
			url: `${n8n.url}/webhook/${webhookPath}`,
			token: WEBHOOK_TOKEN,
			executes: true,
		},
		'GreenFlux Trigger': {
			workflowId: await publish('GreenFlux Trigger', selected),
			url: `${n8n.url}/webhook/${selected.webhookId}/cdrs`,
			token: DEMO_PUSH_TOKEN,
			executes: true,
		},
		'GreenFlux Trigger, event not selected': {
			workflowId: await publish('GreenFlux Trigger (not selected)', unselected),
			url: `${n8n.url}/webhook/${unselected.webhookId}/cdrs`,
			token: DEMO_PUSH_TOKEN,
			executes: false,
		},
	};
}

/** One CDR as GreenFlux would push it: the template with an id of its own. */
const cdrBody = (template, serial) => JSON.stringify({ ...template, id: `BENCH-${serial}` });

const percentile = (sorted, p) =>
	sorted.length === 0
		? 0
		: sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Pushes for `seconds` at `concurrency`, then waits until every 2xx answer has its execution (or the
 * settle time ends). Returns rate, p50/p99, answers by status, executions stored, lost.
 */
export async function pushRun(n8n, target, { cdr, concurrency, seconds, serialBase }) {
	const before = new Set(await n8n.executionIds(target.workflowId));
	const origin = new URL(target.url);
	const pool = new Pool(origin.origin, { connections: concurrency, pipelining: 1 });
	const latencies = [];
	const statuses = {};
	let failed = 0;
	let serial = serialBase;
	const ends = performance.now() + seconds * 1000;
	const started = performance.now();
	const worker = async () => {
		while (performance.now() < ends) {
			const body = cdrBody(cdr, serial++);
			const sent = performance.now();
			try {
				const res = await pool.request({
					method: 'POST',
					path: origin.pathname,
					headers: { authorization: `Token ${target.token}`, 'content-type': 'application/json' },
					body,
				});
				await res.body.dump();
				latencies.push(performance.now() - sent);
				statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
			} catch {
				failed++;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsed = (performance.now() - started) / 1000;
	await pool.close();
	const acknowledged = Object.entries(statuses)
		.filter(([code]) => Number(code) >= 200 && Number(code) < 300)
		.reduce((sum, [, n]) => sum + n, 0);
	// Executions still being stored finish within the settle time; then count what is missing.
	const countNew = async () =>
		(await n8n.executionIds(target.workflowId)).filter((id) => !before.has(id)).length;
	if (!target.executes) await sleep(1000);
	let executions = await countNew();
	const settleUntil = Date.now() + 120_000;
	while (target.executes && executions < acknowledged && Date.now() < settleUntil) {
		await sleep(500);
		executions = await countNew();
	}
	latencies.sort((a, b) => a - b);
	return {
		requests: latencies.length + failed,
		rate: latencies.length / elapsed,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		statuses,
		failed,
		acknowledged,
		executions,
		lost: target.executes ? acknowledged - executions : 0,
		/** Executions of pushes the trigger should have acknowledged without one. */
		unexpected: target.executes ? 0 : executions,
		serialEnd: serial,
	};
}
