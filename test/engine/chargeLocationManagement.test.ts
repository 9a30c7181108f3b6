import { describe, expect, it } from '@jest/globals';
import type {
	IDataObject,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
} from 'n8n-workflow';

import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { GreenFlux } from '../../nodes/GreenFlux/GreenFlux.node';
import type { LoggedRequest } from '../sandbox/requestLog';
import type { Json } from '../sandbox/seed';
import {
	chargeStationStore,
	chargeStationView,
	findStation,
} from '../sandbox/routes/chargeStations';
import { cpoCustomerStore, findCustomer } from '../sandbox/routes/cpoCustomers';
import {
	findLocation,
	locationV2View,
	locationsV2,
	stationsAt,
} from '../sandbox/routes/locationsV2';
import { runListSearch } from './harness';
import { KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox();
const state = () => sandbox().state;

/** A resource locator value as n8n stores it in a workflow. */
const locator = (value: string, mode: 'list' | 'id' = 'id') => ({ __rl: true, mode, value });

const description = (run: { error?: unknown }) =>
	String((run.error as { description?: string } | undefined)?.description ?? '');

const only = (requests: LoggedRequest[]) => {
	expect(requests).toHaveLength(1);
	return requests[0];
};

const stationViews = () => state().seed.chargeStations.map(chargeStationView);
const locationWithStations = (index = 0) =>
	state().seed.locations.filter((l) => (l.chargeStationIds as string[]).length > 0)[index];

/** The option of the node's Operation property for a resource and operation. */
function operationOption(resource: string, operation: string): INodePropertyOptions {
	const property = new GreenFlux().description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
	)!;
	return (property.options as INodePropertyOptions[]).find((o) => o.value === operation)!;
}

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

/** A minimal EVSE list for charge stations created in these tests. */
const evsesFor = (stationId: string) => [
	{
		uid: `NL-GFX-E${stationId}-1`,
		evse_id: `NL*GFX*E${stationId}*1`,
		evse_sequence_number: 1,
		capabilities: ['RFID_READER'],
		connectors: [
			{
				id: '1',
				standard: 'IEC_62196_T2',
				format: 'SOCKET',
				power_type: 'AC_3_PHASE',
				voltage: 230,
				amperage: 16,
				max_electric_power: 11000,
			},
		],
	},
];

async function createStation(locationId: string, overrides: INodeParameters = {}): Promise<string> {
	const id = uniqueId('N8N-CS');
	const run = await runGreenFlux(sandbox(), {
		resource: 'chargeStation',
		operation: 'create',
		newChargeStationId: id,
		locationId: locator(locationId),
		deployState: 'Stock',
		defaultTariffId: 'GFX-STANDARD',
		chargerType: 'Business',
		evseSource: 'evses',
		evses: JSON.stringify(evsesFor(id)),
		...overrides,
	});
	expect(run.error).toBeUndefined();
	return id;
}

async function createLocation(overrides: INodeParameters = {}): Promise<string> {
	const run = await runGreenFlux(sandbox(), {
		resource: 'location',
		operation: 'create',
		cpoId: 'NLGFXDEMO',
		name: 'n8n test location',
		address: 'Teststraat 1',
		city: 'Utrecht',
		postalCode: '3511 AB',
		country: 'NLD',
		...overrides,
	});
	expect(run.error).toBeUndefined();
	return String(run.json[0].id);
}

// ---------------------------------------------------------------------------------------------
// Charge stations
// ---------------------------------------------------------------------------------------------

describe('Charge Station › Get Many', () => {
	it('Return All returns every charge station the sandbox holds, in order, paging by 100', async () => {
		const expected = stationViews();
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'getAll',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests.map((r) => [r.method, r.path, r.query])).toEqual(
			Array.from({ length: Math.floor(expected.length / 100) + 1 }, (_, page) => [
				'GET',
				'/api/1.0/ChargeStations',
				{ offset: String(page * 100), limit: '100' },
			]),
		);
	});

	it('sends every filter (CPO, location from the list, dates, exclude EVSE changes) and returns the matching stations', async () => {
		const location = locationWithStations(2);
		const stations = stationsAt(state(), location);
		const dateFrom = '2026-01-01T00:00:00Z';
		const dateTo = '2026-12-01T00:00:00Z';
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'getAll',
			returnAll: true,
			dateFrom,
			dateTo,
			filters: {
				cpoId: String(location.cpo_id),
				locationId: locator(String(location.id), 'list'),
				excludeEvsesModified: true,
			},
		});
		expect(run.error).toBeUndefined();
		expect(stations.length).toBeGreaterThan(0);
		expect(run.json).toEqual(stations.map(chargeStationView));
		expect(only(run.requests).query).toEqual({
			offset: '0',
			limit: '100',
			cpoId: String(location.cpo_id),
			location_id: String(location.id),
			date_from: dateFrom,
			date_to: dateTo,
			exclude_evses_modified: 'true',
		});
	});

	it('Date From filters on the last change, and Limit stops after the first page', async () => {
		const all = stationViews();
		const cut = [...all.map((s) => String(s.modified))].sort()[Math.floor(all.length / 2)];
		const expected = all.filter((s) => String(s.modified) >= cut);
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			dateFrom: cut,
		});
		expect(run.json).toEqual(expected.slice(0, 3));
		expect(only(run.requests).query).toEqual({
			offset: '0',
			limit: '3',
			date_from: cut.replace(/\.\d+Z$/, 'Z'),
		});
	});
});

