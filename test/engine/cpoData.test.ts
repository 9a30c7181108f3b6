import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { simplifyCdr } from '../../nodes/GreenFlux/simplify/cdr';
import type { LoggedRequest } from '../sandbox/requestLog';
import type { Json } from '../sandbox/seed';
import { BURST, meterValuesOf, notificationsOf, sessionsOf } from '../sandbox/seeds/cpoData';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { ANCHOR, KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox();
const HOUR = 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const daysBefore = (days: number, from = ANCHOR) => iso(Date.parse(from) - days * 24 * HOUR);
const between = (list: Json[], field: string, from: string, to: string) =>
	list.filter(
		(x) =>
			Date.parse(String(x[field])) >= Date.parse(from) &&
			Date.parse(String(x[field])) < Date.parse(to),
	);

/** The distinct [date_from, date_to) windows the node asked for, in request order. */
function windowsOf(requests: LoggedRequest[]): Array<{ from: string; to: string }> {
	const windows: Array<{ from: string; to: string }> = [];
	for (const r of requests) {
		const last = windows[windows.length - 1];
		if (!last || last.from !== r.query.date_from || last.to !== r.query.date_to)
			windows.push({ from: r.query.date_from, to: r.query.date_to });
	}
	return windows;
}

/** Every request carries a window under 72 h; the windows follow each other without gap or overlap and cover [from, to). */
function expectWindowsCover(requests: LoggedRequest[], from: string, to: string) {
	expect(requests.every((r) => r.query.date_from && r.query.date_to)).toBe(true);
	for (const r of requests) {
		const span = Date.parse(r.query.date_to) - Date.parse(r.query.date_from);
		expect(span).toBeGreaterThan(0);
		expect(span).toBeLessThan(72 * HOUR);
	}
	const windows = windowsOf(requests);
	expect(windows[0].from).toBe(from);
	expect(windows[windows.length - 1].to).toBe(to);
	windows.slice(1).forEach((w, i) => expect(w.from).toBe(windows[i].to));
	return windows;
}

const noDuplicates = (items: Json[], key: string) =>
	expect(new Set(items.map((i) => i[key])).size).toBe(items.length);

describe('Charge Station Notification › Get Many', () => {
	const base = { resource: 'chargeStationNotification', operation: 'getAll' };

	it('a 10-day range is fetched in windows under 72 h and returns exactly the sandbox notifications, in order', async () => {
		const from = '2026-09-01T00:00:00Z';
		const to = '2026-09-11T00:00:00Z';
		const expected = between(notificationsOf(sandbox().state), 'created', from, to);
		expect(expected.length).toBeGreaterThan(4000);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: from,
			dateTo: to,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.length).toBeGreaterThanOrEqual(4);
		expect(expectWindowsCover(run.requests, from, to)).toHaveLength(4);
		expect(
			run.requests.every(
				(r) => r.path === '/api/1.0/chargestationnotifications' && r.ocpiStatus === 1000,
			),
		).toBe(true);
		expect(run.requests.every((r) => r.query.limit === '100000' && r.query.offset === '0')).toBe(
			true,
		);
		expect(run.json.map((n) => n.id)).toEqual(expected.map((n) => n.id));
		noDuplicates(run.json, 'id');
		expect(run.json[0]).toEqual(expected[0]);
		expect(run.json[run.json.length - 1]).toEqual(expected[expected.length - 1]);
		// GreenFlux's deprecated duplicates are passed through untouched.
		expect(Object.keys(run.json[0])).toEqual(
			expect.arrayContaining([
				'MessageAction',
				'charge_location_id',
				'id',
				'location_id',
				'message_action',
			]),
		);
	});

	it('Limit = 3 makes exactly one request, with the smallest limit GreenFlux accepts (10,000)', async () => {
		const from = daysBefore(10);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: false,
			limit: 3,
			dateFrom: from,
			dateTo: ANCHOR,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('10000');
		expect(run.json).toEqual(
			between(notificationsOf(sandbox().state), 'created', from, ANCHOR).slice(0, 3),
		);
	});

	it('the Message Action filter is sent as message_action and only those notifications come back', async () => {
		const from = daysBefore(4);
		const expected = between(notificationsOf(sandbox().state), 'created', from, ANCHOR).filter(
			(n) => n.message_action === 'BootNotification',
		);
		expect(expected.length).toBeGreaterThan(0);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: from,
			dateTo: ANCHOR,
			filters: { messageAction: 'BootNotification' },
		});
		expect(run.requests).toHaveLength(2);
		expect(run.requests.every((r) => r.query.message_action === 'BootNotification')).toBe(true);
		expect(run.json).toEqual(expected);
	});

	it('an empty Date To means now: the windows run up to the moment of the run', async () => {
		const from = iso(Date.now() - 5 * 24 * HOUR);
		const before = Date.now();
		const run = await runGreenFlux(sandbox(), { ...base, returnAll: true, dateFrom: from });
		expect(run.error).toBeUndefined();
		const windows = windowsOf(run.requests);
		expect(windows).toHaveLength(2);
		expect(windows[0].from).toBe(from);
		expect(windows[1].from).toBe(windows[0].to);
		const end = Date.parse(windows[1].to);
		expect(end).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(end).toBeLessThanOrEqual(Date.now());
	});

	it.each([
		[{ dateFrom: '={{ $json.notThere }}', dateTo: ANCHOR }, /^Date From: is required$/],
		[
			{ dateFrom: '2026-09-05T00:00:00Z', dateTo: '2026-09-01T00:00:00Z' },
			/^Date From must be before Date To$/,
		],
		[
			{ dateFrom: '2026-09-01T00:00:00Z', dateTo: '2026-09-01T00:00:00Z' },
			/^Date From must be before Date To$/,
		],
		[{ dateFrom: '2999-01-01T00:00:00Z' }, /^Date From must be in the past when Date To is empty$/],
		[{ dateFrom: 'last tuesday', dateTo: ANCHOR }, /^Date From: "last tuesday" is not a date/],
	])('bad input %j fails before any request', async (dates, message) => {
		const run = await runGreenFlux(sandbox(), { ...base, returnAll: true, ...dates });
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(run.requests).toHaveLength(0);
	});

	it('a subscription without the module gets a clear 403 message', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{ ...base, returnAll: true, dateFrom: daysBefore(1), dateTo: ANCHOR },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The Charge Station Notifications module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect(run.requests).toHaveLength(1);
	});
});

