// "CDRs to invoicing, no CDR lost" and its support variant, published in a real n8n: GreenFlux (the
// push emitter with a publishing sandbox: every object is filed in the sandbox, then pushed or dropped)
// pushes 200 sessions with their CDRs and 200 charge station notifications, 20 % of the pushes dropped,
// and n8n is restarted in the middle (the pushes sent while it is down are lost too). The polling
// triggers, every minute in the test copies, catch up: the CDR ids appended to the invoicing file are
// exactly the sandbox's CDRs of the period — none missing, none twice — and the same for the Error
// notifications in the support file. Runs on its own sandbox and n8n (lib/own-instance.mjs), so the
// restart and N8N_CONCURRENCY_PRODUCTION_LIMIT=1 (what the templates ask for: Remove Duplicates reads
// and rewrites its history without a lock) touch no other scenario.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { REPO_ROOT, sleep, withExportFolder } from '../../../scripts/lib/greenflux-demo.mjs';
import { checkLog } from '../../contract/check.mjs';
import { parseCsv } from '../lib/csv.mjs';
import { addStats, startOwnInstance } from '../lib/own-instance.mjs';
import { allExecutions, countBy, waitUntilListening } from '../lib/pushes.mjs';

const SESSIONS = 200;
const NOTIFICATIONS = 200;
const DROP_RATE = 0.2;
/** Sessions: PUT, PATCH, PATCH COMPLETED, CDR POST each (800 pushes); notifications: 200. */
const SESSION_PACE_MS = 60;
const NOTIFICATION_PACE_MS = 250;
/** n8n is restarted once the sessions emitter played this many pushes, at a moment away from both polls. */
const RESTART_AFTER_PUSHES = 250;
const POLL_TYPE = 'n8n-nodes-greenflux.greenFluxPollTrigger';
const PUSH_TRIGGER = 'GreenFlux Trigger';
const POLL_TRIGGER = 'GreenFlux Poll Trigger';

const CDR_COLUMNS = [
	'cdr_id',
	'session_id',
	'start_date_time',
	'stop_date_time',
	'energy_kwh',
	'retail_cost_excl_vat',
	'retail_cost_incl_vat',
	'retail_currency',
	'customer_external_id',
	'driver_external_id',
	'auth_id',
	'evse_id',
	'last_updated',
	'received_at',
	'source',
];
const SUPPORT_COLUMNS = [
	'notification_id',
	'charge_station_id',
	'location_id',
	'evse_id',
	'created',
	'message_action',
	'error_code',
	'status',
	'info',
	'message',
	'received_at',
	'source',
];

/**
 * Each workflow polls once a minute at a second of its own (n8n's every-minute schedule picks a random
 * second; these fixed ones let the restart keep clear of a poll). n8n saves a poll's cursor when the
 * poll emits, just before it stores the execution: a stop that falls between the two loses that poll's
 * items (see the README, "Missed pushes"). Executions already stored survive the restart: n8n 2.41
 * finishes running ones within N8N_GRACEFUL_SHUTDOWN_TIMEOUT and runs queued ones again at start.
 */
const FLOWS = [
	{
		key: 'cdrs',
		template: 'cdrs-to-invoicing-no-cdr-lost.json',
		cron: '0 * * * * *',
		pollPath: '/api/2.0/cdrs',
		rowNode: 'Invoice row',
		filePrefix: 'greenflux-invoicing-cdrs-',
		columns: CDR_COLUMNS,
		idColumn: 'cdr_id',
	},
	{
		key: 'errors',
		template: 'charge-station-errors-to-support.json',
		cron: '30 * * * * *',
		pollPath: '/api/1.0/chargestationnotifications',
		rowNode: 'Support ticket',
		filePrefix: 'greenflux-support-errors-',
		columns: SUPPORT_COLUMNS,
		idColumn: 'notification_id',
	},
];
/** Seconds of the minute when the restart may begin (polls run at 0 and 30). */
const RESTART_WINDOWS = [
	[8, 20],
	[38, 50],
];

