// GreenFlux Poll Trigger, published first and checked last (06-poll-once.mjs), so that it polls for the
// whole run: every minute, new CDRs with a backfill from one day before the sandbox's anchor. It talks to a
// sandbox of its own (credential "GreenFlux Platform API (poll sandbox)"), whose request log then holds
// exactly the polls — whichever n8n process makes them.
import { POLL_CREDENTIAL } from '../run.mjs';

export async function run(ctx) {
	const startFrom = new Date(Date.parse(ctx.sandbox.anchor) - 24 * 3600_000).toISOString();
	const workflow = {
		name: 'queue e2e: GreenFlux Poll Trigger every minute',
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'cdr.created',
					options: { startFrom, maxItems: 10000 },
				},
				id: 'e2eq0100-0000-4000-8000-000000000001',
				name: 'GreenFlux Poll Trigger',
				type: `${ctx.packageName}.greenFluxPollTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials: {
					greenFluxPlatformApi: { id: null, name: POLL_CREDENTIAL.name },
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const id = await ctx.importWorkflow(workflow);
	const publishedAt = Date.now();
	await ctx.publish(id);
	ctx.shared.poll = { id, publishedAt, startFrom, nodeName: 'GreenFlux Poll Trigger' };
	ctx.log(
		`published poll workflow ${id} (every minute, CDRs since ${startFrom}); checked in 06-poll-once`,
	);
}