describe('Charge Station Notification › Get Many for Station', () => {
	const base = { resource: 'chargeStationNotification', operation: 'getAllForStation' };
	const noisy = () => sandbox().state.seed.chargeStations[BURST.stationIndex];
	const burstDay = daysBefore(BURST.daysBeforeAnchor);

	it('follows the continuationToken links page by page, and splits a 5-day range into windows under 72 h', async () => {
		const stationId = String(noisy().charge_station_id);
		const from = daysBefore(BURST.daysBeforeAnchor + 2);
		const to = daysBefore(BURST.daysBeforeAnchor - 3);
		const expected = between(notificationsOf(sandbox().state), 'created', from, to).filter(
			(n) => n.charge_station_id === stationId,
		);
		expect(expected.length).toBeGreaterThan(BURST.count);
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: stationId,
			returnAll: true,
			dateFrom: from,
			dateTo: to,
		});
		expect(run.error).toBeUndefined();
		const windows = expectWindowsCover(run.requests, from, to);
		expect(windows).toHaveLength(2);
		expect(
			run.requests.every(
				(r) =>
					r.path === `/api/1.0/chargestationnotifications/${stationId}` && r.query.limit === '100',
			),
		).toBe(true);
		// Each window starts without a token; the pages after it carry the token from the Link header.
		const firstOfWindow = run.requests.filter(
			(r, i) => i === 0 || r.query.date_from !== run.requests[i - 1].query.date_from,
		);
		expect(firstOfWindow.every((r) => r.query.continuationToken === undefined)).toBe(true);
		const followed = run.requests.filter((r) => r.query.continuationToken !== undefined);
		expect(followed.length).toBeGreaterThanOrEqual(2);
		expect(run.requests.length).toBe(firstOfWindow.length + followed.length);
		expect(run.json.map((n) => n.id)).toEqual(expected.map((n) => n.id));
		noDuplicates(run.json, 'id');
		expect(run.json[150]).toEqual(expected[150]);
	});

	it('sends the filters and returns only matching notifications', async () => {
		const stationId = String(noisy().charge_station_id);
		const from = burstDay;
		const to = daysBefore(BURST.daysBeforeAnchor - 1);
		const expected = between(notificationsOf(sandbox().state), 'created', from, to).filter(
			(n) =>
				n.charge_station_id === stationId &&
				n.level === 'Error' &&
				n.direction === 'ToGsop' &&
				n.message_action === 'StatusNotification' &&
				n.message_type === '2',
		);
		expect(expected.length).toBeGreaterThan(100);
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: stationId,
			returnAll: true,
			dateFrom: from,
			dateTo: to,
			filters: {
				level: 'Error',
				direction: 'ToGsop',
				messageAction: 'StatusNotification',
				messageType: '2',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].query).toMatchObject({
			level: 'Error',
			direction: 'ToGsop',
			message_action: 'StatusNotification',
			message_type: '2',
		});
		expect(run.requests.length).toBe(Math.ceil(expected.length / 100));
		expect(run.json).toEqual(expected);
	});

	it('the Notification ID filter finds a command and its answer (OCPP CALL and CALLRESULT share the ID)', async () => {
		const command = notificationsOf(sandbox().state).find(
			(n) => n.direction === 'ToChargePoint' && String(n.created) > daysBefore(30),
		)!;
		const from = iso(Date.parse(String(command.created)) - HOUR);
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: String(command.charge_station_id),
			returnAll: true,
			dateFrom: from,
			dateTo: iso(Date.parse(from) + 2 * HOUR),
			filters: { chargeStationNotificationId: String(command.charge_station_notification_id) },
		});
		expect(run.requests.map((r) => r.query.charge_station_notification_id)).toEqual([
			String(command.charge_station_notification_id),
		]);
		expect(run.json.map((n) => [n.direction, n.message_type, n.message_action])).toEqual([
			['ToChargePoint', '2', command.message_action],
			['ToGsop', '3', command.message_action],
		]);
		expect(run.json[0]).toEqual(command);
	});

	it('Limit = 3 asks for 3 (GreenFlux allows at most 100 per page) in one request', async () => {
		const stationId = String(noisy().charge_station_id);
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: stationId,
			returnAll: false,
			limit: 3,
			dateFrom: burstDay,
			dateTo: daysBefore(BURST.daysBeforeAnchor - 1),
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('3');
		expect(run.json).toEqual(
			between(
				notificationsOf(sandbox().state),
				'created',
				burstDay,
				daysBefore(BURST.daysBeforeAnchor - 1),
			)
				.filter((n) => n.charge_station_id === stationId)
				.slice(0, 3),
		);
	});

	it('an unknown charge station is a 404 naming the request', async () => {
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: 'NO-SUCH-STATION',
			returnAll: true,
			dateFrom: burstDay,
			dateTo: daysBefore(BURST.daysBeforeAnchor - 1),
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(
			/GreenFlux found nothing at GET \/api\/1.0\/chargestationnotifications\/NO-SUCH-STATION \(HTTP 404\)/,
		);
	});

	it('a missing Charge Station ID fails before any request (n8n refuses an empty field; an empty expression fails in the node)', async () => {
		const before = sandbox().log.entries.length;
		await expect(
			runGreenFlux(sandbox(), {
				...base,
				chargeStationId: '',
				returnAll: true,
				dateFrom: burstDay,
			}),
		).rejects.toThrow(/Parameter "Charge Station ID" is required/);
		const run = await runGreenFlux(sandbox(), {
			...base,
			chargeStationId: '={{ $json.station }}',
			returnAll: true,
			dateFrom: burstDay,
		});
		expect(run.error?.message).toBe('Charge Station ID: is required');
		expect(sandbox().log.entries.length).toBe(before);
	});
});

