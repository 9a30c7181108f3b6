// Helpers for the GreenFlux Trigger scenarios (test/e2e/scenarios/07-trigger-*.mjs): run the sandbox push
// emitter (test/sandbox/push/cli.ts, TypeScript, through tsx) against a published trigger's production URLs,
// rebuild the very pushes it sent (same seed, same options → same plan) and turn them into the items the
// trigger must output, page through a workflow's executions with the public API and wait until n8n has
// finished the ones the pushes started.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT, sleep } from '../../../scripts/lib/greenflux-demo.mjs';

/** Events in the order GreenFlux's sequences produce them (for printing). */
export const EVENT_ORDER = [
	'session.started',
	'session.updated',
	'session.completed',
	'cdr.created',
	'location.created',
	'location.updated',
	'evse.status_changed',
	'notification.received',
];

/** What the emitter CLI uses unless told otherwise; passed explicitly to both the CLI and the plan. */
const PLAN_DEFAULTS = {
	anchor: '2026-11-01T00:00:00Z',
	scale: 1,
	randomSeed: 20261123,
	patchesPerSession: 4,
	countryCode: 'NL',
	partyId: 'GFX',
};

function runNode(args, { timeoutMs = 30 * 60_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out = [];
		const err = [];
		child.stdout.on('data', (chunk) => out.push(chunk));
		child.stderr.on('data', (chunk) => err.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			});
		});
	});
}

/**
 * The pushes the emitter plans for these options, in the order it sends them (index i = report.pushes[i]):
 * [{ module, method, suffix, event, objectKey, at, body, patchKind? }]. Built by the emitter's own
 * planPushes on the same seed state, in a tsx subprocess.
 */
export async function planPushes({ sessions, locations, notifications }) {
	const options = { ...PLAN_DEFAULTS, sessions, locations, notifications };
	const code = `
		const load = async (file) => { const m = await import(file); return { ...(m.default ?? {}), ...m }; };
		const { planPushes } = await load('./test/sandbox/push/scenarios.ts');
		const { SandboxState } = await load('./test/sandbox/state.ts');
		const o = JSON.parse(process.argv[1]);
		const state = new SandboxState({ anchor: o.anchor, scale: o.scale, quiet: true });
		process.stdout.write(JSON.stringify(planPushes({ ...o, state })));`;
	const result = await runNode(['--input-type=module', '-e', code, JSON.stringify(options)]);
	if (result.code !== 0)
		throw new Error(
			`planning the pushes failed (${result.code ?? result.signal}): ${result.stderr.slice(-2000)}`,
		);
	return JSON.parse(result.stdout);
}

/**
 * Runs `tsx test/sandbox/push/cli.ts` against `<webhookBase>/{cdrs,sessions,locations,notifications}` and
 * returns its JSON report ({ pushes: [{ index, event, method, url, objectKey, status, … }], byEvent, byStatus,
 * durationMs, … }) with the exit code, the printed summary and the wall time.
 * auth: 'token' | 'wrong-token' | 'no-token'; malformed: false | <content type>.
 */