describe('Charge Station › Create', () => {
	it('with EVSEs given as JSON: sends the documented body and returns the station the sandbox now holds', async () => {
		const location = locationWithStations(0);
		const id = uniqueId('N8N-CS');
		const evses = evsesFor(id);
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'create',
			newChargeStationId: id,
			locationId: locator(String(location.id), 'list'),
			deployState: 'Production',
			defaultTariffId: 'GFX-STANDARD',
			chargerType: 'Public',
			evseSource: 'evses',
			evses: JSON.stringify(evses),
			additionalFields: {
				name: 'n8n created station',
				tapToStop: true,
				contactlessTerminalAuthAmount: 1.25,
				authRules: JSON.stringify([{ type: 'ClosedGroups', value: 'token1' }]),
				chargeStationJson: JSON.stringify({
					remarks: 'from JSON',
					name: 'JSON loses to the Name field',
				}),
			},
		});
		expect(run.error).toBeUndefined();
		const stored = findStation(state(), id)!;
		expect(run.json).toEqual([chargeStationView(stored)]);
		expect(stored.location_id).toBe(location.id);
		const request = only(run.requests);
		expect([request.method, request.path]).toEqual(['POST', '/api/1.0/ChargeStations']);
		expect(request.body).toEqual({
			charge_station_id: id,
			location_id: location.id,
			deploy_state: 'Production',
			default_charge_station_tariff_id: 'GFX-STANDARD',
			charger_type: 'Public',
			evses,
			name: 'n8n created station',
			tap_to_stop: true,
			contactless_terminal_auth_amount: 1.25,
			auth_rules: [{ type: 'ClosedGroups', value: 'token1' }],
			remarks: 'from JSON',
		});
		// Locations v1 and v2 show the new EVSE at its location.
		const v1 = state()
			.locationsV1()
			.find((l) => l.id === location.id)!;
		expect((v1.evses as Json[]).map((e) => e.uid)).toContain(evses[0].uid);
		expect((locationV2View(state(), location).evses as Json[]).map((e) => e.uid)).toContain(
			evses[0].uid,
		);
	});

	it('with a hardware template: GreenFlux expands the template into EVSEs', async () => {
		const location = locationWithStations(1);
		const id = uniqueId('N8N-TPL');
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'create',
			newChargeStationId: id,
			locationId: locator(String(location.id)),
			deployState: 'Stock',
			defaultTariffId: 'A1',
			chargerType: 'Home',
			evseSource: 'template',
			chargeStationTemplateId: 'GFX-AC-2x22',
		});
		expect(run.error).toBeUndefined();
		expect(only(run.requests).body).toEqual({
			charge_station_id: id,
			location_id: location.id,
			deploy_state: 'Stock',
			default_charge_station_tariff_id: 'A1',
			charger_type: 'Home',
			charge_station_template_id: 'GFX-AC-2x22',
		});
		expect(run.json).toEqual([chargeStationView(findStation(state(), id)!)]);
		expect((run.json[0].evses as Json[]).map((e) => e.uid)).toEqual([
			`NL-GFX-E${id}-1`,
			`NL-GFX-E${id}-2`,
		]);
		expect(run.json[0]).not.toHaveProperty('charge_station_template_id');
	});

	it('at a location that does not exist: the business error names the missing location', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'create',
			newChargeStationId: uniqueId('N8N-NOLOC'),
			locationId: locator('no-such-location'),
			deployState: 'Stock',
			defaultTariffId: 'A1',
			chargerType: 'Public',
			evseSource: 'template',
			chargeStationTemplateId: 'GFX-DC-50',
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(
			/status_code 2000 .*Location 'no-such-location' does not exist/,
		);
		expect(only(run.requests).ocpiStatus).toBe(2000);
	});
});

describe('Charge Station › Get', () => {
	it('returns the station the sandbox holds, by ID', async () => {
		const station = state().seed.chargeStations[4];
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'get',
			chargeStationId: locator(String(station.charge_station_id)),
		});
		expect(run.json).toEqual([chargeStationView(station)]);
		expect(run.json[0]).not.toHaveProperty('cpo_id');
		const request = only(run.requests);
		expect([request.method, request.path]).toEqual([
			'GET',
			`/api/1.0/ChargeStations/${station.charge_station_id}`,
		]);
	});

	it('an unknown ID is a 404 error', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'get',
			chargeStationId: locator('NOPE-1'),
		});
		expect(run.error?.message).toBe(
			'GreenFlux found nothing at GET /api/1.0/ChargeStations/NOPE-1 (HTTP 404)',
		);
	});

	it.each(['chargeStation', 'location'])(
		'%s › Get says it is not for bulk polling and points to Get Many with Date From',
		(resource) => {
			const get = operationOption(resource, 'get');
			expect(get.description).toMatch(/Not for bulk polling/);
			expect(get.description).toMatch(/Get Many with Date From/);
		},
	);
});

