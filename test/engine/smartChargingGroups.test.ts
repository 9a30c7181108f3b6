import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { GreenFluxSmartCharging } from '../../nodes/GreenFluxSmartCharging/GreenFluxSmartCharging.node';
import { runListSearch } from './harness';
import { KEYS, runSmartCharging, SMART_CHARGING_KEY, useSandbox } from './helpers';

const sandbox = useSandbox();

const DEPOT = 'cc145599-2edb-489c-a290-784a5802d8a4';
const FAST_HUB = 'ba7caa53-e8ce-4c8e-a2ee-e08c95d410ab';
const GARAGE = 'd2bf6851-043a-4236-a047-30ad03c6334c';
const EXPANSION = '15d9cb57-c2f1-4e06-a018-2098e3e5103e';
const GROUPS = '/api/1.0/smartcharging/capacitygroups';

/** A resource locator value as n8n stores it in a workflow. */
const locator = (value: string, mode: 'list' | 'id' = 'list') => ({ __rl: true, mode, value });

async function control<T = IDataObject[]>(path: string): Promise<T> {
	const response = await request(`${sandbox().url}/__sandbox/smartcharging${path}`);
	return (await response.body.json()) as T;
}

const controlGroups = async () => await control('/capacitygroups');
const controlGroup = async (id: string) =>
	(await controlGroups()).find((g) => g.id === id) as IDataObject;

/** A group as the API shows it (the control route adds EVSEs, states, scenarios…). */
const apiView = (group: IDataObject) => ({
	id: group.id,
	name: group.name,
	cpo_external_id: group.cpo_external_id,
	remarks: group.remarks,
	algorithm: group.algorithm,
	algorithm_display_name: group.algorithm_display_name,
	capacity_update_method: group.capacity_update_method,
});

const evseUidsOf = (group: IDataObject) => (group.evses as IDataObject[]).map((e) => e.uid);

/** EVSEs of a CPO that are in no capacity group yet. */
async function freeEvses(cpo: string): Promise<string[]> {
	const taken = new Set((await controlGroups()).flatMap(evseUidsOf));
	return sandbox()
		.state.seed.chargeStations.filter((station) => station.cpo_id === cpo)
		.flatMap((station) => (station.evses as IDataObject[]).map((evse) => String(evse.uid)))
		.filter((uid) => !taken.has(uid));
}

async function search(method: string, parameters: INodeParameters = {}, filter?: string) {
	return await runListSearch({
		nodeType: new GreenFluxSmartCharging(),
		method,
		parameters: { resource: 'capacityGroup', operation: 'get', ...parameters },
		credentials: {
			greenFluxPlatformApi: {
				environment: 'custom',
				url: sandbox().url,
				token: SMART_CHARGING_KEY,
			},
		},
		credentialTypes: [new GreenFluxPlatformApi()],
		filter,
	});
}