export async function emitPushes({
	webhookBase,
	token,
	auth = 'token',
	sessions = 0,
	locations = 0,
	notifications = 0,
	concurrency = 1,
	malformed = false,
	reportFile,
}) {
	const args = [
		path.join('test', 'sandbox', 'push', 'cli.ts'),
		'--webhook-base',
		webhookBase,
		'--sessions',
		String(sessions),
		'--locations',
		String(locations),
		'--notifications',
		String(notifications),
		'--patches',
		String(PLAN_DEFAULTS.patchesPerSession),
		'--seed',
		String(PLAN_DEFAULTS.randomSeed),
		'--anchor',
		PLAN_DEFAULTS.anchor,
		'--scale',
		String(PLAN_DEFAULTS.scale),
		'--country-code',
		PLAN_DEFAULTS.countryCode,
		'--party-id',
		PLAN_DEFAULTS.partyId,
		'--concurrency',
		String(concurrency),
		'--quiet',
		'--report',
		reportFile,
	];
	if (auth !== 'no-token') args.push('--token', token);
	if (auth === 'wrong-token') args.push('--wrong-token');
	if (auth === 'no-token') args.push('--no-token');
	if (malformed) args.push('--malformed', '--malformed-content-type', malformed);
	const started = Date.now();
	const result = await runNode(args);
	const seconds = (Date.now() - started) / 1000;
	let report;
	try {
		report = JSON.parse(await readFile(reportFile, 'utf8'));
	} catch (error) {
		throw new Error(
			`the push emitter wrote no report (exit ${result.code ?? result.signal}): ${error.message}\n${(result.stdout + result.stderr).slice(-3000)}`,
		);
	}
	return { ...result, report, seconds };
}

/** Segments GreenFlux appended after the module's base URL. */
const segmentsOf = (suffix) =>
	suffix
		.split('/')
		.filter((s) => s !== '')
		.map(decodeURIComponent);

/**
 * The item the GreenFlux Trigger must output for a planned push (without receivedAt, which n8n's clock
 * sets, and without previousStatus, which depends on what the trigger saw before: see previousStatuses).
 */
export function expectedItem(push) {
	const item = {
		event: push.event,
		module: push.module,
		method: push.method,
		object: push.body,
		source: 'push',
	};
	const segments = segmentsOf(push.suffix);
	if (push.module === 'sessions' || push.module === 'locations') {
		const [countryCode, partyId, objectId, evseUid, connectorId] = segments;
		Object.assign(item, { countryCode, partyId, objectId });
		if (evseUid !== undefined) item.evseUid = evseUid;
		if (connectorId !== undefined) item.connectorId = connectorId;
	}
	if (push.event === 'evse.status_changed') item.status = push.body.status;
	if (push.module === 'notifications') {
		if (segments.length > 0) item.pathSuffix = segments.join('/');
		item.level = push.body.level ?? null;
		item.messageAction = push.body.message_action ?? push.body.MessageAction ?? null;
		let payload = null;
		try {
			payload = JSON.parse(push.body.charge_station_message_payload);
		} catch {}
		item.messagePayload = payload;
	}
	return item;
}

/**
 * previousStatus of every EVSE push (by plan index): `expected` is the last status of that EVSE in an earlier
 * location PUT (its evses) or EVSE PATCH, else null — what the trigger reports when it sees the pushes one after
 * the other and n8n kept every change; `possible` adds what it can report when n8n lost some of the trigger's
 * static data (null or any earlier status of that EVSE: n8n saves static data whole when it answers, so
 * overlapping pushes undo each other's changes, and it does not keep the changes of a push that starts an
 * execution). For a trigger that saw no location before.
 */
export function previousStatuses(plan) {
	const out = new Map();
	const known = new Map();
	const history = new Map();
	const seen = (key, status) => {
		known.set(key, status);
		if (!history.has(key)) history.set(key, new Set());
		history.get(key).add(status);
	};
	for (const [index, push] of plan.entries()) {
		if (push.module !== 'locations') continue;
		const [, , locationId, evseUid] = segmentsOf(push.suffix);
		if (evseUid === undefined) {
			for (const evse of push.body.evses ?? [])
				if (evse?.uid && evse?.status) seen(`${locationId}/${evse.uid}`, evse.status);
		} else if (push.body.status) {
			const key = `${locationId}/${evseUid}`;
			out.set(index, {
				expected: known.get(key) ?? null,
				possible: new Set([null, ...(history.get(key) ?? [])]),
			});
			seen(key, push.body.status);
		}
	}
	return out;
}

/** JSON with sorted keys: equal values → equal text, whatever the key order. */
export function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

