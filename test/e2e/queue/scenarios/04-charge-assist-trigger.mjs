// The Charge Assist trigger in queue mode: the e2e scenario 13 as it is, with its production URL on the
// webhook processor; then which worker ran each of its executions.
import { allExecutions } from '../../lib/pushes.mjs';
import { run as chargeAssistTrigger } from '../../scenarios/13-charge-assist-trigger.mjs';
import { formatWorkers } from './02-pushes.mjs';

export async function run(ctx) {
	const before = new Set((await ctx.api('GET', '/workflows')).data.map((w) => w.id));
	await chargeAssistTrigger(ctx);
	const [workflow] = (await ctx.api('GET', '/workflows')).data.filter((w) => !before.has(w.id));
	ctx.check(Boolean(workflow), 'scenario 13 created its workflow');
	const executions = await allExecutions(ctx, workflow.id);
	const ran = await ctx.queue.cluster.whoRan(executions.map((e) => e.id));
	ctx.check(
		ran.nowhere.length === 0 && ran.twice.length === 0,
		'every execution ran on exactly one worker',
		() => JSON.stringify(ran),
	);
	ctx.report(
		`Charge Assist trigger via webhook processor: ${executions.length} executions (one per pushed status of a selected event), per worker ${formatWorkers(ran.perWorker)}`,
	);
}
