// GreenFlux Trigger with an event selection and notification filters, in a PUBLISHED workflow
// (test/e2e/workflows/trigger-filtered.json: events session.completed, evse.status_changed and
// notification.received; notifications of level Error or Info with action StatusNotification or Heartbeat).
// The sandbox push emitter sends every kind of push to its production URLs: 20 sessions and 100 notifications
// with several pushes in flight, then 20 locations one push after the other. Every push is acknowledged
// (200), but executions start ONLY for the selected events and filters: exactly as many as the pushes that
// pass, each with the pushed object.
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
} from '../lib/pushes.mjs';

const CONCURRENCY = 6;
const SESSIONS_AND_NOTIFICATIONS = { sessions: 20, locations: 0, notifications: 100 };
const LOCATIONS = { sessions: 0, locations: 20, notifications: 0 };

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const workflow = await ctx.fixtureWorkflow('trigger-filtered.json');
	const [trigger] = workflow.nodes;
	const { events, notificationFilters } = trigger.parameters;
	const levels = notificationFilters.levels.map((level) => level.toLowerCase());
	const actions = notificationFilters.messageActions
		.split(',')
		.map((action) => action.trim().toLowerCase());
	// What the trigger must let through, written out independently of the node's code.
	const selected = (push) =>
		events.includes(push.event) &&
		(push.event !== 'notification.received' ||
			(levels.includes(String(push.body.level).toLowerCase()) &&
				actions.includes(String(push.body.message_action).toLowerCase())));

	const base = ctx.webhookUrl(trigger.webhookId);
	const reports = await mkdtemp(path.join(ctx.tmpDir, 'pushes-filtered-'));
	const id = await ctx.importWorkflow(workflow);
	await ctx.publish(id);
	try {
		const listening = await waitUntilListening(base);
		log(
			`published workflow ${id} (events ${events.join(', ')}; levels ${notificationFilters.levels.join('/')}, actions "${notificationFilters.messageActions}"); listening after ${listening.toFixed(1)}s`,
		);

		const runs = [];
		for (const [name, load, concurrency] of [
			['sessions and notifications', SESSIONS_AND_NOTIFICATIONS, CONCURRENCY],
			['locations, one push after the other', LOCATIONS, 1],
		]) {
			const plan = await planPushes(load);
			const sent = await emitPushes({
				...load,
				webhookBase: base,
				token: ctx.pushToken,
				concurrency,
				reportFile: path.join(reports, `${runs.length}.json`),
			});
			equal(sent.code, 0, `${name}: every push answered 2xx`);
			equal(
				sent.report.pushes.map((r) => [r.event, r.method, r.url]),
				plan.map((p) => [p.event, p.method, `${base}/${p.module}${p.suffix}`]),
				`${name}: the emitter sent the rebuilt plan`,
			);
			equal(
				sent.report.pushes.map((r) => [r.status, r.ocpiStatus]),
				plan.map(() => [200, 1000]),
				`${name}: every push answered 200 + OCPI 1000, pushes of unselected events too`,
			);
			runs.push({ name, plan, sent, expected: expectations(plan, { select: selected }) });
			log(
				`${name}: ${plan.length} pushes at concurrency ${concurrency} in ${sent.seconds.toFixed(1)}s: ${JSON.stringify(byEvent(countBy(plan, (p) => p.event)))}`,
			);
		}

		const expected = runs.flatMap((r) => r.expected);
		const pushed = runs.reduce((sum, r) => sum + r.plan.length, 0);
		const notifications = runs[0].plan.filter((p) => p.module === 'notifications');
		const passing = notifications.filter(selected);
		check(
			passing.length > 0 &&
				passing.length < notifications.length &&
				passing.some((p) => p.body.level === 'Info') &&
				passing.some((p) => p.body.level === 'Error'),
			`the filters keep some notifications (${passing.length} of ${notifications.length}, Info and Error) and drop others`,
		);
		log(
			`notifications pushed by level/action: ${JSON.stringify(countBy(notifications, (p) => `${p.body.level}/${p.body.message_action}`))}; passing the filters: ${passing.length}`,
		);

		const settled = await settleExecutions(ctx, id, expected.length);
		const executions = await allExecutions(ctx, id, { includeData: true });
		equal(
			executions.length,
			expected.length,
			`${pushed} pushes → ${expected.length} executions: only the selected events and filters`,
		);
		const result = checkExecutions(ctx, executions, trigger.name, expected, 'filtered');
		const onlySelected = Object.keys(result.perEvent).every((event) => events.includes(event));
		check(
			onlySelected,
			'no execution for an unselected event (session.started/updated, cdr.created, location.created)',
			() => JSON.stringify(result.perEvent),
		);
		log(
			`executions per event: ${JSON.stringify(result.perEvent)} (settled ${settled.seconds.toFixed(1)}s after the last answer)`,
		);
		log(
			`previousStatus, locations pushed one after the other: ${result.previousRight}/${result.previousTotal} as expected` +
				`${result.previousDiffering.length ? `; differing (the previous push started an execution, and n8n did not keep its change of the trigger's static data): ${result.previousDiffering.slice(0, 6).join('; ')}${result.previousDiffering.length > 6 ? '; …' : ''}` : ''}`,
		);

		const text = JSON.stringify(executions);
		check(
			!text.includes(ctx.pushToken) && !/authorization/i.test(text),
			'neither the push token nor an Authorization header in the stored executions',
		);
	} finally {
		await ctx.unpublish(id);
	}
}