describe('Meter Value › Get Many', () => {
	const base = { resource: 'meterValue', operation: 'getAll' };

	it('a 7-day range is fetched in 3 windows under 72 h and returns exactly the sandbox meter values, in order', async () => {
		const from = '2026-10-03T12:00:00Z';
		const to = '2026-10-10T12:00:00Z';
		const expected = between(meterValuesOf(sandbox().state), 'created', from, to);
		expect(expected.length).toBeGreaterThan(3000);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: from,
			dateTo: to,
		});
		expect(run.error).toBeUndefined();
		expect(expectWindowsCover(run.requests, from, to)).toHaveLength(3);
		expect(run.requests).toHaveLength(3);
		expect(
			run.requests.every((r) => r.path === '/api/1.0/metervalues' && r.query.limit === '100000'),
		).toBe(true);
		expect(run.json.map((m) => m.meter_value_uid)).toEqual(expected.map((m) => m.meter_value_uid));
		noDuplicates(run.json, 'meter_value_uid');
		expect(run.json[1234]).toEqual(expected[1234]);
	});

	it('sends every filter and returns only matching meter values', async () => {
		const from = daysBefore(2);
		const expected = between(meterValuesOf(sandbox().state), 'created', from, ANCHOR).filter(
			(m) =>
				m.measurand === 'CurrentImport' &&
				m.phase === 'L1' &&
				m.context === 'SamplePeriodic' &&
				m.unit === 'A' &&
				m.meter_type === 'EVSE',
		);
		expect(expected.length).toBeGreaterThan(50);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: from,
			dateTo: ANCHOR,
			filters: {
				measurand: 'CurrentImport',
				phase: 'L1',
				context: 'SamplePeriodic',
				unit: 'A',
				meterType: 0,
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query).toMatchObject({
			measurand: 'CurrentImport',
			phase: 'L1',
			context: 'SamplePeriodic',
			unit: 'A',
			meter_type: '0',
		});
		expect(run.json).toEqual(expected);
	});

	it('Limit = 3 makes exactly one request with limit=10000', async () => {
		const from = daysBefore(6);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: false,
			limit: 3,
			dateFrom: from,
			dateTo: ANCHOR,
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('10000');
		expect(run.json).toEqual(
			between(meterValuesOf(sandbox().state), 'created', from, ANCHOR).slice(0, 3),
		);
	});

	it('Date From after Date To fails before any request', async () => {
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: ANCHOR,
			dateTo: daysBefore(1),
		});
		expect(run.error?.message).toBe('Date From must be before Date To');
		expect(run.requests).toHaveLength(0);
	});
});