describe('Charge Station › Replace', () => {
	it('without an etag: reads the station first and sends its current etag', async () => {
		const id = await createStation(String(locationWithStations(3).id));
		const before = { ...findStation(state(), id)! };
		const target = locationWithStations(4);
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'replace',
			chargeStationId: locator(id),
			locationId: locator(String(target.id)),
			deployState: 'Production',
			defaultTariffId: 'GFX-FAST',
			chargerType: 'Public',
			additionalFields: { name: 'replaced', remarks: 'new remarks' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/1.0/ChargeStations/${id}`],
			['PUT', `/api/1.0/ChargeStations/${id}`],
		]);
		expect(run.requests[1].body).toEqual({
			charge_station_id: id,
			location_id: target.id,
			deploy_state: 'Production',
			default_charge_station_tariff_id: 'GFX-FAST',
			charger_type: 'Public',
			etag: before.etag,
			name: 'replaced',
			remarks: 'new remarks',
		});
		const after = findStation(state(), id)!;
		expect(run.json).toEqual([chargeStationView(after)]);
		expect(after.etag).not.toBe(before.etag);
		expect(after.location_id).toBe(target.id);
		expect(stationsAt(state(), target).map((s) => s.charge_station_id)).toContain(id);
	});

	it('with a stale etag: fails with an explanation and writes nothing', async () => {
		const station = state().seed.chargeStations[6];
		const before = JSON.stringify(station);
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'replace',
			chargeStationId: locator(String(station.charge_station_id)),
			locationId: locator(String(station.location_id)),
			deployState: 'Production',
			defaultTariffId: 'GFX-STANDARD',
			chargerType: 'Public',
			etag: 'a4226211-202c-4e58-b6d4-c302b3b7afbd',
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			`The charge station ${station.charge_station_id} was changed in GreenFlux after its etag was read (etag mismatch)`,
		);
		expect(description(run)).toMatch(
			/someone or something changed this charge station since that etag was read/,
		);
		expect(description(run)).toMatch(/Leave "Etag" empty to let the node read the current etag/);
		expect(description(run)).toMatch(/a4226211-202c-4e58-b6d4-c302b3b7afbd/);
		const request = only(run.requests);
		expect([request.method, request.ocpiStatus, (request.body as IDataObject).etag]).toEqual([
			'PUT',
			2000,
			'a4226211-202c-4e58-b6d4-c302b3b7afbd',
		]);
		expect(JSON.stringify(station)).toBe(before);
	});

	it('an unknown charge station: the etag read fails with a hint to use Create, and nothing is written', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'replace',
			chargeStationId: locator('NOT-THERE'),
			locationId: locator(String(locationWithStations(0).id)),
			deployState: 'Stock',
			defaultTariffId: 'A1',
			chargerType: 'Public',
		});
		expect(run.error?.message).toBe(
			'GreenFlux has no charge station NOT-THERE to replace (HTTP 404)',
		);
		expect(description(run)).toMatch(/use Create/);
		expect(run.requests.map((r) => r.method)).toEqual(['GET']);
		expect(findStation(state(), 'NOT-THERE')).toBeUndefined();
	});
});

describe('Charge Station › Update', () => {
	it('PATCHes only the given fields, other fields keep their values', async () => {
		const station = state().seed.chargeStations[8];
		const before = { ...station };
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'update',
			chargeStationId: locator(String(station.charge_station_id), 'list'),
			updateFields: {
				maintenanceInfo: 'Cable replaced',
				deployState: 'Deprecated',
				stopOnParking: true,
			},
		});
		expect(run.error).toBeUndefined();
		const request = only(run.requests);
		expect([request.method, request.path]).toEqual([
			'PATCH',
			`/api/1.0/ChargeStations/${station.charge_station_id}`,
		]);
		expect(request.body).toEqual({
			charge_station_id: station.charge_station_id,
			maintenance_info: 'Cable replaced',
			deploy_state: 'Deprecated',
			stop_on_parking: true,
		});
		expect(run.json).toEqual([chargeStationView(station)]);
		expect(station).toMatchObject({
			maintenance_info: 'Cable replaced',
			deploy_state: 'Deprecated',
			name: before.name,
			default_charge_station_tariff_id: before.default_charge_station_tariff_id,
		});
		expect(station.etag).not.toBe(before.etag);
	});

	it('moves a station to another location (picked in the update fields) and keeps Locations v1 consistent', async () => {
		const from = locationWithStations(5);
		const to = locationWithStations(6);
		const id = await createStation(String(from.id));
		const uid = `NL-GFX-E${id}-1`;
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'update',
			chargeStationId: locator(id),
			updateFields: { locationId: locator(String(to.id), 'list') },
		});
		expect(run.error).toBeUndefined();
		expect(only(run.requests).body).toEqual({ charge_station_id: id, location_id: to.id });
		const v1 = (locationId: unknown) =>
			(
				state()
					.locationsV1()
					.find((l) => l.id === locationId)!.evses as Json[]
			).map((e) => e.uid);
		expect(v1(to.id)).toContain(uid);
		expect(v1(from.id)).not.toContain(uid);
	});

	it('a stale etag in the update fields is explained', async () => {
		const station = state().seed.chargeStations[9];
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'update',
			chargeStationId: locator(String(station.charge_station_id)),
			updateFields: { name: 'x', etag: 'stale-etag' },
		});
		expect(run.error?.message).toMatch(
			/was changed in GreenFlux after its etag was read \(etag mismatch\)/,
		);
		expect(description(run)).toMatch(/the etag given in "Etag" \(stale-etag\)/);
		expect(station.name).not.toBe('x');
	});
});

describe('Hardware Template', () => {
	it('Create sends the template with the cpsoIds header and returns what the sandbox stored', async () => {
		const templateId = uniqueId('TPL');
		const evseTemplates = [
			{
				evse_sequence_number: 1,
				capabilities: ['RFID_READER'],
				connector_templates: [
					{
						id: 1,
						standard: 'IEC_62196_T2',
						format: 'SOCKET',
						power_type: 'AC_3_PHASE',
						voltage: 230,
						amperage: 16,
						max_electric_power: 11000,
					},
				],
			},
		];
		const run = await runGreenFlux(sandbox(), {
			resource: 'hardwareTemplate',
			operation: 'create',
			name: 'n8n template',
			evseTemplates: JSON.stringify(evseTemplates),
			additionalFields: { templateId, cpsoIds: 'NLGFXCITY, NLGFXDEMO' },
		});
		expect(run.error).toBeUndefined();
		const stored = chargeStationStore(state()).templates.find((t) => t.template_id === templateId)!;
		expect(stored).toEqual({
			template_id: templateId,
			name: 'n8n template',
			tenant_id: 'NLGFXCITY',
			evse_templates: evseTemplates,
		});
		expect(run.json).toEqual([stored]);
		const request = only(run.requests);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/1.0/ChargeStations/ChargestationTemplate',
			{ name: 'n8n template', evse_templates: evseTemplates, template_id: templateId },
		]);
		expect(chargeStationStore(state()).cpsoIdsReceived.at(-1)?.cpsoIds).toBe('NLGFXCITY,NLGFXDEMO');
		// A station created from the new template gets its EVSE.
		const id = await createStation(String(locationWithStations(7).id), {
			evseSource: 'template',
			chargeStationTemplateId: templateId,
		});
		expect(
			(findStation(state(), id)!.evses as Json[]).map(
				(e) => (e.connectors as Json[])[0].max_electric_power,
			),
		).toEqual([11000]);
	});

	it('Get Many returns every template, or only those of the CPSOs in the cpsoIds header', async () => {
		const all = await runGreenFlux(sandbox(), {
			resource: 'hardwareTemplate',
			operation: 'getAll',
		});
		expect(all.json).toEqual(chargeStationStore(state()).templates);
		expect(only(all.requests).path).toBe('/api/1.0/ChargeStations/ChargestationTemplate');
		expect(chargeStationStore(state()).cpsoIdsReceived.at(-1)?.cpsoIds).toBeUndefined();
		const city = await runGreenFlux(sandbox(), {
			resource: 'hardwareTemplate',
			operation: 'getAll',
			options: { cpsoIds: 'NLGFXCITY' },
		});
		expect(city.json).toEqual(
			chargeStationStore(state()).templates.filter((t) => t.tenant_id === 'NLGFXCITY'),
		);
		expect(city.json.length).toBeGreaterThan(0);
		expect(city.json.length).toBeLessThan(all.json.length);
		expect(chargeStationStore(state()).cpsoIdsReceived.at(-1)?.cpsoIds).toBe('NLGFXCITY');
	});
});

// ---------------------------------------------------------------------------------------------
// Locations v2
// ---------------------------------------------------------------------------------------------

describe('Location (v2) › Get Many', () => {
	it('Return All returns every location in the v2 shape (no internal fields), in one page of up to 1000', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(locationsV2(state()));
		expect(
			run.json.every(
				(l) => !('chargeStationIds' in l) && typeof l.etag === 'string' && Array.isArray(l.evses),
			),
		).toBe(true);
		expect(only(run.requests).query).toEqual({ offset: '0', limit: '1000' });
		expect(run.requests[0].path).toBe('/api/2.0/Locations');
	});

	it('address filters and Exclude EVSEs are sent and applied', async () => {
		const location = locationWithStations(3);
		const [, street, houseNumber] = /^(.*?)\s+(\d+)$/.exec(String(location.address))!;
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters: {
				street,
				houseNumber,
				city: String(location.city),
				postcode: String(location.postal_code).slice(0, 4),
				country: 'NLD',
				cpoId: String(location.cpo_id),
				excludeEvses: true,
			},
		});
		expect(run.error).toBeUndefined();
		const expected = state().seed.locations.filter(
			(l) =>
				l.address === `${street} ${houseNumber}` &&
				l.city === location.city &&
				String(l.postal_code).startsWith(String(location.postal_code).slice(0, 4)) &&
				l.cpo_id === location.cpo_id,
		);
		expect(run.json).toEqual(
			expected.map((l) => locationV2View(state(), l, { excludeEvses: true })),
		);
		expect(run.json.map((l) => l.id)).toContain(location.id);
		expect(run.json.every((l) => (l.evses as Json[]).length === 0)).toBe(true);
		expect(only(run.requests).query).toEqual({
			offset: '0',
			limit: '1000',
			street,
			housenumber: houseNumber,
			city: String(location.city),
			postcode: String(location.postal_code).slice(0, 4),
			country: 'NLD',
			cpoId: String(location.cpo_id),
			exclude_evses: 'true',
		});
	});

	it('geo search: latitude, longitude and distance are sent; only locations within the radius come back', async () => {
		const location = locationWithStations(1);
		const { latitude, longitude } = location.coordinates as { latitude: string; longitude: string };
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters: { latitude: Number(latitude), longitude: Number(longitude), distanceInMeters: 250 },
		});
		expect(run.error).toBeUndefined();
		expect(run.json.map((l) => l.id)).toContain(location.id);
		expect(run.json.length).toBeLessThan(state().seed.locations.length);
		expect(only(run.requests).query).toEqual({
			offset: '0',
			limit: '1000',
			latitude: String(Number(latitude)),
			longitude: String(Number(longitude)),
			distanceinmeters: '250',
		});
	});

	it('dates and Exclude EVSE Changes are sent; Limit stops early', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			dateFrom: '2026-08-01T00:00:00Z',
			dateTo: '2026-10-01T00:00:00Z',
			filters: { excludeEvsesModified: true },
		});
		const expected = state().seed.locations.filter(
			(l) =>
				String(l.last_updated) >= '2026-08-01T00:00:00Z' &&
				String(l.last_updated) < '2026-10-01T00:00:00Z',
		);
		expect(run.json).toEqual(expected.slice(0, 2).map((l) => locationV2View(state(), l)));
		expect(only(run.requests).query).toEqual({
			offset: '0',
			limit: '2',
			date_from: '2026-08-01T00:00:00Z',
			date_to: '2026-10-01T00:00:00Z',
			exclude_evses_modified: 'true',
		});
	});

	it.each([
		[{ latitude: 52.37 }, /Filters: Longitude is required when Latitude is set/],
		[{ longitude: 4.89 }, /Filters: Latitude is required when Longitude is set/],
		[
			{ latitude: 52.37, longitude: 4.89, distanceInMeters: 50 },
			/Distance \(Meters\) must be a whole number from 100 to 1000 \(got 50\)/,
		],
		[{ distanceInMeters: 200 }, /Distance \(Meters\) needs Latitude and Longitude/],
		[{ country: 'NL' }, /Country: "NL" is not a 3-letter country code/],
	])('bad geo or country filter %j fails before any request', async (filters, message) => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters,
		});
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(description(run)).toMatch(/No request was sent to GreenFlux/);
		expect(run.requests).toHaveLength(0);
	});
});

describe('Location (v2) › Create', () => {
	it('sends the required and additional fields and returns the location the sandbox now holds', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'create',
			cpoId: 'NLGFXCITY',
			name: 'n8n Garage',
			address: 'Stationsplein 5',
			city: 'Utrecht',
			postalCode: '3511 ED',
			country: 'NLD',
			additionalFields: {
				type: 'PARKING_GARAGE',
				publish: true,
				latitude: '52.089000',
				longitude: '5.110000',
				facilities: ['TRAIN_STATION', 'CAFE'],
				openingTimes: JSON.stringify({
					regular_hours: [{ weekday: 1, period_begin: '07:00', period_end: '23:00' }],
				}),
				twentyFourSeven: false,
				maintenanceInfo: 'Entrance via level -1',
				locationJson: JSON.stringify({
					custom_groups: [{ name: 'Station', external_id: 'G1' }],
					name: 'loses to Name',
				}),
			},
		});
		expect(run.error).toBeUndefined();
		const request = only(run.requests);
		expect([request.method, request.path]).toEqual(['POST', '/api/2.0/Locations']);
		expect(request.body).toEqual({
			cpo_id: 'NLGFXCITY',
			name: 'n8n Garage',
			address: 'Stationsplein 5',
			city: 'Utrecht',
			postal_code: '3511 ED',
			country: 'NLD',
			type: 'PARKING_GARAGE',
			publish: true,
			coordinates: { latitude: '52.089000', longitude: '5.110000' },
			facilities: ['TRAIN_STATION', 'CAFE'],
			opening_times: {
				regular_hours: [{ weekday: 1, period_begin: '07:00', period_end: '23:00' }],
				twentyfourseven: false,
			},
			maintenance_info: 'Entrance via level -1',
			custom_groups: [{ name: 'Station', external_id: 'G1' }],
		});
		const stored = findLocation(state(), String(run.json[0].id))!;
		expect(run.json).toEqual([locationV2View(state(), stored)]);
		expect(run.json[0]).toMatchObject({
			cpo_id: 'NLGFXCITY',
			maintenance_info: 'Entrance via level -1',
			evses: [],
		});
		// No EVSEs yet, so Locations v1 does not list it; one station later it does, without v2-only fields.
		expect(
			state()
				.locationsV1()
				.some((l) => l.id === stored.id),
		).toBe(false);
		await createStation(String(stored.id));
		const v1 = state()
			.locationsV1()
			.find((l) => l.id === stored.id)!;
		expect(v1).toMatchObject({ name: 'n8n Garage', type: 'PARKING_GARAGE' });
		expect(v1).not.toHaveProperty('maintenance_info');
		expect(v1).not.toHaveProperty('etag');
	});

	it('an invalid alpha-3 country is rejected by GreenFlux with its CountryCode3 message', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'create',
			cpoId: 'NLGFXDEMO',
			name: 'x',
			address: 'x 1',
			city: 'x',
			postalCode: '1',
			country: 'XYZ',
		});
		expect(run.error?.message).toMatch(
			/status_code 2000 .*CountryCode3: XYZ is not a valid 3 letter Country Code\./,
		);
		expect(only(run.requests).ocpiStatus).toBe(2000);
	});

	it('an alpha-2 country fails before any request', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'create',
			cpoId: 'NLGFXDEMO',
			name: 'x',
			address: 'x 1',
			city: 'x',
			postalCode: '1',
			country: 'NL',
		});
		expect(run.error?.message).toBe('Country: "NL" is not a 3-letter country code');
		expect(run.requests).toHaveLength(0);
	});
});

describe('Location (v2) › Get', () => {
	it('returns the location with the EVSEs of its stations; Exclude EVSEs sends excludeEvses (camelCase)', async () => {
		const location = locationWithStations(2);
		const full = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: locator(String(location.id), 'list'),
		});
		expect(full.json).toEqual([locationV2View(state(), location)]);
		expect((full.json[0].evses as Json[]).map((e) => e.uid)).toEqual(
			stationsAt(state(), location).flatMap((s) => (s.evses as Json[]).map((e) => e.uid)),
		);
		expect([only(full.requests).path, full.requests[0].query]).toEqual([
			`/api/2.0/Locations/${location.id}`,
			{},
		]);
		const bare = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: locator(String(location.id)),
			options: { excludeEvses: true },
		});
		expect(bare.json).toEqual([locationV2View(state(), location, { excludeEvses: true })]);
		expect(only(bare.requests).query).toEqual({ excludeEvses: 'true' });
	});
});

describe('Location (v2) › Replace', () => {
	it('without an etag: reads the location first, sends its current etag, clears fields left out and keeps v1 consistent', async () => {
		const location = locationWithStations(8);
		const before = locationV2View(state(), location);
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'replace',
			locationId: locator(String(location.id)),
			cpoId: String(location.cpo_id),
			name: 'Replaced name',
			address: String(location.address),
			city: String(location.city),
			postalCode: String(location.postal_code),
			country: 'NLD',
			additionalFields: { remarks: 'replaced' },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/2.0/Locations/${location.id}`],
			['PUT', `/api/2.0/Locations/${location.id}`],
		]);
		expect(run.requests[1].body).toEqual({
			id: location.id,
			cpo_id: location.cpo_id,
			name: 'Replaced name',
			address: location.address,
			city: location.city,
			postal_code: location.postal_code,
			country: 'NLD',
			etag: before.etag,
			remarks: 'replaced',
		});
		const after = locationV2View(state(), location);
		expect(run.json).toEqual([after]);
		expect(after.etag).not.toBe(before.etag);
		expect(after).not.toHaveProperty('type');
		expect(
			state()
				.locationsV1()
				.find((l) => l.id === location.id),
		).toMatchObject({ name: 'Replaced name', last_updated: after.last_updated });
	});

	it('with a stale etag: fails with the explained etag-mismatch error', async () => {
		const location = locationWithStations(9);
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'replace',
			locationId: locator(String(location.id)),
			cpoId: String(location.cpo_id),
			name: 'never written',
			address: String(location.address),
			city: String(location.city),
			postalCode: String(location.postal_code),
			country: 'NLD',
			etag: 'd2208227-ce34-44ed-a831-7236362a5bb0',
		});
		expect(run.error?.message).toBe(
			`The location ${location.id} was changed in GreenFlux after its etag was read (etag mismatch)`,
		);
		expect(description(run)).toMatch(/Leave "Etag" empty/);
		expect(description(run)).toMatch(/GreenFlux said: .*etag mismatch/);
		expect(only(run.requests).method).toBe('PUT');
		expect(location.name).not.toBe('never written');
	});
});

