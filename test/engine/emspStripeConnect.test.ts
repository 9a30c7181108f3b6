import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { KEYS, runEmsp, useSandbox } from './helpers';

const sandbox = useSandbox();

const ONBOARDED = '3e60b43e-940d-4ef8-af40-73dc583edc6c';
const PENDING = '8d7d0524-204a-4750-a923-a285ec9937a8';

/** The sandbox's Stripe Connect configurations (control API, no key, not logged). */
async function configurations(): Promise<IDataObject[]> {
	const response = await request(`${sandbox().url}/__sandbox/stripeconnect`);
	return (await response.body.json()) as IDataObject[];
}

const stored = async (id: string) => (await configurations()).find((c) => c.id === id);

const base = { resource: 'stripeConnect' };

const business = {
	businessName: 'Example Mobility B.V.',
	businessStreet: 'Damrak 1',
	businessPostalCode: '1012 LG',
	businessCity: 'Amsterdam',
	businessCountry: 'NL',
	businessEmail: 'finance@example-mobility.example',
	businessVatNumber: 'NL123456789B01',
};

describe('eMSP › Stripe Connect', () => {
	it('Get Many returns every configuration', async () => {
		const expected = await configurations();
		expect(expected.map((c) => c.id)).toEqual([ONBOARDED, PENDING]);
		const run = await runEmsp(sandbox(), { ...base, operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/1.0/stripeconnect', query: {} }),
		]);
	});

	it('Get Many with Limit 1 returns the first configuration', async () => {
		const run = await runEmsp(sandbox(), { ...base, operation: 'getAll', limit: 1 });
		expect(run.json).toEqual((await configurations()).slice(0, 1));
	});

	it('Get returns a configuration (onboarded and pending)', async () => {
		for (const id of [ONBOARDED, PENDING]) {
			const run = await runEmsp(sandbox(), { ...base, operation: 'get', stripeConnectId: id });
			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([await stored(id)]);
			expect(run.requests.map((r) => r.path)).toEqual([`/api/1.0/stripeconnect/${id}`]);
		}
		expect(await stored(ONBOARDED)).toMatchObject({ onboarding_url: null });
		expect(await stored(PENDING)).toMatchObject({ connected_on: null });
	});

	it('Create sends the documented fields and returns the new configuration with its onboarding URL', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'create',
			connectionName: 'n8n payouts',
			additionalFields: {
				applicationFeePercentage: 2.5,
				customerEmail: 'payments@example-mobility.example',
				enableTaxCalculation: true,
				cpsos: '[{ "cpso_external_id": "NLGFXDEMO" }]',
				cpoCustomers: '[{ "cpo_customer_external_id": "CUST-9", "cpso_id": "NLGFXDEMO" }]',
				...business,
				businessPhone: '+31 20 555 0000',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/1.0/stripeconnect',
			body: {
				connection_name: 'n8n payouts',
				application_fee_percentage: 2.5,
				customer_email: 'payments@example-mobility.example',
				enable_tax_calculation: true,
				cpsos: [{ cpso_external_id: 'NLGFXDEMO' }],
				cpo_customers: [{ cpo_customer_external_id: 'CUST-9', cpso_id: 'NLGFXDEMO' }],
				business_details: {
					name: 'Example Mobility B.V.',
					street: 'Damrak 1',
					postal_code: '1012 LG',
					city: 'Amsterdam',
					country: 'NL',
					email: 'finance@example-mobility.example',
					vat_number: 'NL123456789B01',
					phone: '+31 20 555 0000',
				},
			},
		});
		const [created] = run.json;
		expect(created).toMatchObject({
			connection_name: 'n8n payouts',
			connected_on: null,
			onboarding_url: expect.stringMatching(/^https:\/\/connect\.stripe\.com\//),
		});
		expect(await stored(String(created.id))).toEqual(created);
	});

	it('Update sends only the fields given (PUT) and keeps the connection name', async () => {
		const before = (await stored(PENDING))!;
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'update',
			stripeConnectId: PENDING,
			updateFields: {
				applicationFeePercentage: 3,
				cpsos: '[{ "cpso_external_id": "NLGFXCITY" }, { "cpso_external_id": "NLGFXDEMO" }]',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `/api/1.0/stripeconnect/${PENDING}`,
				body: {
					application_fee_percentage: 3,
					cpsos: [{ cpso_external_id: 'NLGFXCITY' }, { cpso_external_id: 'NLGFXDEMO' }],
				},
			}),
		]);
		const after = await stored(PENDING);
		expect(after).toEqual({
			...before,
			application_fee_percentage: 3,
			cpsos: [{ cpso_external_id: 'NLGFXCITY' }, { cpso_external_id: 'NLGFXDEMO' }],
		});
		expect(run.json).toEqual([after]);
	});
});

describe('eMSP › Stripe Connect bad input and permissions', () => {
	it.each([
		[
			'business details without street and VAT number',
			{
				operation: 'create',
				connectionName: 'incomplete',
				additionalFields: { ...business, businessStreet: '', businessVatNumber: '' },
			},
			/^Business Street, Business VAT Number: required when other business details are set$/,
		],
		[
			'CPSOs that are not objects with cpso_external_id',
			{
				operation: 'update',
				stripeConnectId: PENDING,
				updateFields: { cpsos: '["NLGFXDEMO"]' },
			},
			/^CPSOs \(JSON\): must be an array of objects with cpso_external_id$/,
		],
		[
			'no connection name',
			{ operation: 'create', connectionName: '={{ $json.name }}' },
			/^Connection Name: is required$/,
		],
		[
			'no ID',
			{ operation: 'get', stripeConnectId: '={{ $json.id }}' },
			/^Stripe Connect ID: is required$/,
		],
		[
			'an Update with nothing to change',
			{ operation: 'update', stripeConnectId: PENDING },
			/^Update Fields: set at least one field to change$/,
		],
	])('%s fails naming the field, before any request', async (_case, parameters, message) => {
		const run = await runEmsp(sandbox(), { ...base, ...parameters });
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(run.requests).toHaveLength(0);
	});

	it('a key without the Stripe Connect module gets a 403 naming the module', async () => {
		const run = await runEmsp(
			sandbox(),
			{ ...base, operation: 'getAll', returnAll: true },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The Stripe Connect module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
	});

	it('an unknown ID is a 404 naming the request', async () => {
		const run = await runEmsp(sandbox(), {
			...base,
			operation: 'get',
			stripeConnectId: 'no-such-configuration',
		});
		expect(run.error?.message).toBe(
			'GreenFlux found nothing at GET /api/1.0/stripeconnect/no-such-configuration (HTTP 404)',
		);
	});
});
