// The GreenFlux node inside n8n: one workflow (test/e2e/workflows/greenflux-read-operations.json) with
// offset, cursor and per-station pagination, Simplify, a resource locator and a filtered date-windowed
// list, run like the editor's "Execute workflow"; every output compared with the sandbox's own data.
export async function run(ctx) {
	const { check, equal, sameItems, compared, log } = ctx;
	const anchor = Date.parse(ctx.sandbox.anchor);
	const day = 86_400_000;
	const iso = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

	const cdrRange = { from: iso(anchor - 12 * day), to: iso(anchor - 5 * day) };
	const stations = await ctx.sandbox.control('/__sandbox/chargestations');
	const station = stations[1];
	// The sandbox's first station has a burst of notifications 20 days before the anchor (120 of them Error).
	const noisy = stations[0];
	const burst = { from: iso(anchor - 20 * day), to: iso(anchor - 19 * day) };

	const workflow = await ctx.fixtureWorkflow('greenflux-read-operations.json');
	const set = (name, parameters) =>
		Object.assign(workflow.nodes.find((n) => n.name === name).parameters, parameters);
	for (const name of ['CDRs v1', 'CDRs v2', 'CDRs simplified'])
		set(name, { dateFrom: cdrRange.from, dateTo: cdrRange.to });
	set('Charge station', {
		chargeStationId: { __rl: true, mode: 'id', value: station.charge_station_id },
	});
	set('Station errors', {
		chargeStationId: noisy.charge_station_id,
		dateFrom: burst.from,
		dateTo: burst.to,
	});
	const problems = ctx.editorProblems(workflow);
	check(problems.length === 0, 'the fixture workflow has no editor issues', () =>
		problems.join('; '),
	);

	const id = await ctx.importWorkflow(workflow);
	const result = await ctx.runManually(id);
	const output = (name) => ctx.nodeOutput(result, name);

	// Locations v1 (offset pagination over all locations).
	const locations = await ctx.sandbox.control('/__sandbox/locations');
	sameItems(output('Locations v1'), locations, 'Locations v1 › Get Many = the sandbox locations');

	// CDRs, API 1.0 (offset) and 2.0 (continuation token): the same CDRs, in the sandbox's order.
	const cdrs = await ctx.sandbox.control(
		`/__sandbox/cdrs?date_from=${cdrRange.from}&date_to=${cdrRange.to}`,
	);
	check(cdrs.length > 100, `the CDR range holds enough CDRs to page (${cdrs.length})`);
	sameItems(output('CDRs v1'), cdrs, `CDR › Get Many (API 1.0) ${cdrRange.from}..${cdrRange.to}`);
	sameItems(output('CDRs v2'), cdrs, 'CDR › Get Many (API 2.0)');

	// Simplify + Limit: the first 25, flat rows.
	const simplified = output('CDRs simplified');
	equal(simplified.length, 25, 'CDR › Get Many with Limit 25 returns 25 items');
	equal(
		simplified.map((c) => c.id),
		cdrs.slice(0, 25).map((c) => c.id),
		'simplified CDRs are the first 25 of the range',
	);
	for (const [i, row] of simplified.entries()) {
		const cdr = cdrs[i];
		equal(
			[
				row.energy_kwh,
				row.retail_cost_excl_vat,
				row.customer_external_id,
				row.evse_uid,
				row.location_city,
			],
			[
				cdr.total_energy,
				cdr.total_retail_cost,
				cdr.customer_external_id,
				cdr.location.evses[0].uid,
				cdr.location.city,
			],
			`simplified CDR ${cdr.id}`,
		);
		check(
			Object.values(row).every((v) => v === null || typeof v !== 'object'),
			`simplified CDR ${cdr.id} is flat`,
		);
	}
	compared(simplified.length);

	// Charge station by ID (resource locator in "By ID" mode).
	const [got] = output('Charge station');
	equal(
		[got.charge_station_id, got.location_id, got.evses.map((e) => e.uid)],
		[station.charge_station_id, station.location_id, station.evses.map((e) => e.uid)],
		`Charge Station › Get ${station.charge_station_id}`,
	);
	compared(1);

	// Notifications of one station, level Error, over a day: more than one page of 100 (cursor paging).
	const expected = (
		await ctx.sandbox.control(
			`/__sandbox/notifications?level=Error&date_from=${burst.from}&date_to=${burst.to}`,
		)
	).filter((n) => n.charge_station_id === noisy.charge_station_id);
	check(
		expected.length > 100,
		`the burst day has more Error notifications than one page (${expected.length})`,
	);
	sameItems(
		output('Station errors'),
		expected,
		`Charge Station Notification › Get Many for Station ${noisy.charge_station_id}, level Error`,
	);

	log(
		`workflow "${workflow.name}": ${output('Locations v1').length} locations, ${cdrs.length} CDRs twice (API 1.0 and 2.0), 25 simplified CDRs, ` +
			`charge station ${station.charge_station_id}, ${expected.length} Error notifications of ${noisy.charge_station_id}`,
	);
}