describe('Location (v2) › Update', () => {
	it('PATCHes only the given fields (with the id in the body) and keeps v1 consistent', async () => {
		const location = locationWithStations(10);
		const before = locationV2View(state(), location);
		const run = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'update',
			locationId: locator(String(location.id)),
			updateFields: {
				name: 'Patched name',
				maintenanceInfo: 'Update for the maintenance information',
				twentyFourSeven: false,
			},
		});
		expect(run.error).toBeUndefined();
		const request = only(run.requests);
		expect([request.method, request.path, request.body]).toEqual([
			'PATCH',
			`/api/2.0/Locations/${location.id}`,
			{
				id: location.id,
				name: 'Patched name',
				maintenance_info: 'Update for the maintenance information',
				opening_times: { twentyfourseven: false },
			},
		]);
		const after = locationV2View(state(), location);
		expect(run.json).toEqual([after]);
		expect(after).toMatchObject({
			name: 'Patched name',
			maintenance_info: 'Update for the maintenance information',
			address: before.address,
			type: before.type,
		});
		expect(after.etag).not.toBe(before.etag);
		expect(
			state()
				.locationsV1()
				.find((l) => l.id === location.id),
		).toMatchObject({ name: 'Patched name', opening_times: { twentyfourseven: false } });
	});
});

