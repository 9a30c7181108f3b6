import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { KEYS, runEmsp, useSandbox } from './helpers';

// Scale 2: 134 drivers and 137 tokens for nlgfx, so Return All follows the Link header over pages of 100.
const sandbox = useSandbox({ scale: 2 });

const NEVER = '2999-01-01T00:00:00Z';
const SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** An eMI3 contract ID (a token's auth ID) for the tokens these tests create. */
const contractId = (n: number) => `NL-GFX-CN8N${String(n).padStart(4, '0')}-1`;

/** The sandbox's own state (control API, no key, not logged). */
async function control(path: string): Promise<IDataObject[]> {
	const response = await request(`${sandbox().url}/__sandbox${path}`);
	return (await response.body.json()) as IDataObject[];
}

const byId = async (list: string, key: string, id: string) =>
	(await control(`/crm/nlgfx/${list}`)).find((o) => o[key] === id);

describe('eMSP › Customer', () => {
	const base = { resource: 'customer', emspId: 'nlgfx' };

	it('Get Many with Return All returns every customer of the eMSP, in order', async () => {
		const expected = await control('/crm/nlgfx/customers');
		expect(expected).toHaveLength(40);
		const run = await runEmsp(sandbox(), { ...base, operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/1.0/crm/nlgfx/customers',
				query: { offset: '0', limit: '100' },
				status: 200,
			}),
		]);
	});

	it('Get Many with Limit asks for that many and returns the first ones', async () => {
		const expected = (await control('/crm/ptedp/customers')).slice(0, 5);
		const run = await runEmsp(sandbox(), {
			...base,
			emspId: 'ptedp',
			operation: 'getAll',
			limit: 5,
		});
		expect(run.json).toEqual(expected);
		expect(run.requests.map((r) => r.query)).toEqual([{ offset: '0', limit: '5' }]);
	});

	it('Get returns the customer', async () => {
		const run = await runEmsp(sandbox(), { ...base, operation: 'get', customerId: 'CUST-0003' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([await byId('customers', 'id', 'CUST-0003')]);
		expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/1.0/crm/nlgfx/customers/CUST-0003',
		]);
	});

	it('Create or Update PUTs the customer with the ID in the body, stamped now by n8n', async () => {
		const before = Date.now();
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'createOrUpdate',
			customerId: 'CUST-N8N-1',
			name: 'Example Fleet B.V.',
			additionalFields: { email: 'fleet@example.com', country: 'NLD', city: 'Utrecht' },
		});
		expect(run.error).toBeUndefined();
		const [put] = run.requests;
		expect(run.requests).toHaveLength(1);
		expect(put).toMatchObject({ method: 'PUT', path: '/api/1.0/crm/nlgfx/customers/CUST-N8N-1' });
		const body = put.body as IDataObject;
		expect(body).toEqual({
			id: 'CUST-N8N-1',
			name: 'Example Fleet B.V.',
			email: 'fleet@example.com',
			country: 'NLD',
			city: 'Utrecht',
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		expect(Date.parse(String(body.modified_on_utc))).toBeGreaterThanOrEqual(
			Math.floor(before / 1000) * 1000,
		);
		const stored = await byId('customers', 'id', 'CUST-N8N-1');
		expect(stored).toMatchObject({ name: 'Example Fleet B.V.', modified_by: 'n8n' });
		expect(run.json).toEqual([stored]);
	});

	it('Create or Update sends Modified On and Modified By when given', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'createOrUpdate',
			customerId: 'CUST-N8N-2',
			name: 'Second Fleet',
			additionalFields: { modifiedOn: '2026-10-01T12:00:00Z', modifiedBy: 'CRM sync' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toMatchObject({
			modified_on_utc: '2026-10-01T12:00:00Z',
			modified_by: 'CRM sync',
		});
		expect(await byId('customers', 'id', 'CUST-N8N-2')).toMatchObject({
			modified_on_utc: '2026-10-01T12:00:00Z',
			modified_by: 'CRM sync',
		});
	});

	it('Update reads the customer and PUTs it back with only the given field changed', async () => {
		const stored = (await byId('customers', 'id', 'CUST-0002'))!;
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			customerId: 'CUST-0002',
			updateFields: { email: 'billing@cust-0002.example' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/1.0/crm/nlgfx/customers/CUST-0002',
			'PUT /api/1.0/crm/nlgfx/customers/CUST-0002',
		]);
		expect(run.requests[1].body).toEqual({
			...stored,
			email: 'billing@cust-0002.example',
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		const after = await byId('customers', 'id', 'CUST-0002');
		expect(after).toEqual({ ...stored, ...(run.requests[1].body as IDataObject) });
		expect(run.json).toEqual([after]);
	});
});

