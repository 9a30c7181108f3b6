import { describe, expect, it } from '@jest/globals';
import type { INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { GreenFlux } from '../../nodes/GreenFlux/GreenFlux.node';
import type { Json } from '../sandbox/seed';
import { runListSearch } from './harness';
import { KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox();

/** A resource locator value as n8n stores it in a workflow. */
const locator = (value: string, mode: 'list' | 'id' = 'list') => ({ __rl: true, mode, value });

async function searchEvses(parameters: INodeParameters): Promise<INodeListSearchResult> {
	return await runListSearch({
		nodeType: new GreenFlux(),
		method: 'searchEvses',
		parameters: { resource: 'remoteCommand', operation: 'startSession', ...parameters },
		credentials: {
			greenFluxPlatformApi: { environment: 'custom', url: sandbox().url, token: KEYS.full },
		},
		credentialTypes: [new GreenFluxPlatformApi()],
	});
}

const locationsV1 = () => sandbox().state.locationsV1();
const evseUids = (locations: Json[]) =>
	locations.flatMap((l) => (l.evses as Json[]).map((e) => String(e.uid)));

describe('EVSE resource locator', () => {
	it('lists the EVSEs of the location chosen in the node, in one request', async () => {
		const location = locationsV1()[3];
		const before = sandbox().log.entries.length;
		const result = await searchEvses({ locationId: locator(String(location.id)) });
		expect(result.results.map((r) => r.value)).toEqual(evseUids([location]));
		const evse = (location.evses as Json[])[0];
		expect(result.results[0].name).toBe(
			`${String(evse.evse_id ?? evse.uid)} — ${String(location.name)} (${String(evse.status)})`,
		);
		const requests = sandbox().log.entries.slice(before);
		expect(requests.map((r) => r.path)).toEqual([`/api/1.0/locations/${String(location.id)}`]);
	});

	it('without a chosen location lists the EVSEs of every location, page by page', async () => {
		const result = await searchEvses({});
		const all = evseUids(locationsV1());
		expect(result.results.map((r) => r.value)).toEqual(all.slice(0, result.results.length));
		expect(result.results.length).toBeGreaterThan(0);
	});

	it('a location given by ID narrows the list too', async () => {
		const location = locationsV1()[0];
		const result = await searchEvses({ locationId: locator(String(location.id), 'id') });
		expect(result.results.map((r) => r.value)).toEqual(evseUids([location]));
	});
});

describe('locators wherever an ID is asked for (plain IDs of older workflows still work)', () => {
	it('Locations (V1) › Get EVSE takes a location and an EVSE from the lists', async () => {
		const location = locationsV1()[1];
		const evse = (location.evses as Json[])[0];
		const run = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getEvse',
			locationId: locator(String(location.id)),
			evseUid: locator(String(evse.uid)),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([evse]);
	});

	it('Locations (V1) › Get EVSE still takes plain IDs', async () => {
		const location = locationsV1()[1];
		const evse = (location.evses as Json[])[0];
		const run = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getEvse',
			locationId: String(location.id),
			evseUid: String(evse.uid),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([evse]);
	});

	it('Charge Station Configuration › Get Station Values takes the charge station from the list', async () => {
		const station = sandbox().state.seed.chargeStations[0];
		const run = await runGreenFlux(sandbox(), {
			resource: 'chargeStationConfiguration',
			operation: 'getStationValues',
			chargeStationId: locator(String(station.charge_station_id)),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => r.path)).toEqual([
			`/api/1.0/chargestationconfigurations/${String(station.charge_station_id)}`,
		]);
	});
});
