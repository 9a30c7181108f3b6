import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { simplifyCdr } from '../../nodes/GreenFlux/simplify/cdr';
import { ANCHOR, KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox({ scale: 2 });
const EMSP_KEY = 'gfx-sandbox-emsp';

/** The sandbox's CDRs of an eMSP (and customer) in [from, to), straight from its state. */
async function cdrsOf(emspId: string, query: Record<string, string>): Promise<IDataObject[]> {
	const search = new URLSearchParams(query).toString();
	const response = await request(`${sandbox().url}/__sandbox/crm/${emspId}/cdrs?${search}`);
	return (await response.body.json()) as IDataObject[];
}

const from = new Date(Date.parse(ANCHOR) - 90 * 86_400_000).toISOString();
const to = ANCHOR;

describe('CDR › Get Many for eMSP / eMSP Customer (CRM module)', () => {
	it('v1: Return All pages by offset through every CDR of the eMSP, in order', async () => {
		const expected = await cdrsOf('nlgfx', { date_from: from, date_to: to });
		expect(expected.length).toBeGreaterThan(1000);
		const run = await runGreenFlux(
			sandbox(),
			{
				resource: 'cdr',
				operation: 'getAllForEmsp',
				emspId: 'nlgfx',
				dateFrom: from,
				dateTo: to,
				returnAll: true,
			},
			{ key: EMSP_KEY },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests).toHaveLength(Math.ceil(expected.length / 1000));
		expect(run.requests[0]).toMatchObject({
			path: '/api/1.0/cdrs/nlgfx',
			query: { limit: '1000', offset: '0' },
		});
	});

	it('v2: follows continuation_token and never sends an offset', async () => {
		const expected = await cdrsOf('nlgfx', { date_from: from, date_to: to });
		const run = await runGreenFlux(
			sandbox(),
			{
				resource: 'cdr',
				operation: 'getAllForEmsp',
				apiVersion: '2.0',
				emspId: 'nlgfx',
				dateFrom: from,
				dateTo: to,
				returnAll: true,
			},
			{ key: EMSP_KEY },
		);
		expect(run.json).toEqual(expected);
		expect(run.requests.every((r) => r.query.offset === undefined)).toBe(true);
		expect(run.requests.slice(1).every((r) => r.query.continuation_token)).toBe(true);
	});

	it("for one customer: only that customer's CDRs, Simplify gives the invoicing view", async () => {
		const expected = await cdrsOf('ptedp', {
			customer_id: 'CUST-0003',
			date_from: from,
			date_to: to,
		});
		expect(expected.length).toBeGreaterThan(0);
		const run = await runGreenFlux(
			sandbox(),
			{
				resource: 'cdr',
				operation: 'getAllForEmspCustomer',
				emspId: 'ptedp',
				customerId: 'CUST-0003',
				dateFrom: from,
				dateTo: to,
				returnAll: true,
				simplify: true,
			},
			{ key: EMSP_KEY },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected.map(simplifyCdr));
		expect(run.requests[0].path).toBe('/api/1.0/cdrs/ptedp/CUST-0003');
	});

	it('Limit 7 is one request for 7 CDRs', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{ resource: 'cdr', operation: 'getAllForEmsp', emspId: 'gfapp', limit: 7 },
			{ key: EMSP_KEY },
		);
		expect(run.json).toHaveLength(7);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query.limit).toBe('7');
	});

	it('a key without the CRM module gets the message naming CRM', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{ resource: 'cdr', operation: 'getAllForEmsp', emspId: 'nlgfx', limit: 5 },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The CRM module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/Ask GreenFlux to enable the CRM module with read permission/,
		);
	});
});