/** The test's copy of a template: its export folder, and its poll every minute at `cron`'s second. */
function testCopy(template, exportFolder, cron) {
	const copy = withExportFolder(template, exportFolder);
	copy.name = `${template.name} (e2e)`;
	for (const node of copy.nodes)
		if (node.type === POLL_TYPE)
			node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: cron }] };
	return copy;
}

/** Rows appended to a flow's files so far (no header: the columns are the template's). */
async function appendedRows(exportFolder, flow) {
	const files = (await readdir(exportFolder)).filter((f) => f.startsWith(flow.filePrefix)).sort();
	const rows = [];
	for (const file of files) {
		const text = await readFile(path.join(exportFolder, file), 'utf8');
		rows.push(...parseCsv(`${flow.columns.join(',')}\n${text}`).rows);
	}
	return rows;
}

/** Runs the push emitter CLI; `onPush(count)` after each printed push. Resolves with its exit. */
function runEmitter(args, onPush) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let pushes = 0;
		let carry = '';
		let output = '';
		child.stdout.on('data', (chunk) => {
			const text = carry + chunk;
			const lines = text.split('\n');
			carry = lines.pop();
			for (const line of lines) {
				if (/^\s*\d+\s/.test(line)) onPush(++pushes);
				else output += `${line}\n`;
			}
		});
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, output }));
	});
}

/** One report of two emitters (planned, dropped, … per event and in total). */
function mergeReports(reports) {
	const merged = { pushes: [], byEvent: {}, byStatus: {} };
	for (const report of reports) {
		merged.pushes.push(...report.pushes);
		for (const [event, summary] of Object.entries(report.byEvent)) {
			const into = (merged.byEvent[event] ??= {
				planned: 0,
				dropped: 0,
				sent: 0,
				accepted: 0,
				failed: 0,
			});
			for (const key of Object.keys(into)) into[key] += summary[key];
		}
		for (const [status, n] of Object.entries(report.byStatus))
			merged.byStatus[status] = (merged.byStatus[status] ?? 0) + n;
		for (const key of ['planned', 'sent', 'dropped', 'accepted', 'failed'])
			merged[key] = (merged[key] ?? 0) + report[key];
	}
	return merged;
}

const secondOfMinute = () => new Date().getUTCSeconds();

async function waitForRestartWindow() {
	for (;;) {
		const s = secondOfMinute();
		if (RESTART_WINDOWS.some(([from, to]) => s >= from && s < to)) return;
		await sleep(250);
	}
}

/** After the pushes: at most this long for the polls to catch up (normally a minute and a bit). */
const CATCH_UP_LIMIT_MS = 360_000;
/** How long n8n must have had no open execution once both polls read past the last object. */
const QUIET_MS = 8_000;

/**
 * Publishes a flow and waits until n8n says both triggers are live. n8n 2.41 activates a published
 * workflow in the background and can fail that (seen: "No bridge acquired for this context" from its
 * expression isolate while another publication and webhook calls ran): the webhooks and the poll then
 * run anyway, but at the next start n8n does not activate the workflow again, so its poll is gone. The
 * editor shows such a workflow as not published; publishing it again is what its user would do.
 */
async function publishConfirmed(o, flow, check, log) {
	const workflow = await o.api('GET', `/workflows/${flow.id}`);
	const triggerIds = workflow.nodes
		.filter((n) => [PUSH_TRIGGER, POLL_TRIGGER].includes(n.name))
		.map((n) => n.id);
	for (let attempt = 1; ; attempt++) {
		await o.publish(flow.id);
		const status = await o.publicationStatus(flow.id);
		const live = status.triggers.filter((t) => t.status === 'activated').map((t) => t.nodeId);
		const ok = status.status === 'published' && triggerIds.every((id) => live.includes(id));
		if (ok || attempt === 2) {
			check(ok, `${flow.template}: n8n published it, both triggers live`, () =>
				JSON.stringify(status),
			);
			return;
		}
		log(
			`n8n did not publish ${flow.template} (${JSON.stringify(status)}); publishing it again, as its user would`,
		);
		await o.unpublish(flow.id);
		await o.publicationStatus(flow.id);
	}
}