describe('eMSP › Driver', () => {
	const base = { resource: 'driver', emspId: 'nlgfx' };

	it('Get Many with Return All follows the Link header over every page', async () => {
		const expected = await control('/crm/nlgfx/drivers');
		expect(expected.length).toBeGreaterThan(100);
		const run = await runEmsp(sandbox(), { ...base, operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests.map((r) => r.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
	});

	it('Get returns the driver', async () => {
		const run = await runEmsp(sandbox(), { ...base, operation: 'get', driverId: 'DRV-00001' });
		expect(run.json).toEqual([await byId('drivers', 'id', 'DRV-00001')]);
	});

	it('Create or Update PUTs a new driver with its customer and retail package', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'createOrUpdate',
			driverId: 'DRV-N8N-1',
			customerId: 'CUST-0001',
			retailPackageId: 'NLGFX-RP-BUSINESS',
			additionalFields: { firstName: 'Sanne', lastName: 'Bakker', country: 'NLD' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0]).toMatchObject({
			method: 'PUT',
			path: '/api/1.0/crm/nlgfx/drivers/DRV-N8N-1',
			body: {
				id: 'DRV-N8N-1',
				customer_id: 'CUST-0001',
				retail_package_id: 'NLGFX-RP-BUSINESS',
				first_name: 'Sanne',
				last_name: 'Bakker',
				country: 'NLD',
				modified_by: 'n8n',
			},
		});
		const stored = await byId('drivers', 'id', 'DRV-N8N-1');
		expect(stored).toMatchObject({ customer_id: 'CUST-0001', first_name: 'Sanne' });
		expect(run.json).toEqual([stored]);
	});

	it('Update moves a driver to another retail package and keeps the rest', async () => {
		const stored = (await byId('drivers', 'id', 'DRV-00004'))!;
		const target =
			stored.retail_package_id === 'NLGFX-RP-FLEX' ? 'NLGFX-RP-STANDARD' : 'NLGFX-RP-FLEX';
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			driverId: 'DRV-00004',
			updateFields: { retailPackageId: target },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[1].body).toEqual({
			...stored,
			retail_package_id: target,
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		expect(await byId('drivers', 'id', 'DRV-00004')).toMatchObject({
			...stored,
			retail_package_id: target,
			modified_on_utc: (run.requests[1].body as IDataObject).modified_on_utc,
			modified_by: 'n8n',
		});
	});
});

describe('eMSP › Token', () => {
	const base = { resource: 'token', emspId: 'nlgfx' };

	it('Get Many filtered on a driver sends driver-external-id and returns its tokens', async () => {
		const expected = (await control('/crm/nlgfx/tokens')).filter(
			(t) => t.driver_id === 'DRV-00001',
		);
		expect(expected.length).toBeGreaterThanOrEqual(4);
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
			filters: { driverId: 'DRV-00001' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests[0].query).toEqual({
			'driver-external-id': 'DRV-00001',
			offset: '0',
			limit: '100',
		});
	});

	it('Get Many filtered on customer and retail package sends both hyphenated filters', async () => {
		const drivers = await control('/crm/nlgfx/drivers');
		const driver = drivers.find((d) => d.customer_id === 'CUST-0001')!;
		const packageOf = new Map(drivers.map((d) => [d.id, d.retail_package_id]));
		const expected = (await control('/crm/nlgfx/tokens')).filter(
			(t) =>
				t.customer_id === 'CUST-0001' && packageOf.get(t.driver_id) === driver.retail_package_id,
		);
		expect(expected.length).toBeGreaterThan(0);
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: 'CUST-0001', retailPackageId: String(driver.retail_package_id) },
		});
		expect(run.json).toEqual(expected);
		expect(run.requests[0].query).toMatchObject({
			'customer-external-id': 'CUST-0001',
			'retail-package-external-id': driver.retail_package_id,
		});
	});

	it('Get returns the token', async () => {
		const [token] = await control('/crm/nlgfx/tokens');
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'get',
			tokenUid: String(token.uid),
		});
		expect(run.json).toEqual([token]);
	});

	it('Create or Update sends a new token valid and never expiring (year 2999) by default', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'createOrUpdate',
			tokenUid: '04AABBCCDDEE01',
			authId: contractId(1),
			driverId: 'DRV-00001',
			additionalFields: { visualNumber: 'NL-GFX-N8N-1', whitelistType: 'AllowedOffline' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({
			uid: '04AABBCCDDEE01',
			auth_id: contractId(1),
			driver_id: 'DRV-00001',
			valid: true,
			expiration_date: NEVER,
			visual_number: 'NL-GFX-N8N-1',
			whitelist_type: 'AllowedOffline',
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		const stored = await byId('tokens', 'uid', '04AABBCCDDEE01');
		expect(stored).toMatchObject({
			valid: true,
			expiration_date: NEVER,
			customer_id: 'CUST-0001',
			whitelist_type: 'AllowedOffline',
		});
		expect(run.json).toEqual([stored]);
	});

	it('Create or Update with Expires On a Date sends that date', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'createOrUpdate',
			tokenUid: '04AABBCCDDEE02',
			authId: contractId(2),
			driverId: 'DRV-00001',
			valid: false,
			expires: 'onDate',
			expirationDate: '2028-06-30T22:00:00Z',
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toMatchObject({
			valid: false,
			expiration_date: '2028-06-30T22:00:00Z',
		});
		expect(await byId('tokens', 'uid', '04AABBCCDDEE02')).toMatchObject({
			valid: false,
			expiration_date: '2028-06-30T22:00:00Z',
		});
	});

	it('Update with Valid off sends the stored token with only valid changed (blocks it)', async () => {
		const token = (await control('/crm/nlgfx/tokens')).find(
			(t) => t.valid === true && t.driver_id === 'DRV-00004',
		)!;
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			tokenUid: String(token.uid),
			updateFields: { valid: false },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/1.0/crm/nlgfx/tokens/${String(token.uid)}`,
			`PUT /api/1.0/crm/nlgfx/tokens/${String(token.uid)}`,
		]);
		// The PUT body as the sandbox logged it: the stored token, valid false, stamped now by n8n.
		const sent = sandbox()
			.log.entries.filter((e) => e.method === 'PUT')
			.pop()!.body as IDataObject;
		expect(sent).toEqual({
			...token,
			valid: false,
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		expect(Object.keys(sent).sort()).toEqual(Object.keys(token).sort());
		const after = await byId('tokens', 'uid', String(token.uid));
		expect(after).toEqual({
			...token,
			valid: false,
			modified_on_utc: sent.modified_on_utc,
			modified_by: 'n8n',
		});
		expect(run.json).toEqual([after]);
	});

	it('Update with Expires Never gives the expired token the year-2999 date', async () => {
		const expired = (await control('/crm/nlgfx/tokens')).find(
			(t) => t.driver_id === 'DRV-00001' && Date.parse(String(t.expiration_date)) < Date.now(),
		)!;
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			tokenUid: String(expired.uid),
			expires: 'never',
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[1].body).toMatchObject({
			...expired,
			expiration_date: NEVER,
			modified_on_utc: expect.stringMatching(SECONDS_UTC),
			modified_by: 'n8n',
		});
		expect(await byId('tokens', 'uid', String(expired.uid))).toMatchObject({
			expiration_date: NEVER,
		});
	});

	it('Update of a token GreenFlux does not know reads it, says so, and sends no PUT', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			tokenUid: 'NO-SUCH-TOKEN',
			updateFields: { valid: false },
		});
		expect(run.error?.message).toBe('GreenFlux has no token NO-SUCH-TOKEN to update (HTTP 404)');
		expect(String((run.error as { description?: string }).description)).toMatch(
			/use Create or Update/,
		);
		expect(run.requests.map((r) => r.method)).toEqual(['GET']);
	});
});

describe('eMSP › Retail Package', () => {
	it('Get Many returns the retail packages of the eMSP', async () => {
		const run = await runEmsp(sandbox(), {
			resource: 'retailPackage',
			operation: 'getAll',
			emspId: 'gfapp',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(await control('/crm/gfapp/retailpackages'));
		expect(run.json.map((p) => p.id)).toEqual([
			'GFAPP-RP-STANDARD',
			'GFAPP-RP-BUSINESS',
			'GFAPP-RP-FLEX',
		]);
		expect(run.requests.map((r) => r.path)).toEqual(['/api/1.0/crm/gfapp/retailpackages']);
	});
});

describe('eMSP › CRM bad input and permissions', () => {
	it.each([
		[
			'no eMSP ID',
			{ resource: 'customer', operation: 'get', emspId: '={{ "" }}', customerId: 'CUST-0001' },
			/^eMSP ID: is required$/,
		],
		[
			'no Customer ID',
			{
				resource: 'customer',
				operation: 'get',
				emspId: 'nlgfx',
				customerId: '={{ $json.customerId }}',
			},
			/^Customer ID: is required$/,
		],
		[
			'no Token UID',
			{
				resource: 'token',
				operation: 'update',
				emspId: 'nlgfx',
				tokenUid: '={{ $json.missing }}',
				updateFields: { valid: false },
			},
			/^Token UID: is required$/,
		],
		[
			'no Driver ID of a token',
			{
				resource: 'token',
				operation: 'createOrUpdate',
				emspId: 'nlgfx',
				tokenUid: '04AABBCCDDEE09',
				authId: 'NL-GFX-X',
				driverId: '={{ $json.driverId }}',
			},
			/^Driver ID: is required$/,
		],
		[
			'a two-letter country',
			{
				resource: 'customer',
				operation: 'createOrUpdate',
				emspId: 'nlgfx',
				customerId: 'CUST-X',
				name: 'X',
				additionalFields: { country: 'NL' },
			},
			/^Country: "NL" is not an ISO 3166-1 alpha-3 country code$/,
		],
		[
			'an Update with nothing to change',
			{ resource: 'driver', operation: 'update', emspId: 'nlgfx', driverId: 'DRV-00001' },
			/^Update Fields: set at least one field to change$/,
		],
	])('%s fails naming the field, before any request', async (_case, parameters, message) => {
		const run = await runEmsp(sandbox(), parameters);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(run.requests).toHaveLength(0);
	});

	it('a key without the CRM module gets a 403 naming the CRM module', async () => {
		const run = await runEmsp(
			sandbox(),
			{ resource: 'token', operation: 'getAll', emspId: 'nlgfx', returnAll: true },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The CRM module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/Ask GreenFlux to enable the CRM module with read permission/,
		);
		expect(run.requests).toEqual([expect.objectContaining({ status: 403 })]);
	});
});