describe('Session › Get Many', () => {
	const base = { resource: 'session', operation: 'getAll' };
	/** GreenFlux keeps sessions about a month: the sandbox serves those updated since ANCHOR − 1 month. */
	const KEPT_SINCE = '2026-10-01T00:00:00Z';
	const completed = () => sessionsOf(sandbox().state).filter((s) => s.status === 'COMPLETED');

	it('returns the COMPLETED sessions of the range, offset-paged 100 at a time', async () => {
		const from = '2026-10-10T00:00:00Z';
		const to = '2026-10-20T00:00:00Z';
		const expected = between(completed(), 'last_updated', from, to);
		expect(expected.length).toBeGreaterThan(250);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: from,
			dateTo: to,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(Math.ceil(expected.length / 100));
		expect(run.requests.map((r) => r.query.offset)).toEqual(
			run.requests.map((_, i) => String(i * 100)),
		);
		expect(
			run.requests.every(
				(r) =>
					r.path === '/api/1.0/sessions' &&
					r.query.limit === '100' &&
					r.query.date_from === from &&
					r.query.date_to === to,
			),
		).toBe(true);
		expect(run.json).toEqual(expected);
		expect(run.json.every((s) => s.status === 'COMPLETED' && s.end_datetime)).toBe(true);
	});

	it('never returns ACTIVE or INVALID sessions, nor sessions older than about a month', async () => {
		const all = sessionsOf(sandbox().state);
		expect(all.some((s) => s.status === 'ACTIVE')).toBe(true);
		expect(all.some((s) => s.status === 'INVALID' && String(s.last_updated) >= KEPT_SINCE)).toBe(
			true,
		);
		const expected = between(completed(), 'last_updated', KEPT_SINCE, ANCHOR);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: '2026-08-01T00:00:00Z',
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].query.date_to).toBeUndefined();
		expect(run.json.map((s) => s.id)).toEqual(expected.map((s) => s.id));
		noDuplicates(run.json, 'id');
	});

	it('each session matches its CDR (same id as the CDR session_id, energy and times)', async () => {
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: false,
			limit: 5,
			dateFrom: '2026-10-15T00:00:00Z',
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('5');
		const cdrs = new Map(sandbox().state.seed.cdrs.map((c) => [c.session_id, c]));
		for (const session of run.json) {
			const cdr = cdrs.get(session.id)!;
			expect(session).toMatchObject({
				start_datetime: cdr.start_date_time,
				end_datetime: cdr.stop_date_time,
				kwh: cdr.total_energy,
				auth_id: cdr.auth_id,
				status: 'COMPLETED',
			});
		}
	});

	it('a missing Date From fails before any request', async () => {
		const before = sandbox().log.entries.length;
		await expect(
			runGreenFlux(sandbox(), { ...base, returnAll: true, dateTo: ANCHOR }),
		).rejects.toThrow(/Parameter "Date From" is required/);
		const run = await runGreenFlux(sandbox(), {
			...base,
			returnAll: true,
			dateFrom: '={{ $json.from }}',
			dateTo: ANCHOR,
		});
		expect(run.error?.message).toBe('Date From: is required');
		expect(sandbox().log.entries.length).toBe(before);
	});
});

