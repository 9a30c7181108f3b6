import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { driverCoupons } from '../sandbox/routes/coupons';
import { findEmsp } from '../sandbox/seeds/emsp';
import { KEYS, runEmsp, useSandbox } from './helpers';

const sandbox = useSandbox();

/** The sandbox's own state (control API, no key, not logged). */
async function control<T = IDataObject[]>(path: string): Promise<T> {
	const response = await request(`${sandbox().url}/__sandbox${path}`);
	return (await response.body.json()) as T;
}

const storedCoupon = async (emspId: string, couponId: string) =>
	(await control(`/crm/${emspId}/coupons`)).find((c) => c.couponId === couponId);

const coupons = { resource: 'coupon', emspId: 'nlgfx' };

describe('eMSP › Coupon › Create (each type round-trips: create, then get)', () => {
	it.each([
		[
			'money, for every driver of the eMSP, at two CPSOs',
			{
				couponType: 'money',
				couponId: 'N8N-MONEY-1',
				value: 12.5,
				appliesTo: 'emsp',
				additionalFields: { cpsoIds: 'NLGFXDEMO, NLGFXCITY', reason: 'Welcome 2027' },
			},
			'/api/1.0/coupons/money/nlgfx/N8N-MONEY-1',
			{
				scope: { emsp: 'nlgfx', cpsos: ['NLGFXDEMO', 'NLGFXCITY'] },
				value: 12.5,
				reason: 'Welcome 2027',
			},
			{ type: 'money', money: 12.5, couponScope: expect.objectContaining({ driverId: '' }) },
		],
		[
			'session, for one driver',
			{ couponType: 'session', couponId: 'N8N-SESSION-1', sessions: 3, driverId: 'DRV-00001' },
			'/api/1.0/coupons/session/nlgfx/N8N-SESSION-1',
			{ scope: { driverId: 'DRV-00001' }, sessions: 3 },
			{ type: 'session', sessions: 3 },
		],
		[
			'percentage discount',
			{
				couponType: 'discount',
				couponId: 'N8N-DISCOUNT-1',
				percentage: 0.25,
				driverId: 'DRV-00001',
				additionalFields: { cpsoIds: 'NLGFXCITY' },
			},
			'/api/1.0/coupons/discount/nlgfx/N8N-DISCOUNT-1',
			{ scope: { driverId: 'DRV-00001', cpsos: ['NLGFXCITY'] }, percentage: 0.25 },
			{ type: 'discount', discountRate: 0.25 },
		],
		[
			'meter value, with an expiration',
			{
				couponType: 'meterValue',
				couponId: 'N8N-METER-1',
				duration: '01:30:00',
				tolerance: '00:05:00',
				driverId: 'DRV-00001',
				additionalFields: { expiration: '2030-01-01T00:00:00Z' },
			},
			'/api/1.0/coupons/metervalue/nlgfx/N8N-METER-1',
			{
				scope: { driverId: 'DRV-00001' },
				duration: '01:30:00',
				tolerance: '00:05:00',
				expirationUtc: '2030-01-01T00:00:00Z',
			},
			{
				type: 'meter-value',
				meterValueDuration: '01:30:00',
				meterValueTolerance: '00:05:00',
				expirationDate: '2030-01-01T00:00:00Z',
			},
		],
	])('%s', async (_case, parameters, path, body, coupon) => {
		const created = await runEmsp(sandbox(), { ...coupons, operation: 'create', ...parameters });
		expect(created.error).toBeUndefined();
		expect(created.requests).toEqual([
			expect.objectContaining({ method: 'POST', path, status: 200, ocpiStatus: 1000, body }),
		]);
		const stored = await storedCoupon('nlgfx', parameters.couponId);
		expect(stored).toMatchObject({ couponId: parameters.couponId, active: true, ...coupon });
		expect(created.json).toEqual([stored]);

		const read = await runEmsp(sandbox(), {
			...coupons,
			operation: 'get',
			couponId: parameters.couponId,
		});
		expect(read.error).toBeUndefined();
		expect(read.json).toEqual([stored]);
		expect(read.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/1.0/coupons/nlgfx/${parameters.couponId}`,
		]);
	});
});

describe('eMSP › Coupon', () => {
	it('Get returns the coupon', async () => {
		const run = await runEmsp(sandbox(), {
			...coupons,
			operation: 'get',
			couponId: 'NLGFX-DISCOUNT-01',
		});
		expect(run.json).toEqual([await storedCoupon('nlgfx', 'NLGFX-DISCOUNT-01')]);
	});

	it('Get Many for Driver returns the coupons of the driver and the eMSP-wide ones, newest first', async () => {
		const state = sandbox().state;
		const expected = driverCoupons(state, findEmsp(state, 'ptedp')!, 'DRV-00002');
		expect(expected.map((c) => c.couponId)).toEqual(
			expect.arrayContaining(['PTEDP-MONEY-01', 'PTEDP-MONEY-ALL']),
		);
		const run = await runEmsp(sandbox(), {
			...coupons,
			emspId: 'ptedp',
			operation: 'getAllForDriver',
			driverId: 'DRV-00002',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/1.0/coupons/drivers/ptedp/DRV-00002',
				query: {},
			}),
		]);
	});

	it('Get Many for Driver with Limit returns the newest ones', async () => {
		const state = sandbox().state;
		const expected = driverCoupons(state, findEmsp(state, 'ptedp')!, 'DRV-00002').slice(0, 2);
		const run = await runEmsp(sandbox(), {
			...coupons,
			emspId: 'ptedp',
			operation: 'getAllForDriver',
			driverId: 'DRV-00002',
			limit: 2,
		});
		expect(run.json).toEqual(expected);
		expect(run.requests).toHaveLength(1);
	});

	it('Get Driver Balance returns the balance as GreenFlux groups it', async () => {
		const expected = await control<IDataObject>('/crm/gfapp/drivers/DRV-00003/balance');
		const run = await runEmsp(sandbox(), {
			...coupons,
			emspId: 'gfapp',
			operation: 'getDriverBalance',
			driverId: 'DRV-00003',
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expected]);
		expect(run.requests.map((r) => r.path)).toEqual([
			'/api/1.0/coupons/drivers/balance/gfapp/DRV-00003',
		]);
	});

	it('Get Driver Balance with One Item per CPO returns one item per CPO and one for the shared balance', async () => {
		const expected = await control<{
			cpsoGrouping: Record<string, IDataObject>;
			shared: IDataObject;
		}>('/crm/gfapp/drivers/DRV-00003/balance');
		const owner = { emspId: 'gfapp', driverId: 'DRV-00003' };
		const run = await runEmsp(sandbox(), {
			...coupons,
			emspId: 'gfapp',
			operation: 'getDriverBalance',
			driverId: 'DRV-00003',
			splitByCpo: true,
		});
		expect(run.error).toBeUndefined();
		expect(Object.keys(expected.cpsoGrouping)).toEqual(['NLGFXDEMO', 'NLGFXCITY']);
		expect(run.json).toEqual([
			{ ...owner, shared: false, ...expected.cpsoGrouping.NLGFXDEMO },
			{ ...owner, shared: false, ...expected.cpsoGrouping.NLGFXCITY },
			{ ...owner, shared: true, ...expected.shared },
		]);
		expect(run.json[0]).toMatchObject({
			cpso: 'NLGFXDEMO',
			money: 25,
			meterValueDuration: '01:00:00',
		});
		expect(run.json[2]).toMatchObject({ money: 5, sessions: 5 });
	});

	it('Update extends a coupon: only the new expiration and reason are sent (PATCH)', async () => {
		const run = await runEmsp(sandbox(), {
			...coupons,
			operation: 'update',
			couponId: 'NLGFX-MONEY-01',
			updateFields: { expiration: '2031-12-31T23:59:59Z', reason: 'Promotion extended' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PATCH',
				path: '/api/1.0/coupons/nlgfx/NLGFX-MONEY-01',
				body: { expirationUtc: '2031-12-31T23:59:59Z', reason: 'Promotion extended' },
			}),
		]);
		const stored = await storedCoupon('nlgfx', 'NLGFX-MONEY-01');
		expect(stored).toMatchObject({
			expirationDate: '2031-12-31T23:59:59Z',
			reason: 'Promotion extended',
			active: true,
		});
		expect(run.json).toEqual([stored]);
	});

	it('Update reactivates an inactive coupon', async () => {
		expect(await storedCoupon('nlgfx', 'NLGFX-SESSION-02')).toMatchObject({ active: false });
		const run = await runEmsp(sandbox(), {
			...coupons,
			operation: 'update',
			couponId: 'NLGFX-SESSION-02',
			updateFields: { active: true },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({ active: true });
		expect(await storedCoupon('nlgfx', 'NLGFX-SESSION-02')).toMatchObject({ active: true });
	});
});

describe('eMSP › Coupon bad input and permissions', () => {
	const create = { ...coupons, operation: 'create', couponId: 'N8N-BAD-1', driverId: 'DRV-00001' };

	it.each([
		[
			'a percentage above 1',
			{ ...create, couponType: 'discount', percentage: '={{ 1.5 }}' },
			/^Percentage: must be a decimal from 0 to 1 \(got 1\.5\)$/,
		],
		[
			'a malformed duration',
			{ ...create, couponType: 'meterValue', duration: '1h', tolerance: '00:05:00' },
			/^Duration: "1h" is not a duration in HH:MM:SS$/,
		],
		[
			'a malformed tolerance',
			{ ...create, couponType: 'meterValue', duration: '01:00:00', tolerance: '5 min' },
			/^Tolerance: "5 min" is not a duration in HH:MM:SS$/,
		],
		[
			'a zero duration',
			{ ...create, couponType: 'meterValue', duration: '00:00:00', tolerance: '00:00:00' },
			/^Duration: must be longer than 00:00:00$/,
		],
		[
			'a money coupon of 0',
			{ ...create, couponType: 'money', value: 0 },
			/^Amount: must be more than 0/,
		],
		[
			'no coupon ID',
			{ ...create, couponType: 'money', value: 5, couponId: '={{ $json.couponId }}' },
			/^Coupon ID: is required$/,
		],
		[
			'no driver ID for a one-driver coupon',
			{ ...create, couponType: 'session', sessions: 1, driverId: '={{ $json.driverId }}' },
			/^Driver ID: is required$/,
		],
		[
			'no eMSP ID',
			{ ...coupons, operation: 'get', emspId: '={{ "" }}', couponId: 'NLGFX-MONEY-01' },
			/^eMSP ID: is required$/,
		],
		[
			'an Update with nothing to change',
			{ ...coupons, operation: 'update', couponId: 'NLGFX-MONEY-01' },
			/^Update Fields: set at least one field to change$/,
		],
	])('%s fails naming the field, before any request', async (_case, parameters, message) => {
		const run = await runEmsp(sandbox(), parameters);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(run.requests).toHaveLength(0);
	});

	it('a key without the Coupons module gets a 403 naming the Coupons module', async () => {
		const run = await runEmsp(
			sandbox(),
			{ ...coupons, operation: 'get', couponId: 'NLGFX-MONEY-01' },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The Coupons module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
	});

	it("GreenFlux's refusal of a duplicate coupon ID is shown with its message", async () => {
		const run = await runEmsp(sandbox(), {
			...coupons,
			operation: 'create',
			couponType: 'money',
			couponId: 'NLGFX-MONEY-02',
			value: 5,
			driverId: 'DRV-00001',
		});
		expect(run.error?.message).toMatch(
			/^GreenFlux returned status_code 2000 for POST \/api\/1\.0\/coupons\/money\/nlgfx\/NLGFX-MONEY-02: .*already exists/,
		);
	});
});
