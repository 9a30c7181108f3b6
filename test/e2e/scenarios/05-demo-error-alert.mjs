// Demo "Charge-station error alert": with Error, Info and older notifications added to the sandbox, one
// alert per charge station with exactly the Error notifications GreenFlux returned for the last hour.
import { readFile } from 'node:fs/promises';

export async function run(ctx) {
	const { check, equal, compared, log } = ctx;
	const stations = await ctx.sandbox.control('/__sandbox/chargestations');
	const [a, b, c] = [stations[2], stations[4], stations[6]];
	const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
	await ctx.sandbox.control('/__sandbox/notifications', [
		{
			charge_station_id: a.charge_station_id,
			created: ago(45),
			error_code: 'GroundFailure',
			info: 'Ground fault detected',
		},
		{ charge_station_id: a.charge_station_id, created: ago(12), error_code: 'OverCurrentFailure' },
		{ charge_station_id: a.charge_station_id, created: ago(30), level: 'Info' },
		{ charge_station_id: b.charge_station_id, created: ago(5), error_code: 'PowerSwitchFailure' },
		{ charge_station_id: b.charge_station_id, created: ago(20), level: 'Warning' },
		{
			charge_station_id: c.charge_station_id,
			created: ago(150),
			error_code: 'ConnectorLockFailure',
		},
	]);

	const id = await ctx.importWorkflow(await ctx.demoWorkflow('charge-station-error-alert.json'));
	const logBefore = (await readFile(ctx.sandbox.logFile, 'utf8')).length;
	const result = await ctx.runManually(id);

	// The window the node asked for (last hour), straight from the sandbox's request log.
	const requests = (await readFile(ctx.sandbox.logFile, 'utf8'))
		.slice(logBefore)
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.filter((r) => /^\/api\/1\.0\/chargestationnotifications$/i.test(r.path));
	equal(requests.length, 1, 'one request for the last hour (one window, one page)');
	const { date_from: from, date_to: to } = requests[0].query;
	const span = Date.parse(to) - Date.parse(from);
	check(span >= 3_599_000 && span <= 3_601_000, `the window is one hour (${from} .. ${to})`);

	const all = await ctx.sandbox.control(`/__sandbox/notifications?date_from=${from}&date_to=${to}`);
	equal(
		ctx.nodeOutput(result, 'Get notifications of the last hour').map((n) => n.id),
		all.map((n) => n.id),
		'the node returned every notification of the hour',
	);
	compared(all.length);
	const errors = all.filter((n) => n.level === 'Error');
	equal(
		ctx.nodeOutput(result, 'Only errors').map((n) => n.id),
		errors.map((n) => n.id),
		'Only errors keeps the Error ones',
	);
	check(
		errors.some((n) => n.charge_station_id === a.charge_station_id) &&
			errors.some((n) => n.charge_station_id === b.charge_station_id),
		'the added errors are in the window',
	);
	check(
		!errors.some((n) => n.charge_station_id === c.charge_station_id && n.created < from),
		'the error of 2.5 hours ago is not',
	);

	const byStation = new Map();
	for (const n of errors)
		byStation.set(n.charge_station_id, [...(byStation.get(n.charge_station_id) ?? []), n]);
	const alerts = ctx.nodeOutput(result, 'Alert per station');
	equal(
		alerts.map((x) => x.charge_station_id),
		[...byStation.keys()].sort(),
		'one alert per charge station with errors',
	);
	for (const alert of alerts) {
		const own = byStation
			.get(alert.charge_station_id)
			.sort((x, y) => x.created.localeCompare(y.created));
		equal(
			[alert.errors, alert.first_error, alert.last_error, alert.location_id],
			[own.length, own[0].created, own.at(-1).created, own[0].location_id],
			`alert of ${alert.charge_station_id}`,
		);
		const lines = alert.message.split('\n');
		equal(
			lines[0],
			`Charge station ${alert.charge_station_id}: ${own.length} error${own.length === 1 ? '' : 's'} in the last hour`,
			`alert headline of ${alert.charge_station_id}`,
		);
		equal(lines.length, own.length + 1, `one message line per error of ${alert.charge_station_id}`);
		for (const [i, n] of own.entries()) {
			const payload = JSON.parse(n.charge_station_message_payload);
			check(
				lines[i + 1].includes(n.created) && lines[i + 1].includes(payload.errorCode),
				`message line ${i + 1} of ${alert.charge_station_id} names time and error code`,
				() => lines[i + 1],
			);
		}
	}
	compared(alerts.length);
	log(
		`window ${from} .. ${to}: ${all.length} notifications, ${errors.length} errors → ${alerts.length} alerts:\n        ${alerts.map((x) => x.message.split('\n')[0]).join('\n        ')}`,
	);
}