// ---------------------------------------------------------------------------------------------
// CPO customers
// ---------------------------------------------------------------------------------------------

describe('CPO Customer', () => {
	it('Get Many returns every customer; the CPO filter is sent as cpo_id', async () => {
		const all = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json).toEqual(cpoCustomerStore(state()).customers);
		expect(all.json.length).toBeGreaterThanOrEqual(6);
		expect(only(all.requests).query).toEqual({ offset: '0', limit: '1000' });
		const city = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { cpoId: 'NLGFXCITY' },
		});
		expect(city.json).toEqual(
			cpoCustomerStore(state())
				.customers.filter((c) => c.cpo_id === 'NLGFXCITY')
				.slice(0, 2),
		);
		expect(only(city.requests).query).toEqual({ offset: '0', limit: '2', cpo_id: 'NLGFXCITY' });
	});

	it('Create sends the customer with its operator details and returns what the sandbox stored', async () => {
		const externalId = uniqueId('CUST');
		const run = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'create',
			cpoId: 'NLGFXDEMO',
			externalId,
			name: 'Example CPO Customer',
			additionalFields: {
				vatNumber: 'NL123456789B01',
				properties: JSON.stringify([{ name: 'CustomPropertyA', value: 'A' }]),
				operatorName: 'Operator ABC',
				operatorSupportEmail: 'support@operatorabc.com',
			},
		});
		expect(run.error).toBeUndefined();
		const request = only(run.requests);
		expect([request.method, request.path, request.body]).toEqual([
			'POST',
			'/api/2.0/CpoCustomers',
			{
				cpo_id: 'NLGFXDEMO',
				external_id: externalId,
				name: 'Example CPO Customer',
				vat_number: 'NL123456789B01',
				properties: [{ name: 'CustomPropertyA', value: 'A' }],
				operator_details: { name: 'Operator ABC', support_email: 'support@operatorabc.com' },
			},
		]);
		expect(run.json).toEqual([findCustomer(state(), 'NLGFXDEMO', externalId)]);
	});

	it('Create: operator details without an operator name fail before any request', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'create',
			cpoId: 'NLGFXDEMO',
			externalId: 'x',
			name: 'x',
			additionalFields: { operatorWebsiteUrl: 'https://example.com' },
		});
		expect(run.error?.message).toBe(
			'Additional Fields: Operator Name is required when other operator details are set',
		);
		expect(run.requests).toHaveLength(0);
	});

	it('Get returns one customer by CPO and external ID; an unknown one is a 404', async () => {
		const customer = cpoCustomerStore(state()).customers[4];
		const run = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'get',
			cpoId: String(customer.cpo_id),
			externalId: String(customer.external_id),
		});
		expect(run.json).toEqual([customer]);
		expect(only(run.requests).path).toBe(
			`/api/2.0/CpoCustomers/${customer.cpo_id}/${customer.external_id}`,
		);
		const missing = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'get',
			cpoId: 'NLGFXDEMO',
			externalId: 'nobody',
		});
		expect(missing.error?.message).toBe(
			'GreenFlux found nothing at GET /api/2.0/CpoCustomers/NLGFXDEMO/nobody (HTTP 404)',
		);
	});

	it('Update replaces the customer (PUT) with the cpsoIds header; fields left out are cleared', async () => {
		const customer = cpoCustomerStore(state()).customers[1];
		expect(customer.vat_number).toBeDefined();
		const run = await runGreenFlux(sandbox(), {
			resource: 'cpoCustomer',
			operation: 'update',
			cpoId: String(customer.cpo_id),
			externalId: String(customer.external_id),
			name: 'Updated Example CPO Customer',
			additionalFields: {
				properties: JSON.stringify([{ name: 'CustomPropertyA', value: 'Updated' }]),
				cpsoIds: 'NLGFXDEMO',
			},
		});
		expect(run.error).toBeUndefined();
		const request = only(run.requests);
		expect([request.method, request.path, request.body]).toEqual([
			'PUT',
			`/api/2.0/CpoCustomers/${customer.cpo_id}/${customer.external_id}`,
			{
				name: 'Updated Example CPO Customer',
				properties: [{ name: 'CustomPropertyA', value: 'Updated' }],
			},
		]);
		expect(cpoCustomerStore(state()).cpsoIdsReceived.at(-1)).toBe('NLGFXDEMO');
		const stored = findCustomer(state(), String(customer.cpo_id), String(customer.external_id))!;
		expect(run.json).toEqual([stored]);
		expect(stored).toEqual({
			name: 'Updated Example CPO Customer',
			cpo_id: customer.cpo_id,
			external_id: customer.external_id,
			properties: [{ name: 'CustomPropertyA', value: 'Updated' }],
		});
	});

	it('the Update operation explains that it replaces the whole customer', () => {
		expect(operationOption('cpoCustomer', 'update').description).toMatch(
			/replaces the whole customer \(PUT\).*cleared/,
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Round trips, permissions, list search
// ---------------------------------------------------------------------------------------------

describe('round trips', () => {
	it('location: create → get → update → replace → get', async () => {
		const id = await createLocation({ name: 'Round trip', additionalFields: { remarks: 'v1' } });
		const etags: unknown[] = [locationV2View(state(), findLocation(state(), id)!).etag];
		const get = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: locator(id),
		});
		expect(get.json[0]).toMatchObject({ id, name: 'Round trip', remarks: 'v1', etag: etags[0] });
		const update = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'update',
			locationId: locator(id),
			updateFields: { remarks: 'v2', etag: String(etags[0]) },
		});
		expect(update.error).toBeUndefined();
		etags.push(update.json[0].etag);
		const replace = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'replace',
			locationId: locator(id),
			cpoId: 'NLGFXDEMO',
			name: 'Round trip replaced',
			address: 'Teststraat 2',
			city: 'Utrecht',
			postalCode: '3511 AB',
			country: 'NLD',
			etag: String(etags[1]),
		});
		expect(replace.error).toBeUndefined();
		expect(replace.requests.map((r) => r.method)).toEqual(['PUT']);
		etags.push(replace.json[0].etag);
		const final = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: locator(id),
		});
		expect(final.json).toEqual([locationV2View(state(), findLocation(state(), id)!)]);
		expect(final.json[0]).toMatchObject({
			name: 'Round trip replaced',
			address: 'Teststraat 2',
			etag: etags[2],
		});
		expect(final.json[0]).not.toHaveProperty('remarks');
		expect(new Set(etags).size).toBe(3);
	});

	it('charge station: create → get → update → replace → get', async () => {
		const locationId = await createLocation({ name: 'Station round trip' });
		const id = await createStation(locationId, {
			evseSource: 'template',
			chargeStationTemplateId: 'GFX-DC-50',
		});
		const get = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'get',
			chargeStationId: locator(id),
		});
		expect(get.json[0]).toMatchObject({
			charge_station_id: id,
			location_id: locationId,
			charging_speed: 'Fast',
			deploy_state: 'Stock',
		});
		const update = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'update',
			chargeStationId: locator(id),
			updateFields: { deployState: 'Production' },
		});
		expect(update.json[0]).toMatchObject({ deploy_state: 'Production' });
		expect(update.json[0].etag).not.toBe(get.json[0].etag);
		const replace = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'replace',
			chargeStationId: locator(id),
			locationId: locator(locationId),
			deployState: 'Production',
			defaultTariffId: 'GFX-FAST',
			chargerType: 'Public',
			additionalFields: { chargeStationTemplateId: 'GFX-AC-2x22' },
		});
		expect(replace.error).toBeUndefined();
		expect((replace.requests[1].body as IDataObject).etag).toBe(update.json[0].etag);
		const final = await runGreenFlux(sandbox(), {
			resource: 'chargeStation',
			operation: 'get',
			chargeStationId: locator(id),
		});
		expect(final.json).toEqual([chargeStationView(findStation(state(), id)!)]);
		expect(final.json[0]).toMatchObject({
			default_charge_station_tariff_id: 'GFX-FAST',
			charging_speed: 'Slow',
			etag: replace.json[0].etag,
		});
		expect((final.json[0].evses as Json[]).map((e) => e.uid)).toEqual([
			`NL-GFX-E${id}-1`,
			`NL-GFX-E${id}-2`,
		]);
		const location = await runGreenFlux(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: locator(locationId),
		});
		expect((location.json[0].evses as Json[]).map((e) => e.uid)).toEqual([
			`NL-GFX-E${id}-1`,
			`NL-GFX-E${id}-2`,
		]);
	});
});

