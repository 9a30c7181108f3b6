import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { ANCHOR, runSmartCharging, useSandbox } from './helpers';

const sandbox = useSandbox();

const DEPOT = 'cc145599-2edb-489c-a290-784a5802d8a4';
const FAST_HUB = 'ba7caa53-e8ce-4c8e-a2ee-e08c95d410ab';
const EXPANSION = '15d9cb57-c2f1-4e06-a018-2098e3e5103e';
const GROUPS = '/api/1.0/smartcharging/capacitygroups';
const HOUR = 3_600_000;

const locator = (value: string) => ({ __rl: true, mode: 'list', value });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hoursFromAnchor = (hours: number) => iso(Date.parse(ANCHOR) + hours * HOUR);

async function control<T>(path: string): Promise<T> {
	const response = await request(`${sandbox().url}/__sandbox/smartcharging${path}`);
	return (await response.body.json()) as T;
}

async function controlGroup(id: string): Promise<IDataObject> {
	return (await control<IDataObject[]>('/capacitygroups')).find((g) => g.id === id)!;
}

async function controlGraph(id: string, from: string, to: string, phase?: string) {
	const query = `date_from=${from}&date_to=${to}${phase ? `&phase=${phase}` : ''}`;
	return await control<IDataObject[]>(`/capacitygroups/${id}/allocationgraph?${query}`);
}

describe('Default Algorithm reports', () => {
	const base = { resource: 'defaultAlgorithm', capacityGroupId: locator(DEPOT) };

	it('Get Allocation Graph over its date range equals the sandbox graph, page by page', async () => {
		const dateFrom = hoursFromAnchor(-24);
		const dateTo = hoursFromAnchor(0);
		const expected = await controlGraph(DEPOT, dateFrom, dateTo);
		// 96 quarter-hours × 3 phases.
		expect(expected).toHaveLength(288);
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAllocationGraph',
			returnAll: true,
			dateFrom,
			dateTo,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests.map((r) => r.query)).toEqual(
			[0, 100, 200].map((offset) => ({
				date_from: dateFrom,
				date_to: dateTo,
				offset: String(offset),
				limit: '100',
			})),
		);
		expect(
			run.requests.every(
				(r) => r.path === `${GROUPS}/${DEPOT}/capacitymanagementdefault/allocationgraph`,
			),
		).toBe(true);
	});

	it('Get Allocation Graph: the Phase filter and Limit', async () => {
		const dateFrom = hoursFromAnchor(-72);
		const dateTo = hoursFromAnchor(-48);
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAllocationGraph',
			limit: 10,
			dateFrom,
			dateTo,
			filters: { phase: 'L2' },
		});
		expect(run.error).toBeUndefined();
		const expected = await controlGraph(DEPOT, dateFrom, dateTo, 'L2');
		expect(run.json).toEqual(expected.slice(0, 10));
		expect(run.json.every((entry) => entry.phase === 'L2')).toBe(true);
		expect(run.requests).toEqual([
			expect.objectContaining({
				query: { date_from: dateFrom, date_to: dateTo, phase: 'L2', offset: '0', limit: '10' },
			}),
		]);
	});

	it('Get Active EVSEs equals the sandbox summary', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getActiveEvses' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await controlGroup(DEPOT)).active]);
		expect(run.requests.map((r) => r.path)).toEqual([
			`${GROUPS}/${DEPOT}/capacitymanagementdefault/activeevses`,
		]);
	});

	it('Get Offline EVSEs equals the sandbox summary (E0016-1 is offline)', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getOfflineEvses' });
		expect(run.error).toBeUndefined();
		const offline = (await controlGroup(DEPOT)).offline as IDataObject;
		expect(offline.number).toBeGreaterThanOrEqual(1);
		expect(run.json).toEqual([offline]);
		expect(run.requests.map((r) => r.path)).toEqual([
			`${GROUPS}/${DEPOT}/capacitymanagementdefault/offlineevses`,
		]);
	});

	it("a group on another algorithm gets GreenFlux's validation message", async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			capacityGroupId: locator(EXPANSION),
			operation: 'getActiveEvses',
		});
		expect(run.error?.message).toBe(
			`GreenFlux answered HTTP 400 to GET ${GROUPS}/${EXPANSION}/capacitymanagementdefault/activeevses: One or more validation errors occurred. capacity_group_id: Capacity group '${EXPANSION}' uses algorithm NONE, not CAPACITYMANAGEMENTDEFAULT`,
		);
	});
});

describe('DC Algorithm reports', () => {
	const base = { resource: 'dcAlgorithm', capacityGroupId: locator(FAST_HUB) };

	it('Get Allocation Graph over its date range equals the sandbox graph (watts)', async () => {
		const dateFrom = hoursFromAnchor(-36);
		const dateTo = hoursFromAnchor(-6);
		const expected = await controlGraph(FAST_HUB, dateFrom, dateTo);
		expect(expected).toHaveLength(120);
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAllocationGraph',
			returnAll: true,
			dateFrom,
			dateTo,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.json[0]).toEqual(
			expect.objectContaining({
				current_group_capacity_watts: 150000,
				allocated_capacity_watts: expect.any(Number),
			}),
		);
		expect(run.requests.map((r) => `${r.path}?offset=${r.query.offset}`)).toEqual([
			`${GROUPS}/${FAST_HUB}/capacitymanagementdc/allocationgraph?offset=0`,
			`${GROUPS}/${FAST_HUB}/capacitymanagementdc/allocationgraph?offset=100`,
		]);
	});

	it('Get Active EVSEs equals the sandbox summary', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getActiveEvses' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await controlGroup(FAST_HUB)).active]);
		expect(run.requests.map((r) => r.path)).toEqual([
			`${GROUPS}/${FAST_HUB}/capacitymanagementdc/activeevses`,
		]);
	});

	it('Get Offline EVSEs equals the sandbox summary', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getOfflineEvses' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await controlGroup(FAST_HUB)).offline]);
		expect(run.requests.map((r) => r.path)).toEqual([
			`${GROUPS}/${FAST_HUB}/capacitymanagementdc/offlineevses`,
		]);
	});
});