describe('Token › Look Up', () => {
	const base = { resource: 'token', operation: 'lookUp' };
	const token = (i: number) => sandbox().state.seed.tokens[i];

	it('a known token (by UID) gives one item, active at both CPOs', async () => {
		const t = token(0);
		const run = await runGreenFlux(sandbox(), { ...base, identifier: String(t.uid) });
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => r.query)).toEqual([{ token_id: String(t.uid) }]);
		expect(run.json).toEqual([
			{
				token_id: t.uid,
				found: true,
				state: 'active',
				uid: t.uid,
				auth_id: t.auth_id,
				visual_number: t.visual_number,
				scopes: { country_party_codes: ['NL-GFX', 'NL-CTY'] },
			},
		]);
	});

	it('one item per match: a token active at one CPO and expired at the other (by visual number)', async () => {
		const t = token(3);
		const run = await runGreenFlux(sandbox(), { ...base, identifier: String(t.visual_number) });
		const ids = { uid: t.uid, auth_id: t.auth_id, visual_number: t.visual_number };
		expect(run.json).toEqual([
			{
				token_id: t.visual_number,
				found: true,
				state: 'active',
				...ids,
				scopes: { country_party_codes: ['NL-GFX'] },
			},
			{
				token_id: t.visual_number,
				found: true,
				state: 'expired',
				...ids,
				scopes: { country_party_codes: ['NL-CTY'] },
			},
		]);
	});

	it('Charge Station ID narrows the lookup to that station (sent as charge_station_id)', async () => {
		const t = token(3);
		const station = sandbox().state.seed.chargeStations.find((s) => s.cpo_id === 'NLGFXCITY')!;
		const run = await runGreenFlux(sandbox(), {
			...base,
			identifier: String(t.auth_id),
			options: { chargeStationId: String(station.charge_station_id) },
		});
		expect(run.requests[0].query).toEqual({
			token_id: String(t.auth_id),
			charge_station_id: String(station.charge_station_id),
		});
		expect(run.json).toEqual([
			{
				token_id: t.auth_id,
				found: true,
				state: 'expired',
				uid: t.uid,
				auth_id: t.auth_id,
				visual_number: t.visual_number,
				scopes: { country_party_codes: ['NL-CTY'] },
			},
		]);
	});

	it('an unknown token is one item with state "unknown" and found false (not an error)', async () => {
		const run = await runGreenFlux(sandbox(), { ...base, identifier: 'UNKNOWN-TOKEN' });
		expect(run.error).toBeUndefined();
		expect(run.requests[0].ocpiStatus).toBe(1000);
		expect(run.json).toEqual([
			{
				token_id: 'UNKNOWN-TOKEN',
				found: false,
				state: 'unknown',
				uid: null,
				auth_id: null,
				visual_number: null,
			},
		]);
	});

	it('several input items: one lookup each, every output item paired with its input', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{ ...base, identifier: '={{ $json.token }}' },
			{
				inputItems: [
					{ token: String(token(3).uid) },
					{ token: 'NOPE' },
					{ token: String(token(1).auth_id) },
				],
			},
		);
		expect(run.requests).toHaveLength(3);
		expect(run.json.map((j) => [j.token_id, j.state])).toEqual([
			[token(3).uid, 'active'],
			[token(3).uid, 'expired'],
			['NOPE', 'unknown'],
			[token(1).auth_id, 'active'],
		]);
		expect(run.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 2]);
	});

	it('a missing Token ID fails before any request', async () => {
		const before = sandbox().log.entries.length;
		await expect(runGreenFlux(sandbox(), { ...base, identifier: '' })).rejects.toThrow(
			/Parameter "Token ID" is required/,
		);
		const run = await runGreenFlux(sandbox(), { ...base, identifier: '={{ $json.token }}' });
		expect(run.error?.message).toBe('Token ID: is required');
		expect(sandbox().log.entries.length).toBe(before);
	});
});

