// The poll trigger published in 01 polls once per interval for the whole setup, not once per n8n process:
// its sandbox's request log (nothing else talks to that sandbox) shows one poll at publishing and then
// one per minute, and the backfill from Start From started exactly one execution, on a worker, with each
// of the sandbox's CDRs since then once.
import { readFile } from 'node:fs/promises';

import { sleep } from '../../../../scripts/lib/greenflux-demo.mjs';
import { allExecutions } from '../../lib/pushes.mjs';

const MIN_MINUTES = 2;

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const poll = ctx.shared.poll;
	check(Boolean(poll), 'the poll workflow was published by 01-poll-publish');
	const waitMs = poll.publishedAt + MIN_MINUTES * 60_000 + 5_000 - Date.now();
	if (waitMs > 0) {
		log(
			`waiting ${(waitMs / 1000).toFixed(0)}s until the poll trigger has been published ${MIN_MINUTES} minutes`,
		);
		await sleep(waitMs);
	}
	const checkedAt = Date.now();
	const requests = (await readFile(ctx.queue.pollSandbox.logFile, 'utf8'))
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.filter((r) => !r.path.startsWith('/__sandbox'));
	// Every poll is one request here (everything fits one page). The poll at publishing asks for the
	// backfill from Start From; each scheduled poll continues from the last one's end.
	const startFrom = poll.startFrom.replace(/\.\d{3}Z$/, 'Z');
	const polls = requests.map((r) => ({ at: Date.parse(r.ts), from: r.query.date_from }));
	const [first, ...scheduled] = polls;
	const minutes = (checkedAt - poll.publishedAt) / 60_000;
	check(
		first?.from === startFrom && scheduled.every((p) => p.from !== startFrom),
		'one backfill poll (from Start From), when the workflow was published',
		() => JSON.stringify(polls),
	);
	// One scheduled poll per whole minute passed (the minute's tick may fall either side).
	check(
		scheduled.length >= Math.floor(minutes) - 1 && scheduled.length <= Math.ceil(minutes),
		`${scheduled.length} scheduled polls in ${minutes.toFixed(2)} minutes: one per minute, not one per process`,
		() => JSON.stringify(polls),
	);
	const gaps = scheduled.slice(1).map((p, i) => (p.at - scheduled[i].at) / 1000);
	check(
		gaps.every((s) => s > 50 && s < 70),
		'scheduled polls are a minute apart (a second poller would add one seconds away)',
		() => gaps.join(', '),
	);

	const executions = await allExecutions(ctx, poll.id, { includeData: true });
	equal(
		executions.length,
		1,
		'the backfill started exactly one execution (later polls found nothing new)',
	);
	const ran = await ctx.queue.cluster.whoRan(executions.map((e) => e.id));
	check(ran.nowhere.length === 0, 'the poll execution ran on a worker');
	const items = ctx.nodeOutput(executions[0], poll.nodeName);
	const ids = items.map((item) => item.object.id);
	equal(new Set(ids).size, ids.length, 'no CDR emitted twice');
	const cdrs = await fetch(
		`${ctx.queue.pollSandbox.url}/__sandbox/cdrs?date_from=${poll.startFrom}&date_to=${new Date().toISOString()}`,
	).then((r) => r.json());
	equal(
		[...ids].sort(),
		cdrs.map((c) => c.id).sort(),
		"the backfill = the sandbox's CDRs since Start From",
	);
	ctx.compared(ids.length);
	log(
		`${polls.length} polls in ${minutes.toFixed(1)} min (${polls.map((p) => new Date(p.at).toISOString().slice(11, 19)).join(', ')}); backfill ${ids.length} CDRs in execution ${executions[0].id}`,
	);
	ctx.report(
		`poll trigger: ${polls.length} polls in ${minutes.toFixed(1)} minutes with 4 n8n processes (1 backfill at publishing + ${scheduled.length} scheduled, one per minute), 1 execution (${ids.length} CDRs) by ${ran.byId.get(String(executions[0].id))}`,
	);
}
