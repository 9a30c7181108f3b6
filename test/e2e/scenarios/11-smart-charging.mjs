// The GreenFlux Smart Charging node inside n8n: create a capacity group, set its default algorithm, assign
// charge points (EVSEs of the same CPO that no group holds yet), read the allocation graph; every output
// compared with what the sandbox now holds.
import { chainWorkflow } from '../lib/chain.mjs';

export async function run(ctx) {
	const { check, equal, sameItems, log } = ctx;
	const cpo = 'NLGFXDEMO';
	const groups = await ctx.sandbox.control('/__sandbox/smartcharging/capacitygroups');
	const taken = new Set(groups.flatMap((g) => (g.evses ?? []).map((e) => e.uid)));
	const stations = await ctx.sandbox.control('/__sandbox/chargestations');
	const free = stations
		.filter((s) => s.cpo_id === cpo)
		.flatMap((s) => s.evses.map((e) => e.uid))
		.filter((uid) => !taken.has(uid))
		.slice(0, 3);
	check(free.length === 3, `three EVSEs of ${cpo} are in no capacity group (${free.join(', ')})`);

	const anchor = Date.parse(ctx.sandbox.anchor);
	const range = {
		from: new Date(anchor - 2 * 86_400_000).toISOString().slice(0, 19) + 'Z',
		to: new Date(anchor - 86_400_000).toISOString().slice(0, 19) + 'Z',
	};
	const group = { __rl: true, mode: 'id', value: "={{ $('Create group').item.json.id }}" };
	const sc = (name, parameters) => ({ name, node: 'greenFluxSmartCharging', parameters });
	const name = `E2E depot ${Date.now().toString(36)}`;
	const workflow = chainWorkflow('e2e: GreenFlux Smart Charging', [
		sc('Create group', {
			resource: 'capacityGroup',
			operation: 'create',
			name,
			cpoExternalId: { __rl: true, mode: 'id', value: cpo },
			additionalFields: { algorithm: 'CAPACITYMANAGEMENTDEFAULT' },
		}),
		sc('Set default algorithm', {
			resource: 'defaultAlgorithm',
			operation: 'updateSettings',
			capacityGroupId: group,
			updateFields: {
				defaultGroupCapacityAmps: 80,
				minAllocationAmps: 8,
				sessionStartedDuration: '00:10:00',
			},
		}),
		sc('Assign charge points', {
			resource: 'capacityGroupEvse',
			operation: 'replaceChargePoints',
			capacityGroupId: group,
			evseSource: 'list',
			evseUids: free.join(', '),
		}),
		sc('Read settings', {
			resource: 'defaultAlgorithm',
			operation: 'getSettings',
			capacityGroupId: group,
		}),
		sc('Allocation graph', {
			resource: 'defaultAlgorithm',
			operation: 'getAllocationGraph',
			capacityGroupId: group,
			dateFrom: range.from,
			dateTo: range.to,
			returnAll: true,
		}),
	]);
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the Smart Charging workflow has no editor issues', () =>
		problems.join('; '),
	);

	const id = await ctx.importWorkflow(workflow);
	const result = await ctx.runManually(id);
	const output = (node) => ctx.nodeOutput(result, node);

	const [created] = output('Create group');
	check(
		typeof created?.id === 'string' && created.id !== '',
		`Create answers { id } (${created?.id})`,
	);
	const stored = (await ctx.sandbox.control('/__sandbox/smartcharging/capacitygroups')).find(
		(g) => g.id === created.id,
	);
	check(stored, 'the sandbox holds the new capacity group');
	equal([stored.name, stored.cpo_external_id], [name, cpo], 'group name and CPO as sent');
	equal(
		(stored.evses ?? []).map((e) => e.uid).sort(),
		[...free].sort(),
		'Replace Charge Points assigned exactly the three EVSEs',
	);
	const [settings] = output('Read settings');
	equal(
		[
			settings.default_group_capacity_amps,
			settings.min_allocation_amps,
			settings.session_started_duration,
		],
		[80, 8, '00:10:00'],
		'Default Algorithm › Get Settings shows what Update Settings sent',
	);
	const graph = await ctx.sandbox.control(
		`/__sandbox/smartcharging/capacitygroups/${created.id}/allocationgraph?date_from=${range.from}&date_to=${range.to}`,
	);
	check(graph.length > 0, `the allocation graph has entries (${graph.length})`);
	sameItems(
		output('Allocation graph'),
		graph,
		'Default Algorithm › Get Allocation Graph = the sandbox graph',
	);
	log(
		`capacity group "${name}" (${created.id}) with ${free.length} EVSEs, default algorithm 80 A / min 8 A; allocation graph ${range.from}..${range.to}: ${graph.length} entries`,
	);
}