describe('Capacity Group', () => {
	const base = { resource: 'capacityGroup' };

	it('Get Many with Return All returns every group as the sandbox holds it, paged with limit/offset', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual((await controlGroups()).map(apiView));
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: GROUPS,
				query: { offset: '0', limit: '100' },
				status: 200,
			}),
		]);
	});

	it('Get Many: Limit, filters and sort order go to GreenFlux as query parameters', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			limit: 1,
			filters: { algorithm: 'CAPACITYMANAGEMENTDEFAULT', cpoExternalIds: 'NLGFXDEMO, NLGFXCITY' },
			options: { orderByName: 'DESC' },
		});
		expect(run.error).toBeUndefined();
		const expected = (await controlGroups())
			.filter((g) => g.algorithm === 'CAPACITYMANAGEMENTDEFAULT')
			.sort((a, b) => String(b.name).localeCompare(String(a.name)))
			.map(apiView);
		expect(run.json).toEqual(expected.slice(0, 1));
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query).toEqual(
			expect.objectContaining({
				algorithm: 'CAPACITYMANAGEMENTDEFAULT',
				order_by_name: 'DESC',
				limit: '1',
			}),
		);
	});

	it('Get Many: Name Starts With narrows the list', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'City' },
		});
		expect(run.json.map((g) => g.id)).toEqual([GARAGE, EXPANSION]);
	});

	it('Get returns one group, picked from the list or by ID', async () => {
		for (const capacityGroupId of [locator(DEPOT), locator(FAST_HUB, 'id'), GARAGE]) {
			const run = await runSmartCharging(sandbox(), { ...base, operation: 'get', capacityGroupId });
			expect(run.error).toBeUndefined();
			const id = typeof capacityGroupId === 'string' ? capacityGroupId : capacityGroupId.value;
			expect(run.json).toEqual([apiView(await controlGroup(id))]);
		}
	});

	it('Get CPO IDs: one item per CPO', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getCpoIds' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(
			sandbox().state.seed.cpos.map((cpo) => ({ cpo_external_id: cpo.cpo_id })),
		);
	});

	it('Create answers { id } (GreenFlux sends a bare string), Update changes it, Delete answers { deleted: true }', async () => {
		const created = await runSmartCharging(sandbox(), {
			...base,
			operation: 'create',
			name: 'Test hub Rotterdam',
			cpoExternalId: locator('NLGFXDEMO'),
			additionalFields: {
				algorithm: 'CAPACITYMANAGEMENTDC',
				capacityUpdateMethod: 'API',
				remarks: 'Created by the engine test',
			},
		});
		expect(created.error).toBeUndefined();
		expect(created.json).toEqual([{ id: expect.any(String) }]);
		const id = String(created.json[0].id);
		expect(created.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: GROUPS,
				status: 200,
				body: {
					name: 'Test hub Rotterdam',
					cpo_external_id: 'NLGFXDEMO',
					algorithm: 'CAPACITYMANAGEMENTDC',
					capacity_update_method: 'API',
					remarks: 'Created by the engine test',
				},
			}),
		]);
		expect(apiView(await controlGroup(id))).toEqual({
			id,
			name: 'Test hub Rotterdam',
			cpo_external_id: 'NLGFXDEMO',
			remarks: 'Created by the engine test',
			algorithm: 'CAPACITYMANAGEMENTDC',
			algorithm_display_name: 'Capacity Management - DC',
			capacity_update_method: 'API',
		});

		const updated = await runSmartCharging(sandbox(), {
			...base,
			operation: 'update',
			capacityGroupId: locator(id),
			name: 'Test hub Rotterdam-Zuid',
			updateFields: { algorithm: 'CAPACITYMANAGEMENTDEFAULT', remarks: 'Renamed' },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json).toEqual([
			{
				success: true,
				capacity_group_id: id,
				name: 'Test hub Rotterdam-Zuid',
				algorithm: 'CAPACITYMANAGEMENTDEFAULT',
				remarks: 'Renamed',
			},
		]);
		expect(updated.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`PUT ${GROUPS}/${id} 200`,
		]);
		expect(await controlGroup(id)).toEqual(
			expect.objectContaining({
				name: 'Test hub Rotterdam-Zuid',
				algorithm: 'CAPACITYMANAGEMENTDEFAULT',
				remarks: 'Renamed',
				capacity_update_method: 'API',
			}),
		);

		const deleted = await runSmartCharging(sandbox(), {
			...base,
			operation: 'delete',
			capacityGroupId: locator(id, 'id'),
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.json).toEqual([{ deleted: true, capacity_group_id: id }]);
		expect(deleted.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE ${GROUPS}/${id} 200`,
		]);
		expect(await controlGroup(id)).toBeUndefined();
	});

	it("Create for a CPO GreenFlux does not support fails with GreenFlux's validation message (HTTP 400)", async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'create',
			name: 'Nowhere',
			cpoExternalId: locator('XXNOCPO', 'id'),
		});
		expect(run.error?.message).toBe(
			`GreenFlux answered HTTP 400 to POST ${GROUPS}: One or more validation errors occurred. cpo_external_id: CPO 'XXNOCPO' is not supported for capacity groups (see /smartcharging/capacitygroups/cpoexternalids)`,
		);
		expect(run.requests).toHaveLength(1);
	});

	it('an unknown capacity group is a 404 with what GreenFlux said', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'get',
			capacityGroupId: locator('00000000-0000-0000-0000-000000000000', 'id'),
		});
		expect(run.error?.message).toBe(
			`GreenFlux found nothing at GET ${GROUPS}/00000000-0000-0000-0000-000000000000 (HTTP 404)`,
		);
		expect(String((run.error as { description?: string }).description)).toContain(
			"Capacity group '00000000-0000-0000-0000-000000000000' not found",
		);
	});

	it('a key without the Smart Charging module gets the 403 naming the module', async () => {
		const run = await runSmartCharging(
			sandbox(),
			{ ...base, operation: 'getAll', returnAll: true },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The Smart Charging module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect(String((run.error as { description?: string }).description)).toContain(
			'Ask GreenFlux to enable the Smart Charging module with read permission',
		);
		expect(run.requests.map((r) => r.status)).toEqual([403]);
	});

	it('the full key works as well as the Smart Charging key', async () => {
		const run = await runSmartCharging(
			sandbox(),
			{ ...base, operation: 'get', capacityGroupId: locator(DEPOT) },
			{ key: KEYS.full },
		);
		expect(run.json).toEqual([apiView(await controlGroup(DEPOT))]);
	});
});

describe('Capacity group list search', () => {
	it('lists every capacity group by name (with its CPO), the value being its ID', async () => {
		const result = await search('searchCapacityGroups');
		expect(result.results).toEqual(
			(await controlGroups()).map((g) => ({
				name: `${String(g.name)} (${String(g.cpo_external_id)})`,
				value: g.id,
			})),
		);
		expect(result.paginationToken).toBeUndefined();
	});

	it('filters on name, CPO and algorithm', async () => {
		const city = await search('searchCapacityGroups', {}, 'nlgfxcity');
		expect(city.results.map((r) => r.value)).toEqual([GARAGE, EXPANSION]);
		const dc = await search('searchCapacityGroups', {}, 'management - dc');
		expect(dc.results.map((r) => r.value)).toEqual([FAST_HUB]);
	});

	it('lists the EVSEs of the chosen group, and none before a group is chosen', async () => {
		const before = sandbox().log.entries.length;
		const none = await search('searchCapacityGroupEvses', {});
		expect(none.results).toEqual([]);
		expect(sandbox().log.entries.length).toBe(before);
		const result = await search('searchCapacityGroupEvses', {
			resource: 'priorityRequest',
			operation: 'create',
			capacityGroupId: locator(DEPOT),
		});
		expect(result.results.map((r) => r.value)).toEqual(evseUidsOf(await controlGroup(DEPOT)));
		expect(
			sandbox()
				.log.entries.slice(before)
				.map((r) => r.path),
		).toEqual([`${GROUPS}/${DEPOT}/evses/chargepoints`]);
	});

	it('lists the CPO IDs and the time zones', async () => {
		const cpos = await search('searchCpoIds');
		expect(cpos.results.map((r) => r.value)).toEqual(
			sandbox().state.seed.cpos.map((c) => c.cpo_id),
		);
		const zones = await search('searchTimeZones', {}, 'amsterdam');
		expect(zones.results).toEqual([
			{ name: '(UTC+01:00) Amsterdam, Berlin, Rome', value: 'W. Europe Standard Time' },
		]);
	});
});

describe('Capacity Group EVSE', () => {
	const base = { resource: 'capacityGroupEvse' };

	it('Get Many returns the EVSEs of the group as the sandbox holds them', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			capacityGroupId: locator(DEPOT),
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		const group = await controlGroup(DEPOT);
		expect(run.json).toEqual(group.evses);
		expect(run.json.map((e) => e.uid)).toContain('NL-GFX-E0016-1');
		expect(run.requests).toEqual([
			expect.objectContaining({
				path: `${GROUPS}/${DEPOT}/evses`,
				query: { offset: '0', limit: '100' },
			}),
		]);
	});

	it('Get Many: filters and sort order are sent as query parameters', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			capacityGroupId: locator(DEPOT),
			returnAll: true,
			filters: { smartChargingStatus: 'OFFLINE' },
			options: { orderByEvseUid: 'DESC' },
		});
		const expected = ((await controlGroup(DEPOT)).evses as IDataObject[])
			.filter((e) => e.smart_charging_status === 'OFFLINE')
			.sort((a, b) => String(b.uid).localeCompare(String(a.uid)));
		expect(expected.length).toBeGreaterThan(0);
		expect(run.json).toEqual(expected);
		expect(run.requests[0].query).toEqual(
			expect.objectContaining({ smart_charging_status: 'OFFLINE', order_by_evse_uid: 'DESC' }),
		);
	});

	it('Get Charge Points returns every EVSE with its charge point and connectors', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getChargePoints',
			capacityGroupId: locator(DEPOT),
		});
		expect(run.error).toBeUndefined();
		const evses = (await controlGroup(DEPOT)).evses as IDataObject[];
		expect(run.json).toEqual(
			evses.map((e) => ({
				uid: e.uid,
				name: expect.any(String),
				charge_point: { id: e.charge_point_id, connectors: e.connectors },
			})),
		);
	});

	it('Replace Charge Points from 5 input items sends ONE request with the 5 UIDs', async () => {
		const uids = (await freeEvses('NLGFXCITY')).slice(0, 5);
		expect(uids).toHaveLength(5);
		const run = await runSmartCharging(
			sandbox(),
			{
				...base,
				operation: 'replaceChargePoints',
				capacityGroupId: locator(EXPANSION),
				evseSource: 'items',
				evseUidField: 'evse.uid',
			},
			{ inputItems: uids.map((uid, i) => ({ evse: { uid }, n: i })) },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${EXPANSION}/evses/chargepoints`,
				status: 200,
				body: uids.map((uid) => ({ uid })),
			}),
		]);
		expect(run.json).toEqual([
			{ success: true, capacity_group_id: EXPANSION, evse_count: 5, evse_uids: uids },
		]);
		expect(run.items[0].pairedItem).toEqual(uids.map((_, item) => ({ item })));
		expect(evseUidsOf(await controlGroup(EXPANSION)).sort()).toEqual([...uids].sort());
	});

	it('Replace Charge Points from the EVSE UIDs field, and JSON [] empties the group', async () => {
		const current = evseUidsOf(await controlGroup(EXPANSION)) as string[];
		const kept = current.slice(0, 2);
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replaceChargePoints',
			capacityGroupId: locator(EXPANSION),
			evseSource: 'list',
			evseUids: kept.join(', '),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual(kept.map((uid) => ({ uid })));
		expect(evseUidsOf(await controlGroup(EXPANSION)).sort()).toEqual([...kept].sort());

		const emptied = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replaceChargePoints',
			capacityGroupId: locator(EXPANSION),
			evseSource: 'json',
			evsesJson: '[]',
		});
		expect(emptied.error).toBeUndefined();
		expect(emptied.json).toEqual([
			{ success: true, capacity_group_id: EXPANSION, evse_count: 0, evse_uids: [] },
		]);
		expect(emptied.requests).toEqual([expect.objectContaining({ status: 200, body: [] })]);
		expect(evseUidsOf(await controlGroup(EXPANSION))).toEqual([]);
	});

	it('Delete removes one EVSE from its group and answers { deleted: true } with the IDs', async () => {
		const [uid, ...rest] = evseUidsOf(await controlGroup(GARAGE)) as string[];
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'delete',
			capacityGroupId: locator(GARAGE),
			evseUid: locator(uid),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ deleted: true, capacity_group_id: GARAGE, evse_uid: uid }]);
		expect(run.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`DELETE ${GROUPS}/${GARAGE}/evses/${uid} 200`,
		]);
		expect(evseUidsOf(await controlGroup(GARAGE))).toEqual(rest);
	});
});