/** Executions of the flows not finished yet (queued, running or waiting). */
async function openExecutions(o, flows) {
	let open = 0;
	for (const flow of flows)
		open += (await allExecutions(o, flow.id)).filter((e) =>
			['new', 'running', 'waiting'].includes(e.status),
		).length;
	return open;
}

/** Per flow, from the sandbox's request log: when its poll last asked GreenFlux, and up to when (ms). */
async function pollRanges(logFile, flows) {
	const requests = (await readFile(logFile, 'utf8'))
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
	return flows.map((flow) => {
		const polls = requests.filter((r) => r.path === flow.pollPath && r.status === 200);
		const last = polls.at(-1);
		return {
			...flow,
			lastPollAt: last ? Date.parse(last.ts) : 0,
			lastRangeEnd: Math.max(0, ...polls.map((r) => Date.parse(r.query.date_to))),
		};
	});
}

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const own = await startOwnInstance(ctx, {
		name: '09-no-cdr-lost',
		env: { N8N_CONCURRENCY_PRODUCTION_LIMIT: '1' },
	});
	const o = own.ctx;
	try {
		// ---- the templates, published (test copies: export folder, a poll every minute) ----
		const flows = [];
		for (const flow of FLOWS) {
			const template = await ctx.demoWorkflow(flow.template);
			const copy = testCopy(template, own.exportFolder, flow.cron);
			const problems = o.editorProblems(copy);
			check(
				problems.length === 0,
				`${flow.template}: the test copy opens without editor issues`,
				() => problems.join('; '),
			);
			const id = await o.importWorkflow(copy);
			const webhookId = copy.nodes.find((n) => n.name === PUSH_TRIGGER).webhookId;
			flows.push({ ...flow, id, webhookBase: `${o.n8n.url}/webhook/${webhookId}` });
		}
		const publishedFrom = new Date().toISOString();
		for (const flow of flows) await publishConfirmed(o, flow, check, log);
		for (const flow of flows) await waitUntilListening(flow.webhookBase);
		const sinceOf = async (flow) =>
			(await o.api('GET', `/workflows/${flow.id}`)).staticData?.[`node:${POLL_TRIGGER}`]?.cursor
				?.since ?? publishedFrom;
		for (const flow of flows) flow.since = await sinceOf(flow);
		log(`published both workflows; their polls start from ${flows.map((f) => f.since).join(', ')}`);

		// ---- GreenFlux: objects filed in the sandbox and pushed, 20 % dropped, n8n restarted meanwhile ----
		const [cdrFlow, errorFlow] = flows;
		// Two emitters at once (sessions with their CDRs, and notifications), so the restart hits both.
		const common = [
			path.join('test', 'sandbox', 'push', 'cli.ts'),
			'--cdrs-url',
			`${cdrFlow.webhookBase}/cdrs`,
			'--sessions-url',
			`${cdrFlow.webhookBase}/sessions`,
			'--locations-url',
			`${cdrFlow.webhookBase}/locations`,
			'--notifications-url',
			`${errorFlow.webhookBase}/notifications`,
			'--token',
			ctx.pushToken,
			'--patches',
			'1',
			'--locations',
			'0',
			'--anchor',
			own.sandbox.anchor,
			'--drop-rate',
			String(DROP_RATE),
			'--sandbox-url',
			own.sandbox.url,
		];
		const emitters = [
			{
				name: 'sessions',
				report: path.join(own.folder, 'pushes-sessions.json'),
				args: ['--sessions', String(SESSIONS), '--notifications', '0'],
				args2: ['--drop-seed', '909', '--pace-ms', String(SESSION_PACE_MS), '--concurrency', '3'],
			},
			{
				name: 'notifications',
				report: path.join(own.folder, 'pushes-notifications.json'),
				args: ['--sessions', '0', '--notifications', String(NOTIFICATIONS)],
				args2: [
					'--drop-seed',
					'910',
					'--pace-ms',
					String(NOTIFICATION_PACE_MS),
					'--concurrency',
					'1',
				],
			},
		];
		const restart = {};
		const emitterStarted = Date.now();
		const exits = await Promise.all(
			emitters.map((emitter) =>
				runEmitter(
					[...common, ...emitter.args, ...emitter.args2, '--report', emitter.report],
					(count) => {
						if (emitter.name !== 'sessions' || count !== RESTART_AFTER_PUSHES) return;
						restart.done = (async () => {
							await waitForRestartWindow();
							restart.at = new Date().toISOString();
							restart.seconds = await own.restart();
							restart.endedAt = Date.now();
						})();
					},
				),
			),
		);
		if (restart.done) await restart.done;
		for (const [i, exit] of exits.entries())
			check(
				exit.code === 0 || exit.code === 1,
				`the ${emitters[i].name} push emitter ran to the end`,
				() => `exit ${exit.code ?? exit.signal}: ${exit.output.slice(-2000)}`,
			);
		const reports = await Promise.all(
			emitters.map(async (emitter) => JSON.parse(await readFile(emitter.report, 'utf8'))),
		);
		const report = mergeReports(reports);
		check(restart.seconds !== undefined, 'n8n was restarted while the pushes were played');
		log(
			`emitters: ${report.planned} pushes in ${((Date.now() - emitterStarted) / 1000).toFixed(0)} s, ${report.dropped} dropped, ${report.accepted} answered 2xx, ${report.failed} not (n8n restarted at ${restart.at}, down ${restart.seconds.toFixed(1)} s)`,
		);

		// ---- what GreenFlux has: the sandbox's CDRs and Error notifications of the period ----
		const expectedCdrs = (
			await o.sandbox.control(`/__sandbox/cdrs?date_from=${cdrFlow.since}`)
		).map((cdr) => String(cdr.id));
		const expectedErrors = (
			await o.sandbox.control(`/__sandbox/notifications?date_from=${errorFlow.since}&level=Error`)
		).map((n) => `${n.charge_station_id}/${n.charge_station_notification_id}`);
		// (Seeded objects of the period count too: the sandbox's seed ends about half an hour after midnight UTC.)
		check(
			expectedCdrs.length >= SESSIONS,
			'the sandbox lists every CDR GreenFlux made (pushed or not)',
			() => `${expectedCdrs.length} CDRs`,
		);
		check(
			expectedErrors.length >= (NOTIFICATIONS * 2) / 10,
			'the sandbox lists every Error notification GreenFlux made (pushed or not)',
			() => `${expectedErrors.length} notifications`,
		);
		cdrFlow.expected = expectedCdrs;
		errorFlow.expected = expectedErrors;

		// ---- the polls catch up: each flow's next poll reads past the last object, its execution runs ----
		// Under load executions queue behind each other, so wait for what happened rather than a fixed time:
		// both polls have read past the last object and no execution has been open for QUIET_MS (a poll's
		// execution is stored a moment after GreenFlux answered it).
		const emittersEnded = Date.now();
		const caughtUpBy = emittersEnded + CATCH_UP_LIMIT_MS;
		let quietSince;
		for (;;) {
			const polledPast = (await pollRanges(own.sandbox.logFile, flows)).every(
				(flow) => flow.lastRangeEnd > emittersEnded,
			);
			const open = polledPast ? await openExecutions(o, flows) : 1;
			quietSince = open === 0 ? (quietSince ?? Date.now()) : undefined;
			if (quietSince !== undefined && Date.now() - quietSince >= QUIET_MS) break;
			if (Date.now() > caughtUpBy) {
				log(
					`the polls did not catch up within ${CATCH_UP_LIMIT_MS / 1000} s after the pushes ended`,
				);
				break;
			}
			await sleep(1000);
		}
		log(
			`caught up ${((Date.now() - emittersEnded) / 1000).toFixed(0)} s after the pushes ended (both polls read past the last object, n8n idle)`,
		);

		// Each poll trigger ran again after the restart (n8n re-registers it at start).
		for (const flow of await pollRanges(own.sandbox.logFile, flows)) {
			const polledAgain = flow.lastPollAt > restart.endedAt;
			const publication = polledAgain ? undefined : await o.publicationStatus(flow.id);
			check(
				polledAgain,
				`${flow.key}: the poll trigger polled again after the restart`,
				() =>
					`last poll ${new Date(flow.lastPollAt).toISOString()}, n8n back at ${new Date(restart.endedAt).toISOString()}; publication ${JSON.stringify(publication)}`,
			);
		}

		// ---- none missing, none twice ----
		for (const flow of flows) {
			const label = flow.key === 'cdrs' ? 'invoicing file' : 'support file';
			const rows = await appendedRows(own.exportFolder, flow);
			const ids = rows.map((r) => r[flow.idColumn]);
			const twice = Object.entries(countBy(ids, (id) => id)).filter(([, n]) => n > 1);
			check(twice.length === 0, `${label}: no id twice`, () => JSON.stringify(twice.slice(0, 5)));
			const sorted = (list) => [...list].sort();
			equal(
				sorted(new Set(ids)),
				sorted(flow.expected),
				`${label}: exactly the sandbox's ids of the period`,
			);
			o.compared(flow.expected.length);
			const bySource = countBy(rows, (r) => r.source);

			// The executions say the same, and the poll trigger emitted each object at most once.
			const executions = await allExecutions(o, flow.id, { includeData: true });
			const statuses = countBy(executions, (e) => e.status);
			check(!statuses.error, `${label}: no execution failed`, () => JSON.stringify(statuses));
			const rowsInExecutions = executions.flatMap((e) => o.nodeOutput(e, flow.rowNode) ?? []);
			equal(
				sorted(rowsInExecutions.map((r) => r[flow.idColumn])),
				sorted(ids),
				`${label}: the rows of the executions are the rows appended to the file`,
			);
			const keyOf =
				flow.key === 'cdrs'
					? (item) => String(item.object.id)
					: (item) =>
							`${item.object.charge_station_id}/${item.object.charge_station_notification_id}`;
			const polled = executions.flatMap((e) => (o.nodeOutput(e, POLL_TRIGGER) ?? []).map(keyOf));
			const polledTwice = Object.entries(countBy(polled, (k) => k)).filter(([, n]) => n > 1);
			check(
				polledTwice.length === 0,
				`${label}: the poll trigger emitted every object at most once`,
				() => JSON.stringify(polledTwice.slice(0, 5)),
			);
			const pushed = executions.flatMap((e) => (o.nodeOutput(e, PUSH_TRIGGER) ?? []).map(keyOf));
			// The pushed objects of the executions n8n finished, for the acknowledged pushes below.
			flow.pushedObjectsRun = executions
				.filter((e) => e.status === 'success')
				.flatMap((e) => (o.nodeOutput(e, PUSH_TRIGGER) ?? []).map((item) => item.object));
			flow.summary = {
				label,
				objects: flow.expected.length,
				bySource,
				pushTriggerItems: pushed.length,
				pollTriggerItems: polled.length,
				executions: statuses,
			};
		}

		// ---- every request n8n sent to this sandbox matches GreenFlux's OpenAPI documents ----
		const print = console.log;
		console.log = () => {};
		let contract;
		try {
			contract = checkLog(
				own.sandbox.logFile,
				path.join(REPO_ROOT, '..', 'shared', 'greenflux-openapi'),
			);
		} finally {
			console.log = print;
		}
		check(contract.ok, 'every request the polls sent matches GreenFlux’s OpenAPI documents', () =>
			(contract.errors ?? []).slice(0, 5).join('; '),
		);

		// ---- the counts ----
		const cdrPushes = report.byEvent['cdr.created'];
		// Notification k of the plan has id 240000 + k; levels cycle Info/Warning/Error 6:2:2 (k % 10 = 4 or 9: Error).
		const errorPushes = report.pushes.filter(
			(p) =>
				p.event === 'notification.received' &&
				[4, 9].includes((Number(p.objectKey.split(':')[1]) - 240000) % 10),
		);
		const acknowledged = (p) => !p.dropped && p.status >= 200 && p.status < 300;
		const lostInRestart = (list) => list.filter((p) => !p.dropped && !acknowledged(p)).length;
		// n8n answers a push 2xx only once it registered the execution, which a graceful restart keeps:
		// every acknowledged CDR push (keyed by its session) and Error push ran to the end.
		const notRun = (pushes, keyOfPush, runKeys) => {
			const ran = new Set(runKeys.map(String));
			return pushes.filter((p) => acknowledged(p) && !ran.has(keyOfPush(p))).map(keyOfPush);
		};
		const cdrPushesNotRun = notRun(
			report.pushes.filter((p) => p.event === 'cdr.created'),
			(p) => p.objectKey,
			cdrFlow.pushedObjectsRun.map((cdr) => cdr.session_id),
		);
		const errorPushesNotRun = notRun(
			errorPushes,
			(p) => p.objectKey.split(':')[1],
			errorFlow.pushedObjectsRun.map((n) => n.charge_station_notification_id),
		);
		check(
			cdrPushesNotRun.length === 0,
			'every CDR push n8n answered 2xx has a finished execution',
			() => `not run: ${cdrPushesNotRun.slice(0, 5).join(', ')} (${cdrPushesNotRun.length})`,
		);
		check(
			errorPushesNotRun.length === 0,
			'every Error notification push n8n answered 2xx has a finished execution',
			() => `not run: ${errorPushesNotRun.slice(0, 5).join(', ')} (${errorPushesNotRun.length})`,
		);
		log(
			`restart: n8n stopped at ${restart.at} (after ${RESTART_AFTER_PUSHES}+ session pushes), back ${restart.seconds.toFixed(1)} s later; pushes it missed meanwhile: ${report.byStatus.error ?? 0} refused connections, ${
				Object.entries(report.byStatus)
					.filter(([s]) => s !== 'error' && !s.startsWith('2'))
					.map(([s, n]) => `${n}× HTTP ${s}`)
					.join(', ') || 'no other answer'
			}`,
		);
		log(
			`CDRs: ${cdrPushes.planned} pushed by GreenFlux, ${cdrPushes.dropped} dropped (${DROP_RATE * 100} %), ${cdrPushes.failed} lost while n8n restarted, ${cdrPushes.accepted} taken by n8n → invoicing file: ${cdrFlow.summary.objects} CDRs, ${cdrFlow.summary.bySource.push ?? 0} by push, ${cdrFlow.summary.bySource.poll ?? 0} by poll, none twice`,
		);
		log(
			`Error notifications: ${errorPushes.length} pushed by GreenFlux (of ${report.byEvent['notification.received'].planned} notifications), ${errorPushes.filter((p) => p.dropped).length} dropped, ${lostInRestart(errorPushes)} lost in the restart → support file: ${errorFlow.summary.objects} errors, ${errorFlow.summary.bySource.push ?? 0} by push, ${errorFlow.summary.bySource.poll ?? 0} by poll, none twice`,
		);
		for (const flow of flows)
			log(
				`${flow.summary.label}: executions ${JSON.stringify(flow.summary.executions)}; push trigger items ${flow.summary.pushTriggerItems}, poll trigger items ${flow.summary.pollTriggerItems} (each object once; Remove Duplicates dropped what came both ways)`,
			);
	} catch (error) {
		log(`n8n log of this scenario: ${own.n8nLog}`);
		throw error;
	} finally {
		await own.stop();
		addStats(ctx.stats, o.stats);
	}
}
