import { describe, expect, it } from '@jest/globals';

import { GreenFluxChargeAssistApi } from '../../credentials/GreenFluxChargeAssistApi.credentials';
import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { testCredential } from './harness';
import { ANCHOR, KEYS, runGreenFlux, serialised, useSandbox } from './helpers';

const sandbox = useSandbox();
const ninetyDays = { dateFrom: '2026-08-01T00:00:00Z', dateTo: ANCHOR };
const cdrsInRange = () =>
	sandbox()
		.state.visibleCdrs()
		.filter(
			(c) => String(c.last_updated) >= '2026-08-01T00:00:00Z' && String(c.last_updated) < ANCHOR,
		);

describe('CDR › Get Many', () => {
	it.each(['1.0', '2.0'])(
		'Return All over API %s returns exactly the sandbox CDRs, in order, no duplicates',
		async (apiVersion) => {
			const expected = cdrsInRange();
			expect(expected.length).toBeGreaterThanOrEqual(2500);
			const run = await runGreenFlux(sandbox(), {
				resource: 'cdr',
				operation: 'getAll',
				apiVersion,
				returnAll: true,
				...ninetyDays,
			});
			expect(run.error).toBeUndefined();
			expect(run.json.map((c) => c.id)).toEqual(expected.map((c) => c.id));
			expect(new Set(run.json.map((c) => c.id)).size).toBe(expected.length);
			expect(run.json[0]).toEqual(expected[0]);
			expect(run.requests).toHaveLength(Math.ceil(expected.length / 1000));
			expect(
				run.requests.every((r) => r.path === `/api/${apiVersion}/cdrs` && r.status === 200),
			).toBe(true);
			if (apiVersion === '2.0')
				expect(
					run.requests.slice(1).every((r) => r.query.continuation_token && !('offset' in r.query)),
				).toBe(true);
			expect(
				run.items.every((item, i) => (item.pairedItem as { item: number }).item === 0 && i >= 0),
			).toBe(true);
		},
	);

	it('Limit = 5 makes exactly one request and returns the first five CDRs', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'cdr',
			operation: 'getAll',
			apiVersion: '1.0',
			returnAll: false,
			limit: 5,
			...ninetyDays,
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('5');
		expect(run.json.map((c) => c.id)).toEqual(
			cdrsInRange()
				.slice(0, 5)
				.map((c) => c.id),
		);
	});

	it('hides small CDRs unless the subscription publishes all CDRs', () => {
		expect(sandbox().state.seed.cdrs.length).toBeGreaterThan(sandbox().state.visibleCdrs().length);
	});
});

describe('bad input fails before any request', () => {
	it.each([
		[
			{ dateFrom: '2026-09-02T00:00:00Z', dateTo: '2026-09-01T00:00:00Z' },
			/Date From must be before Date To/,
		],
		[
			{ dateFrom: 'yesterday-ish', dateTo: '2026-09-01T00:00:00Z' },
			/Date From: "yesterday-ish" is not a date/,
		],
		[
			{ dateFrom: '2026-09-01T00:00:00Z', dateTo: '2026-13-40' },
			/Date To: "2026-13-40" is not a date/,
		],
		[{ returnAll: false, limit: 0 }, /Limit: must be a whole number of 1 or more/],
	])('%j', async (parameters, message) => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'cdr',
			operation: 'getAll',
			apiVersion: '1.0',
			returnAll: true,
			...parameters,
		});
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(run.requests).toHaveLength(0);
	});
});