describe('CDR › Get Many › Simplify', () => {
	const base = {
		resource: 'cdr',
		operation: 'getAll',
		apiVersion: '1.0',
		dateFrom: '2026-10-01T00:00:00Z',
		dateTo: '2026-10-02T00:00:00Z',
	};
	const FLAT_FIELDS = [
		'id',
		'start_date_time',
		'stop_date_time',
		'energy_kwh',
		'wholesale_cost_excl_vat',
		'wholesale_cost_incl_vat',
		'currency',
		'retail_cost_excl_vat',
		'retail_cost_incl_vat',
		'retail_currency',
		'total_time_hours',
		'parking_time_hours',
		'auth_id',
		'token_uid',
		'token_visual_number',
		'customer_external_id',
		'driver_external_id',
		'emsp_country_code',
		'emsp_party_id',
		'cpo_id',
		'location_name',
		'location_address',
		'location_city',
		'location_country',
		'evse_uid',
		'evse_id',
	];
	const expectedCdrs = () =>
		between(sandbox().state.visibleCdrs(), 'last_updated', base.dateFrom, base.dateTo);

	it('Simplify on: one flat item per CDR with exactly the invoicing fields', async () => {
		const cdrs = expectedCdrs();
		expect(cdrs.length).toBeGreaterThan(10);
		const run = await runGreenFlux(sandbox(), { ...base, returnAll: true, simplify: true });
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.json).toHaveLength(cdrs.length);
		for (const item of run.json) {
			expect(Object.keys(item)).toEqual(FLAT_FIELDS);
			expect(Object.values(item).every((v) => v === null || typeof v !== 'object')).toBe(true);
		}
		const cdr = cdrs[0];
		const location = cdr.location as Json;
		const evse = (location.evses as Json[])[0];
		expect(run.json[0]).toEqual({
			id: cdr.id,
			start_date_time: cdr.start_date_time,
			stop_date_time: cdr.stop_date_time,
			energy_kwh: cdr.total_energy,
			wholesale_cost_excl_vat: cdr.total_cost,
			wholesale_cost_incl_vat: cdr.total_cost_incl_vat,
			currency: 'EUR',
			retail_cost_excl_vat: cdr.total_retail_cost,
			retail_cost_incl_vat: cdr.total_retail_cost_incl_vat,
			retail_currency: 'EUR',
			total_time_hours: cdr.total_time,
			parking_time_hours: cdr.total_parking_time,
			auth_id: cdr.auth_id,
			token_uid: cdr.token_uid,
			token_visual_number: cdr.token_visual_number,
			customer_external_id: cdr.customer_external_id,
			driver_external_id: cdr.driver_external_id,
			emsp_country_code: cdr.emsp_country_code,
			emsp_party_id: cdr.emsp_party_id,
			cpo_id: cdr.cpo_id,
			location_name: location.name,
			location_address: location.address,
			location_city: location.city,
			location_country: 'NLD',
			evse_uid: evse.uid,
			evse_id: evse.evse_id,
		});
		expect(run.json.map((c) => c.id)).toEqual(cdrs.map((c) => c.id));
	});

	it('Simplify off (the default): the raw CDR, unchanged', async () => {
		const run = await runGreenFlux(sandbox(), { ...base, returnAll: true });
		expect(run.json).toEqual(expectedCdrs());
		const explicit = await runGreenFlux(sandbox(), { ...base, returnAll: true, simplify: false });
		expect(explicit.json).toEqual(expectedCdrs());
	});

	it('Simplify also works with API 2.0 and a Limit', async () => {
		const run = await runGreenFlux(sandbox(), {
			...base,
			apiVersion: '2.0',
			returnAll: false,
			limit: 2,
			simplify: true,
		});
		expect(run.json.map((c) => c.id)).toEqual(
			expectedCdrs()
				.slice(0, 2)
				.map((c) => c.id),
		);
		expect(Object.keys(run.json[1])).toEqual(FLAT_FIELDS);
	});

	it('missing or oddly typed GreenFlux values become null, never undefined or nested objects', () => {
		const flat = simplifyCdr({
			id: 'X1',
			location: '',
			total_cost: 1.5,
			currency: '',
			token_uid: 'ABC',
			customer_external_id: { nested: true } as never,
		});
		expect(Object.keys(flat)).toEqual(FLAT_FIELDS);
		expect(flat).toMatchObject({
			id: 'X1',
			wholesale_cost_excl_vat: 1.5,
			currency: null,
			token_uid: 'ABC',
			customer_external_id: null,
			location_name: null,
			evse_uid: null,
		});
	});
});

