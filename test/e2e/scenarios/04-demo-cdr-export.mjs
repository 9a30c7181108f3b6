// Demo "Monthly CDR export for invoicing", run headless with `n8n execute --id`: the CDR file has one row
// per sandbox CDR of last month (Europe/Amsterdam, the workflow's time zone), and the totals file one row per
// customer and currency with the right counts and sums.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { REPO_ROOT, withExportFolder } from '../../../scripts/lib/greenflux-demo.mjs';
import { parseCsv } from '../lib/csv.mjs';

const { DateTime } = createRequire(path.join(REPO_ROOT, 'package.json'))('luxon');

export async function run(ctx) {
	const { check, equal, sameItems, compared, log } = ctx;
	const template = await ctx.demoWorkflow('monthly-cdr-export.json');
	const zone = template.settings.timezone;
	check(zone === 'Europe/Amsterdam', `the export runs in the workflow's time zone (${zone})`);
	const id = await ctx.importWorkflow(withExportFolder(template, ctx.exportFolder));

	const startedAt = DateTime.now().setZone(zone);
	const result = await ctx.runWithCli(id);
	const settings = ctx.nodeOutput(result, 'Export settings')[0];

	// The period: last calendar month in the workflow's time zone.
	const month = startedAt.minus({ months: 1 }).startOf('month');
	equal(settings.period, month.toFormat('yyyy-MM'), 'period = last month');
	const from = DateTime.fromISO(settings.periodStart).toUTC();
	const to = DateTime.fromISO(settings.periodEnd).toUTC();
	equal(
		[from.toMillis(), to.toMillis()],
		[month.toMillis(), month.plus({ months: 1 }).toMillis()],
		`period ${settings.periodStart} .. ${settings.periodEnd}`,
	);
	const q = (d) => d.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

	// What the node asked GreenFlux for.
	const requests = (await readFile(ctx.sandbox.logFile, 'utf8'))
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.filter((r) => /^\/api\/2\.0\/cdrs$/i.test(r.path) && r.query.date_from);
	check(
		requests.some((r) => r.query.date_from === q(from) && r.query.date_to === q(to)),
		`GreenFlux asked for CDRs ${q(from)} .. ${q(to)}`,
		() => JSON.stringify(requests.map((r) => r.query)),
	);

	const cdrs = await ctx.sandbox.control(`/__sandbox/cdrs?date_from=${q(from)}&date_to=${q(to)}`);
	check(cdrs.length > 0, `the sandbox has CDRs last month (${cdrs.length})`);

	// The node wrote the file itself (Output → CSV File): one item that says what the file holds.
	const [exported] = ctx.nodeOutput(result, 'Get CDRs of last month');
	equal(
		[exported.format, exported.rows],
		['csv', cdrs.length],
		'the GreenFlux node returned one CSV file item with a row per CDR',
	);

	// One row per CDR.
	const cdrFile = path.join(ctx.exportFolder, `greenflux-cdrs-${settings.period}.csv`);
	equal(ctx.nodeOutput(result, 'Write CDR file')[0].fileName, cdrFile, 'CDR file name');
	const { header, rows } = parseCsv(await readFile(cdrFile, 'utf8'));
	equal(
		rows.length,
		cdrs.length,
		`${path.basename(cdrFile)}: one row per sandbox CDR of ${settings.period}`,
	);
	for (const column of [
		'id',
		'start_date_time',
		'stop_date_time',
		'energy_kwh',
		'retail_cost_excl_vat',
		'customer_external_id',
		'location_name',
		'evse_uid',
	]) {
		check(header.includes(column), `CDR file has column ${column}`);
	}
	sameItems(
		rows.map((r) => [
			r.id,
			r.stop_date_time,
			Number(r.energy_kwh),
			Number(r.retail_cost_excl_vat),
			Number(r.retail_cost_incl_vat),
			r.customer_external_id,
			r.evse_uid,
		]),
		cdrs.map((c) => [
			c.id,
			c.stop_date_time,
			c.total_energy,
			c.total_retail_cost,
			c.total_retail_cost_incl_vat,
			c.customer_external_id,
			c.location.evses[0].uid,
		]),
		'CDR rows = sandbox CDRs (id, stop, energy, retail cost, customer, EVSE)',
	);

	// Totals per customer and currency.
	const totalsFile = path.join(ctx.exportFolder, `greenflux-cdr-totals-${settings.period}.csv`);
	const totals = parseCsv(await readFile(totalsFile, 'utf8')).rows;
	const expected = new Map();
	for (const cdr of cdrs) {
		const key = `${cdr.customer_external_id}|${cdr.retail_currency}`;
		const sum = expected.get(key) ?? { cdrs: 0, energy: 0, excl: 0, incl: 0 };
		expected.set(key, {
			cdrs: sum.cdrs + 1,
			energy: sum.energy + cdr.total_energy,
			excl: sum.excl + cdr.total_retail_cost,
			incl: sum.incl + cdr.total_retail_cost_incl_vat,
		});
	}
	equal(
		totals.length,
		expected.size,
		`${path.basename(totalsFile)}: one row per customer and currency (${expected.size})`,
	);
	const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;
	for (const row of totals) {
		const sum = expected.get(`${row.customer_external_id}|${row.currency}`);
		check(
			sum !== undefined,
			`totals row for ${row.customer_external_id} ${row.currency} belongs to a sandbox customer`,
		);
		equal(
			[
				row.period,
				Number(row.cdrs),
				Number(row.energy_kwh),
				Number(row.retail_cost_excl_vat),
				Number(row.retail_cost_incl_vat),
			],
			[settings.period, sum.cdrs, round(sum.energy, 3), round(sum.excl, 2), round(sum.incl, 2)],
			`totals of ${row.customer_external_id}`,
		);
	}
	compared(totals.length);
	log(
		`${path.basename(cdrFile)}: ${rows.length} rows = ${cdrs.length} sandbox CDRs of ${settings.period}; ${path.basename(totalsFile)}: ${totals.length} customers`,
	);
}