describe('failure behaviour', () => {
	const locationsV1 = { resource: 'locationV1', operation: 'getAll', returnAll: true };

	it('429 with Retry-After: 1, then success: waits and succeeds', async () => {
		sandbox().faults.add({
			kind: 'status',
			status: 429,
			retryAfter: '1',
			path: '/api/1.0/locations$',
			times: 1,
		});
		const started = Date.now();
		const run = await runGreenFlux(sandbox(), locationsV1);
		expect(run.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(run.requests.map((r) => r.status)).toEqual([429, 200]);
		expect(run.json).toHaveLength(sandbox().state.locationsV1().length);
	});

	it('503 on every try: NodeApiError after the bounded retries and no items at all', async () => {
		sandbox().faults.add({ kind: 'status', status: 503, path: '/api/1.0/cdrs', times: 100 });
		const run = await runGreenFlux(sandbox(), {
			resource: 'cdr',
			operation: 'getAll',
			apiVersion: '1.0',
			returnAll: true,
			...ninetyDays,
		});
		sandbox().faults.clear();
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(/temporarily unavailable \(HTTP 503\)/);
		expect(run.requests.map((r) => r.status)).toEqual([503, 503, 503, 503]);
		expect(run.items).toHaveLength(0);
	}, 30_000);

	it('503 after some pages: no partial output', async () => {
		const visible = cdrsInRange().length;
		expect(visible).toBeGreaterThan(2000);
		// Page 1 is served, then every later page fails.
		let served = 0;
		const original = sandbox().faults.take.bind(sandbox().faults);
		sandbox().faults.take = (method, path) => {
			if (!path.endsWith('/cdrs')) return original(method, path);
			served++;
			return served > 1 ? { kind: 'status', status: 503 } : undefined;
		};
		try {
			const run = await runGreenFlux(sandbox(), {
				resource: 'cdr',
				operation: 'getAll',
				apiVersion: '1.0',
				returnAll: true,
				...ninetyDays,
			});
			expect(run.requests[0].status).toBe(200);
			expect(run.requests.slice(1).map((r) => r.status)).toEqual([503, 503, 503, 503]);
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.items).toHaveLength(0);
		} finally {
			sandbox().faults.take = original;
		}
	}, 30_000);

	it('truncated JSON and a dropped connection are retried', async () => {
		sandbox().faults.add({ kind: 'truncate', path: '/api/1.0/locations$', times: 1 });
		sandbox().faults.add({ kind: 'drop', path: '/api/1.0/locations$', times: 1 });
		const run = await runGreenFlux(sandbox(), locationsV1);
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => r.status)).toEqual([200, 0, 200]);
		expect(run.json).toHaveLength(sandbox().state.locationsV1().length);
	}, 30_000);

	it('a cut-off answer to a POST is not sent again (GreenFlux may have carried it out)', async () => {
		sandbox().faults.add({ kind: 'truncate', path: '/remotecommands/RESET$', times: 1 });
		const station = sandbox().state.seed.chargeStations[0];
		const run = await runGreenFlux(sandbox(), {
			resource: 'remoteCommand',
			operation: 'reset',
			chargeStationId: String(station.charge_station_id),
			resetType: 'Soft',
			waitForResult: false,
		});
		expect(run.requests).toHaveLength(1);
		expect(run.error?.message).toBe(
			'GreenFlux sent an incomplete or non-JSON response to POST /api/1.0/remotecommands/RESET',
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/did not send the request again: GreenFlux may have carried it out/,
		);
	});

	it("HTTP 200 with status_code 2001 is a NodeApiError carrying GreenFlux's message", async () => {
		sandbox().faults.add({
			kind: 'ocpi',
			code: 2001,
			message: "'date_from' must be a valid date",
			path: '/api/1.0/locations$',
			times: 1,
		});
		const run = await runGreenFlux(sandbox(), locationsV1);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toContain('status_code 2001');
		expect(run.error?.message).toContain("'date_from' must be a valid date");
		expect(run.requests).toHaveLength(1);
	});

	it('401 says the token was rejected and names the environment, without the token', async () => {
		const run = await runGreenFlux(sandbox(), locationsV1, { key: KEYS.wrong });
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			`Token rejected by the custom URL (${sandbox().url}) (HTTP 401)`,
		);
		expect(serialised(run.error)).not.toContain(KEYS.wrong);
		expect(serialised(run.run.data)).not.toContain(KEYS.wrong);
	});

	it('403 (CDR-only key asking for locations) says the Locations module is not enabled', async () => {
		const run = await runGreenFlux(sandbox(), locationsV1, { key: KEYS.cdrOnly });
		expect(run.error?.message).toBe(
			'The Locations module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect((run.error as { description?: string }).description).toMatch(
			/Ask GreenFlux to enable the Locations module with read permission/,
		);
		expect(serialised(run.run.data)).not.toContain(KEYS.cdrOnly);
	});

	it('Continue On Fail: the failing item becomes an error item with its pairedItem, the others still run', async () => {
		const [first, second] = sandbox().state.locationsV1();
		const run = await runGreenFlux(
			sandbox(),
			{ resource: 'locationV1', operation: 'get', locationId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				inputItems: [{ id: String(first.id) }, { id: 'does-not-exist' }, { id: String(second.id) }],
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(3);
		expect(run.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(run.json[0].id).toBe(first.id);
		expect(run.json[1].error).toMatch(
			/GreenFlux found nothing at GET \/api\/1.0\/locations\/does-not-exist \(HTTP 404\)/,
		);
		expect(run.json[2].id).toBe(second.id);
	});
});

describe('Location (v1)', () => {
	it('Get Many returns every location with EVSEs, in order', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getAll',
			returnAll: true,
		});
		expect(run.json).toEqual(sandbox().state.locationsV1());
	});

	it('Get, Get EVSE and Get Connector return the objects the sandbox holds', async () => {
		const location = sandbox().state.locationsV1()[3];
		const evse = (location.evses as Array<Record<string, unknown>>)[0];
		const connector = (evse.connectors as Array<Record<string, unknown>>)[0];
		const get = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'get',
			locationId: location.id as string,
		});
		expect(get.json).toEqual([location]);
		const getEvse = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getEvse',
			locationId: location.id as string,
			evseUid: evse.uid as string,
		});
		expect(getEvse.json).toEqual([evse]);
		const getConnector = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getConnector',
			locationId: location.id as string,
			evseUid: evse.uid as string,
			connectorId: connector.id as string,
		});
		expect(getConnector.json).toEqual([connector]);
		expect(getConnector.requests[0].path).toBe(
			`/api/1.0/locations/${location.id}/${evse.uid}/${connector.id}`,
		);
	});
});