/** Identity of a trigger item for matching executions to pushes: everything but receivedAt and previousStatus. */
export function itemKey(item) {
	const { receivedAt, previousStatus, ...rest } = item;
	return canonical(rest);
}

/** { value: count } of a list. */
export function countBy(list, keyOf) {
	const counts = {};
	for (const entry of list) {
		const key = keyOf(entry);
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** A per-event count table ordered like EVENT_ORDER. */
export function byEvent(counts) {
	return Object.fromEntries(
		Object.entries(counts).sort(([a], [b]) => EVENT_ORDER.indexOf(a) - EVENT_ORDER.indexOf(b)),
	);
}

/** Every execution of a workflow through the public API (pages of 250 with nextCursor), newest first. */
export async function allExecutions(ctx, workflowId, { includeData = false } = {}) {
	const all = [];
	let cursor;
	do {
		const query = new URLSearchParams({
			workflowId: String(workflowId),
			includeData: String(includeData),
			limit: '250',
		});
		if (cursor) query.set('cursor', cursor);
		const page = await ctx.api('GET', `/executions?${query}`);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

const UNFINISHED = new Set(['new', 'running', 'waiting']);

/**
 * Waits until n8n has stored and finished the executions the pushes started: the count reaches `expected`,
 * none is new/running/waiting, and nothing changes for `quietMs` more (a surplus would show up then). Gives
 * up when the count has not moved for `stallMs`. Returns { executions, seconds }.
 */
export async function settleExecutions(
	ctx,
	workflowId,
	expected,
	{ quietMs = 3000, stallMs = 60_000 } = {},
) {
	const started = Date.now();
	let last = -1;
	let lastChange = Date.now();
	let stableSince;
	for (;;) {
		const executions = await allExecutions(ctx, workflowId);
		const unfinished = executions.filter((e) => UNFINISHED.has(e.status)).length;
		if (executions.length !== last) {
			last = executions.length;
			lastChange = Date.now();
			stableSince = undefined;
		}
		if (executions.length >= expected && unfinished === 0) {
			stableSince ??= Date.now();
			if (Date.now() - stableSince >= quietMs)
				return { executions, seconds: (Date.now() - started) / 1000 };
		} else {
			stableSince = undefined;
		}
		if (Date.now() - lastChange > stallMs)
			return { executions, seconds: (Date.now() - started) / 1000 };
		await sleep(500);
	}
}

/**
 * Polls one URL of every path shape the trigger registers with a wrong token until each answers 401 (the
 * node itself refusing, so the production webhook is registered: n8n answers 404 before). A refused push
 * starts no execution. Returns the seconds it took.
 */
export async function waitUntilListening(webhookBase, { timeoutMs = 60_000 } = {}) {
	const started = Date.now();
	const probes = [
		['POST', 'cdrs'],
		['PUT', 'sessions/NL/GFX/probe-session'],
		['PATCH', 'sessions/NL/GFX/probe-session'],
		['PUT', 'locations/NL/GFX/probe-location'],
		['PATCH', 'locations/NL/GFX/probe-location/probe-evse'],
		['PUT', 'notifications'],
	];
	for (const [method, suffix] of probes) {
		for (;;) {
			const response = await fetch(`${webhookBase}/${suffix}`, {
				method,
				headers: {
					authorization: 'Token not-the-push-token-probe',
					'content-type': 'application/json',
				},
				body: '{}',
			});
			await response.arrayBuffer();
			if (response.status === 401) break;
			if (Date.now() - started > timeoutMs)
				throw new Error(
					`${method} ${webhookBase}/${suffix} answered HTTP ${response.status} for ${timeoutMs / 1000}s after publishing (expected the trigger's 401)`,
				);
			await sleep(250);
		}
	}
	return (Date.now() - started) / 1000;
}

/**
 * What a trigger must have done for a plan: [{ push, index, item, previous }] for the pushes `select` keeps
 * (its events and filters), item = expectedItem(push), previous = previousStatuses' entry for EVSE pushes.
 */
export function expectations(plan, { select = () => true } = {}) {
	const previous = previousStatuses(plan);
	return plan.flatMap((push, index) =>
		select(push) ? [{ push, index, item: expectedItem(push), previous: previous.get(index) }] : [],
	);
}

/**
 * Checks the executions of a trigger workflow against `expected` (from expectations()), with ctx's assertions:
 * all successful production executions, one trigger item each, as many per event as expected, each item equal
 * to its push (everything but receivedAt/previousStatus, matched by content since executions run in any
 * order), receivedAt set when the execution started, previousStatus one the trigger can have seen. Returns
 * { items, perEvent, previousRight, previousTotal, previousDiffering }.
 */
export function checkExecutions(ctx, executions, nodeName, expected, label) {
	const { check, equal, sameItems } = ctx;
	const odd = executions.filter((e) => e.status !== 'success' || e.mode !== 'webhook');
	check(
		odd.length === 0,
		`${label}: every execution is a successful production (webhook) execution`,
		() => JSON.stringify(odd.slice(0, 3).map((e) => [e.id, e.mode, e.status])),
	);
	const perExecution = executions.map((e) => ({
		execution: e,
		items: ctx.nodeOutput(e, nodeName) ?? [],
	}));
	const notOne = perExecution.filter((x) => x.items.length !== 1);
	check(
		notOne.length === 0,
		`${label}: every execution has exactly one trigger item (one pushed object)`,
		() => `${notOne.length} executions differ, e.g. ${notOne[0]?.execution.id}`,
	);
	const items = perExecution.flatMap((x) => x.items);
	const perEvent = byEvent(countBy(items, (item) => item.event));
	equal(
		perEvent,
		byEvent(countBy(expected, (x) => x.item.event)),
		`${label}: executions per event = pushes per event`,
	);

	const byKey = new Map(expected.map((x) => [itemKey(x.item), x]));
	check(byKey.size === expected.length, `${label}: every expected item is distinct`);
	const sortByKey = (list, keyOf) =>
		list
			.map((x) => ({ key: keyOf(x), x }))
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
			.map((y) => y.x);
	const strip = ({ receivedAt, previousStatus, ...rest }) => rest;
	sameItems(
		sortByKey(items, itemKey).map(strip),
		sortByKey(expected, (x) => itemKey(x.item)).map((x) => x.item),
		`${label}: trigger items = pushed objects (event, module, method, path ids, object, notification level/action/payload, EVSE status)`,
	);

	const lateOrEarly = perExecution.filter(
		({ execution, items: [item] }) =>
			!(Math.abs(Date.parse(item?.receivedAt) - Date.parse(execution.startedAt)) < 60_000),
	);
	check(
		lateOrEarly.length === 0,
		`${label}: every item's receivedAt is when its execution started (±60 s)`,
		() =>
			JSON.stringify(
				lateOrEarly.slice(0, 3).map((x) => [x.execution.startedAt, x.items[0]?.receivedAt]),
			),
	);

	let previousRight = 0;
	let previousTotal = 0;
	const previousDiffering = [];
	const impossible = [];
	for (const item of items) {
		const x = byKey.get(itemKey(item));
		if (!x?.previous) continue;
		previousTotal++;
		if (item.previousStatus === x.previous.expected) previousRight++;
		else
			previousDiffering.push(
				`${item.objectId}/${item.evseUid} →${item.status}: ${item.previousStatus} (one after the other: ${x.previous.expected})`,
			);
		if (!x.previous.possible.has(item.previousStatus))
			impossible.push(`${item.objectId}/${item.evseUid} →${item.status}: ${item.previousStatus}`);
	}
	check(
		impossible.length === 0,
		`${label}: every previousStatus is null or a status the trigger was pushed earlier for that EVSE`,
		() => impossible.join('; '),
	);
	return { items, perEvent, previousRight, previousTotal, previousDiffering };
}