describe('the sandbox enforces what GreenFlux enforces (direct requests, kept out of the contract log)', () => {
	let direct: Sandbox;
	const get = async (path: string, key: string = KEYS.full) => {
		const response = await fetch(`${direct.url}${path}`, {
			headers: { Authorization: `Token ${key}` },
		});
		return {
			status: response.status,
			link: response.headers.get('link'),
			total: response.headers.get('x-total-count'),
			body: (await response.json()) as {
				status_code: number;
				status_message: string;
				data?: unknown;
			},
		};
	};
	const q = (params: Record<string, string | number>) =>
		new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
	const window = { date_from: '2026-10-01T00:00:00Z', date_to: '2026-10-03T00:00:00Z' };

	// These requests break GreenFlux's contract on purpose, so this sandbox writes no request log file.
	beforeAll(async () => {
		direct = await startSandbox({ port: 0, anchor: ANCHOR, logFile: '' });
	});
	afterAll(async () => {
		await direct.close();
	});

	it.each([
		[
			'/api/1.0/chargestationnotifications',
			{ date_from: window.date_from, limit: 10000 },
			"'date_to' must be specified",
		],
		['/api/1.0/chargestationnotifications', { ...window }, "'limit' must be specified"],
		[
			'/api/1.0/chargestationnotifications',
			{ date_from: '2026-10-01T00:00:00Z', date_to: '2026-10-04T00:00:00Z', limit: 10000 },
			'less than 72 hours',
		],
		[
			'/api/1.0/chargestationnotifications',
			{ ...window, limit: 9999 },
			"'limit' must be between 10000 and 100000",
		],
		[
			'/api/1.0/chargestationnotifications',
			{ ...window, limit: 100001 },
			"'limit' must be between 10000 and 100000",
		],
		[
			'/api/1.0/chargestationnotifications',
			{ date_from: '2026-10-01', date_to: '2026-10-02T00:00:00Z', limit: 10000 },
			'yyyy-MM-ddTHH:mm:ssZ',
		],
		[
			'/api/1.0/chargestationnotifications/GFX-CS-0001',
			{ ...window, limit: 101 },
			"'limit' must be between 1 and 100",
		],
		[
			'/api/1.0/chargestationnotifications/GFX-CS-0001',
			{ ...window, limit: 10, continuationToken: 'garbage' },
			'Invalid continuationToken',
		],
		['/api/1.0/metervalues', { ...window }, "'limit' must be specified"],
		[
			'/api/1.0/metervalues',
			{ date_from: '2026-10-01T00:00:00Z', date_to: '2026-10-04T00:00:00Z', limit: 10000 },
			'less than 72 hours',
		],
		[
			'/api/1.0/metervalues',
			{ date_to: '2026-10-03T00:00:00Z', date_from: '2026-10-03T00:00:00Z', limit: 10000 },
			"'date_to' must be after 'date_from'",
		],
		['/api/1.0/sessions', { date_to: ANCHOR }, "'date_from' must be specified"],
		['/api/1.0/tokens', {}, "'token_id' must be specified"],
	])('%s?%j → HTTP 200, status_code 2001 "%s"', async (path, params, message) => {
		const { status, body } = await get(`${path}?${q(params as Record<string, string | number>)}`);
		expect(status).toBe(200);
		expect(body.status_code).toBe(2001);
		expect(body.status_message).toContain(message);
		expect(body.data).toBeUndefined();
	});

	it('just under 72 hours is accepted; the whole window fits in one page of 10,000 (no Link), X-Total-Count tells the size', async () => {
		const params = {
			date_from: '2026-10-01T00:00:00Z',
			date_to: '2026-10-03T23:59:59Z',
			limit: 10000,
		};
		const { body, link, total } = await get(`/api/1.0/chargestationnotifications?${q(params)}`);
		expect(body.status_code).toBe(1000);
		const expected = between(
			notificationsOf(direct.state),
			'created',
			params.date_from,
			params.date_to,
		);
		expect(expected.length).toBeGreaterThan(1000);
		expect(body.data).toEqual(expected);
		expect(total).toBe(String(expected.length));
		expect(link).toBeNull();
	});

	it('the single-station Link repeats the query with a continuationToken, and a token from another range is refused', async () => {
		const station = String(direct.state.seed.chargeStations[BURST.stationIndex].charge_station_id);
		const params = {
			date_from: daysBefore(BURST.daysBeforeAnchor),
			date_to: daysBefore(BURST.daysBeforeAnchor - 1),
			limit: 100,
		};
		const first = await get(`/api/1.0/chargestationnotifications/${station}?${q(params)}`);
		expect(first.link).toMatch(
			/^<\/api\/1\.0\/chargestationnotifications\/GFX-CS-0001\?.*continuationToken=[^&>]+.*>; rel="next"$/,
		);
		const next = new URL(/<([^>]+)>/.exec(first.link!)![1], direct.url);
		expect(Object.fromEntries(next.searchParams)).toMatchObject({
			date_from: params.date_from,
			date_to: params.date_to,
			limit: '100',
		});
		const second = await get(`${next.pathname}${next.search}`);
		expect(second.body.status_code).toBe(1000);
		const ids = [...(first.body.data as Json[]), ...(second.body.data as Json[])].map((n) => n.id);
		expect(new Set(ids).size).toBe(200);
		next.searchParams.set('date_from', daysBefore(BURST.daysBeforeAnchor + 1));
		const mismatch = await get(`${next.pathname}${next.search}`);
		expect(mismatch.body).toMatchObject({
			status_code: 2001,
			status_message: 'The continuationToken belongs to another charge station or date range',
		});
	});

	it('tokens: an unknown token is status 1000 with one "unknown" entry', async () => {
		const { body } = await get('/api/1.0/tokens?token_id=UNKNOWN-TOKEN');
		expect(body).toMatchObject({
			status_code: 1000,
			data: {
				token_id: 'UNKNOWN-TOKEN',
				tokens: [{ state: 'unknown', uid: null, auth_id: null, visual_number: null }],
			},
		});
	});

	it('sessions: only COMPLETED ones come back', async () => {
		const { body } = await get(
			`/api/1.0/sessions?${q({ date_from: '2026-10-25T00:00:00Z', limit: 1000 })}`,
		);
		const data = body.data as Json[];
		expect(data.length).toBeGreaterThan(0);
		expect(data.every((s) => s.status === 'COMPLETED')).toBe(true);
		expect(
			sessionsOf(direct.state).filter(
				(s) => String(s.last_updated) >= '2026-10-25T00:00:00Z' && s.status !== 'COMPLETED',
			).length,
		).toBeGreaterThan(0);
	});
});