describe('credential tests', () => {
	const platform = (token: string) => ({ environment: 'custom', url: sandbox().url, token });

	it('Platform: a wrong token fails with "token rejected", a token without the tested module passes', async () => {
		const rejected = await testCredential(new GreenFluxPlatformApi(), platform('nope'));
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toMatch(/^Token rejected by the selected GreenFlux environment/);
		expect(
			await testCredential(new GreenFluxPlatformApi(), platform(KEYS.locationsOnly)),
		).toMatchObject({ status: 'OK' });
		expect(await testCredential(new GreenFluxPlatformApi(), platform(KEYS.full))).toMatchObject({
			status: 'OK',
		});
	});

	it('Charge Assist: both key header styles are accepted, a wrong key is rejected', async () => {
		const ca = (apiKey: string, headerStyle: string) => ({
			environment: 'custom',
			url: sandbox().url,
			apiKey,
			headerStyle,
		});
		expect(
			await testCredential(new GreenFluxChargeAssistApi(), ca(KEYS.chargeAssist, 'apiKey')),
		).toMatchObject({ status: 'OK' });
		expect(
			await testCredential(
				new GreenFluxChargeAssistApi(),
				ca(KEYS.chargeAssist, 'subscriptionKey'),
			),
		).toMatchObject({ status: 'OK' });
		const rejected = await testCredential(new GreenFluxChargeAssistApi(), ca('wrong', 'apiKey'));
		expect(rejected.status).toBe('Error');
		expect(rejected.message).toMatch(/^Key rejected/);
	});
});