describe('Priority Request', () => {
	const base = { resource: 'priorityRequest' };

	it('Create asks priority for an EVSE of the group; the sandbox records it', async () => {
		const uid = String(evseUidsOf(await controlGroup(DEPOT))[0]);
		const before = (await control('/priority')).length;
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'create',
			capacityGroupId: locator(DEPOT),
			evseUid: locator(uid, 'id'),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ success: true, capacity_group_id: DEPOT, evse_uid: uid }]);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `${GROUPS}/${DEPOT}/evses/${uid}/priority`,
				status: 200,
			}),
		]);
		const after = await control('/priority');
		expect(after).toHaveLength(before + 1);
		expect(after[after.length - 1]).toEqual(
			expect.objectContaining({ capacity_group_id: DEPOT, evse_uid: uid }),
		);
	});

	it('Get Many returns the requests of the period, filtered by capacity group', async () => {
		const all = await control('/priority');
		const dateFrom = '2026-10-18T00:00:00Z';
		const dateTo = '2026-11-02T00:00:00Z';
		const inRange = all.filter(
			(p) =>
				Date.parse(String(p.timestamp)) >= Date.parse(dateFrom) &&
				Date.parse(String(p.timestamp)) < Date.parse(dateTo),
		);
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
			dateFrom,
			dateTo,
			filters: { capacityGroupId: locator(DEPOT), cpoExternalIds: 'NLGFXDEMO' },
			options: { orderByTimestamp: 'DESC' },
		});
		expect(run.error).toBeUndefined();
		const expected = inRange
			.filter((p) => p.capacity_group_id === DEPOT)
			.sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
		expect(expected.length).toBeGreaterThan(0);
		expect(run.json).toEqual(expected);
		expect(run.requests).toEqual([
			expect.objectContaining({
				path: '/api/1.0/smartcharging/reports/priority',
				query: {
					date_from: dateFrom,
					date_to: dateTo,
					capacity_group_id: DEPOT,
					cpo_external_ids: 'NLGFXDEMO',
					order_by_timestamp: 'DESC',
					offset: '0',
					limit: '100',
				},
			}),
		]);
		const unfiltered = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			returnAll: true,
			dateFrom,
			dateTo,
		});
		expect(unfiltered.json).toEqual(inRange);
	});
});