describe('permissions', () => {
	it('a read-only key can read charge stations but not update a location (403 names the module and write permission)', async () => {
		const read = await runGreenFlux(
			sandbox(),
			{ resource: 'chargeStation', operation: 'getAll', returnAll: false, limit: 1 },
			{ key: KEYS.readOnly },
		);
		expect(read.error).toBeUndefined();
		const write = await runGreenFlux(
			sandbox(),
			{
				resource: 'location',
				operation: 'update',
				locationId: locator(String(state().seed.locations[0].id)),
				updateFields: { remarks: 'x' },
			},
			{ key: KEYS.readOnly },
		);
		expect(write.error?.message).toBe(
			'The Locations v2 module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect(description(write)).toMatch(/write permission/);
	});
});

/** A list-search method of the GreenFlux node, called the way n8n's editor does. */
async function listSearch(
	method: 'searchLocations' | 'searchChargeStations',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await runListSearch({
		nodeType: new GreenFlux(),
		method,
		parameters: { resource: 'chargeStation', operation: 'get' },
		credentials: {
			greenFluxPlatformApi: { environment: 'custom', url: sandbox().url, token: KEYS.full },
		},
		credentialTypes: [new GreenFluxPlatformApi()],
		filter,
		paginationToken,
	});
}

describe('list search (resource locators)', () => {
	it('locations: every location (name, city) through the Locations v2 list, without EVSEs', async () => {
		const before = sandbox().log.entries.length;
		const result = await listSearch('searchLocations');
		expect(result.results.map((r) => r.value)).toEqual(state().seed.locations.map((l) => l.id));
		expect(result.results[0].name).toBe(
			`${state().seed.locations[0].name}, ${state().seed.locations[0].city}`,
		);
		expect(result.paginationToken).toBeUndefined();
		const requests = sandbox().log.entries.slice(before);
		expect(requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/api/2.0/Locations', { exclude_evses: 'true', offset: '0', limit: '1000' }],
		]);
	});

	it('locations: the filter narrows the list (case-insensitive, on name, city and address)', async () => {
		const result = await listSearch('searchLocations', 'groNINgen');
		const expected = state().seed.locations.filter((l) =>
			`${l.name} ${l.city} ${l.address}`.toLowerCase().includes('groningen'),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.results.map((r) => r.value)).toEqual(expected.map((l) => l.id));
	});

	it('charge stations: pages of 100 with a pagination token, filter on ID or name', async () => {
		const location = String(locationWithStations(11).id);
		while (state().seed.chargeStations.length <= 100) await createStation(location);
		const stations = state().seed.chargeStations;
		const first = await listSearch('searchChargeStations');
		expect(first.results.map((r) => r.value)).toEqual(
			stations.slice(0, 100).map((s) => s.charge_station_id),
		);
		expect(first.paginationToken).toBe('100');
		const second = await listSearch('searchChargeStations', undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(
			stations.slice(100).map((s) => s.charge_station_id),
		);
		expect(second.paginationToken).toBeUndefined();
		const station = stations[5];
		const filtered = await listSearch('searchChargeStations', String(station.charge_station_id));
		expect(filtered.results).toEqual([
			{ name: `${station.charge_station_id} (${station.name})`, value: station.charge_station_id },
		]);
	});
});
