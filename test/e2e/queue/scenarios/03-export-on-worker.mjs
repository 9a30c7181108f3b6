// The GreenFlux node's Return All and its export to a file, run on a worker: a manual run (queue mode
// sends it to a worker: OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS) of CDR › Get Many (API 2.0, Return All,
// several pages) twice side by side, once as items and once with Output → CSV File. The file is binary
// data in the database (n8n's binary data mode in queue mode), written by the worker and downloaded here
// from main (GET /rest/binary-data): its rows are exactly the sandbox's CDRs of the period.
import { parseCsv } from '../../lib/csv.mjs';
import { formatWorkers } from './02-pushes.mjs';

export async function run(ctx) {
	const { check, equal, log } = ctx;
	const day = 24 * 3600_000;
	const anchor = Date.parse(ctx.sandbox.anchor);
	const from = new Date(anchor - 12 * day).toISOString();
	const to = new Date(anchor - 5 * day).toISOString();
	const cdrList = (output) => ({
		resource: 'cdr',
		operation: 'getAll',
		apiVersion: '2.0',
		returnAll: true,
		dateFrom: from,
		dateTo: to,
		...(output ? { output } : {}),
	});
	const credentials = {
		greenFluxPlatformApi: { id: null, name: 'GreenFlux Platform API account' },
	};
	const node = (name, type, parameters, x, y, extra = {}) => ({
		parameters,
		id: `e2eq0300-0000-4000-8000-00000000000${x}${y}`,
		name,
		type,
		typeVersion: 1,
		position: [x * 220, y * 200],
		...extra,
	});
	const greenFlux = `${ctx.packageName}.greenFlux`;
	const workflow = {
		name: 'queue e2e: CDRs Return All, as items and as a CSV file',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', {}, 1, 0),
			node('CDRs', greenFlux, cdrList(), 2, 0, { credentials }),
			node('CDR file', greenFlux, cdrList('csv'), 2, 1, { credentials }),
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'CDRs', type: 'main', index: 0 },
						{ node: 'CDR file', type: 'main', index: 0 },
					],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the export workflow has no editor issues', () =>
		problems.join('; '),
	);
	const id = await ctx.importWorkflow(workflow);
	const execution = await ctx.runManually(id, { timeoutMs: 180_000 });

	const ran = await ctx.queue.cluster.whoRan([execution.id]);
	const worker = ran.byId.get(String(execution.id));
	check(Boolean(worker), `execution ${execution.id} ran on a worker (its log)`);
	const cdrs = await ctx.sandbox.control(`/__sandbox/cdrs?date_from=${from}&date_to=${to}`);
	check(cdrs.length > 100, `the period holds several pages of CDRs (${cdrs.length})`);
	const items = ctx.nodeOutput(execution, 'CDRs');
	equal(
		items.map((c) => c.id),
		cdrs.map((c) => c.id),
		'Return All on the worker: every CDR of the period, in order',
	);

	const [fileItem] = execution.data.resultData.runData['CDR file'][0].data.main[0];
	equal(
		[fileItem.json.format, fileItem.json.rows],
		['csv', cdrs.length],
		'Output → CSV File: one item saying a CSV of a row per CDR',
	);
	const binary = fileItem.binary?.data;
	check(Boolean(binary?.id), 'the CSV is binary data with an id', () => JSON.stringify(binary));
	check(
		String(binary.id).startsWith('database:'),
		'the file is stored in the database (readable by every process)',
		() => binary.id,
	);
	const response = await fetch(
		`${ctx.n8n.url}/rest/binary-data?${new URLSearchParams({ id: binary.id, action: 'download' })}`,
		{ headers: { cookie: ctx.n8n.cookie } },
	);
	const text = await response.text();
	equal(response.status, 200, 'main serves the file a worker wrote (GET /rest/binary-data)');
	const { rows } = parseCsv(text);
	equal(
		rows.map((row) => row.id),
		cdrs.map((c) => c.id),
		'the CSV downloaded from main has one row per CDR, in order',
	);
	ctx.compared(rows.length + items.length);
	log(
		`execution ${execution.id} on ${worker}: ${items.length} CDRs (Return All, API 2.0); ${binary.fileName} (${binary.fileSize}, ${binary.id.split(':')[0]}) read from main: ${rows.length} rows`,
	);
	ctx.report(
		`Return All + CSV File output on a worker: execution ${execution.id} by ${worker}, ${items.length} CDRs, CSV of ${rows.length} rows downloaded from main (${formatWorkers({ [worker]: 1 })})`,
	);
}
