import { beforeAll, describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { runChargeAssist, sandboxControl, useSandbox } from './helpers';

// Location › every operation against the sandbox's Charge Assist locations (scale 3: 120 public
// locations in six Dutch cities plus the drivers' private ones), with the expected output computed from
// the sandbox's own state (control route /__sandbox/chargeassist/locations).

const sandbox = useSandbox({ scale: 3 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

interface ControlEvse extends IDataObject {
	uid: string;
	evseId: string;
	status: string;
	restrictedAccess: boolean;
	chargeStationOnline: boolean;
}
interface ControlLocation extends IDataObject {
	id: string;
	name: string;
	address: string;
	city: string;
	postalCode: string;
	coordinates: { latitude: number; longitude: number };
	ownerAppToken: string | null;
	evses: ControlEvse[];
}

let locations: ControlLocation[] = [];
beforeAll(async () => {
	locations = await sandboxControl<ControlLocation[]>(
		sandbox(),
		'/__sandbox/chargeassist/locations',
	);
});

/** What every route lists without filters: public locations with an EVSE that is not semi-public. */
const listed = () =>
	locations.filter((l) => l.ownerAppToken === null && l.evses.some((e) => !e.restrictedAccess));
const ids = (items: IDataObject[]) => items.map((item) => String(item.id ?? item.locationId));
const startable = (l: ControlLocation) =>
	l.evses.some((e) => e.chargeStationOnline && e.status === 'AVAILABLE');

function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
	const rad = Math.PI / 180;
	const a =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 6371 * 2 * Math.asin(Math.sqrt(a));
}

const UTRECHT = { latitude: 52.0907, longitude: 5.1214 };
/** A box around Utrecht (and nothing of the other five cities). */
const UTRECHT_BOX = {
	bottomLeftLatitude: 52.0,
	bottomLeftLongitude: 5.0,
	topRightLatitude: 52.2,
	topRightLongitude: 5.3,
};
const inUtrechtBox = (l: ControlLocation) =>
	l.coordinates.latitude >= 52 &&
	l.coordinates.latitude <= 52.2 &&
	l.coordinates.longitude >= 5 &&
	l.coordinates.longitude <= 5.3;

/** Locations that can start a session first, keeping the order otherwise (GreenFlux's priority). */
function expectStartableFirst(found: IDataObject[]) {
	const byId = new Map(locations.map((l) => [l.id, l]));
	const flags = ids(found).map((id) => startable(byId.get(id)!));
	expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
}

describe('Location › Get Many', () => {
	it('with filters: one country, semi-public chargers included → every public location, in order', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters: { country: 'NLD', restrictedAccess: true },
		});
		expect(run.error).toBeUndefined();
		const expected = locations.filter((l) => l.ownerAppToken === null);
		expect(expected.length).toBeGreaterThan(listed().length);
		expect(ids(run.json)).toEqual(ids(expected));
		expect(run.requests[0].query).toEqual({
			'filter.country': 'NLD',
			'filter.restrictedAccess': 'true',
		});
	});
});

describe('Location › Search', () => {
	it('v1: the compact locations whose name, address, city or postal code contain the text, by name', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'search',
			searchQuery: 'Oudegracht',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		const expected = listed()
			.filter((l) =>
				[l.name, l.city, l.address, l.postalCode].some((t) =>
					t.toLowerCase().includes('oudegracht'),
				),
			)
			.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
		expect(expected.length).toBeGreaterThan(3);
		expect(ids(run.json)).toEqual(ids(expected));
		expect(run.json[0]).toEqual(
			expect.objectContaining({ add: expected[0].address, lat: expected[0].coordinates.latitude }),
		);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/locations/search',
				query: { q: 'Oudegracht', pageSize: '100' },
				status: 200,
			}),
		]);
	});

	it('v2.1: full locations, nearest to the driver first, with filters as dotted query parameters', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'search',
			apiVersion: '2.1',
			searchQuery: 'Utrecht',
			limit: 5,
			filters: { powerType: 'AC', connectorTypes: ['IEC_62196_T2'], minKw: 11 },
			options: { userLatitude: UTRECHT.latitude, userLongitude: UTRECHT.longitude },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toEqual(
			expect.objectContaining({
				path: '/v2.1/locations/search',
				query: expect.objectContaining({
					q: 'Utrecht',
					'filter.powerType': 'AC',
					'filter.connectorTypes': 'IEC_62196_T2',
					'filter.minKw': '11',
					userLatitude: String(UTRECHT.latitude),
					pageSize: '5',
				}),
			}),
		);
		expect(run.json).toHaveLength(5);
		const distances = run.json.map((l) => {
			const c = l.coordinates as { latitude: number; longitude: number };
			return distanceKm(UTRECHT.latitude, UTRECHT.longitude, c.latitude, c.longitude);
		});
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		for (const location of run.json) {
			expect(location.city).toBe('Utrecht');
			expect(Array.isArray(location.evses)).toBe(true);
		}
	});

	it('Return All over more than 3 pages equals the sandbox list exactly (continuationToken header)', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'search',
			searchQuery: 'nl-gfx',
			returnAll: true,
			options: { pageSize: 25 },
		});
		expect(run.error).toBeUndefined();
		const expected = listed().sort(
			(a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
		);
		expect(expected.length).toBeGreaterThan(75);
		expect(ids(run.json)).toEqual(ids(expected));
		expect(run.requests).toHaveLength(Math.ceil(expected.length / 25));
		expect(run.requests.length).toBeGreaterThan(3);
		expect(run.requests.every((r) => r.query?.pageSize === '25' && r.status === 200)).toBe(true);
	});

	it('Limit stops on the page that reaches it, asking only for what is needed', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'search',
			searchQuery: 'nl-gfx',
			limit: 7,
		});
		expect(run.json).toHaveLength(7);
		expect(run.requests).toEqual([
			expect.objectContaining({ query: { q: 'nl-gfx', pageSize: '7' } }),
		]);
	});
});

describe('Location › Get Nearby', () => {
	const within50 = () =>
		listed().filter(
			(l) =>
				distanceKm(
					UTRECHT.latitude,
					UTRECHT.longitude,
					l.coordinates.latitude,
					l.coordinates.longitude,
				) <= 50,
		);

	it('v1: at most 25 compact locations within 50 km, startable ones first, one request, no pageSize', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getNearby',
			...UTRECHT,
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				path: '/locations/nearby',
				query: { latitude: String(UTRECHT.latitude), longitude: String(UTRECHT.longitude) },
			}),
		]);
		expect(within50().length).toBeGreaterThan(25);
		expect(run.json).toHaveLength(25);
		const near = new Set(ids(within50()));
		expect(ids(run.json).every((id) => near.has(id))).toBe(true);
		expectStartableFirst(run.json);
	});

	it('v2.1: every location within 50 km (full form), paged', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getNearby',
			apiVersion: '2.1',
			...UTRECHT,
			returnAll: true,
			options: { pageSize: 20 },
		});
		expect(run.error).toBeUndefined();
		expect(ids(run.json).sort()).toEqual(ids(within50()).sort());
		expect(run.requests).toHaveLength(Math.ceil(within50().length / 20));
		expect(run.requests.every((r) => r.path === '/v2.1/locations/nearby')).toBe(true);
		expectStartableFirst(run.json);
	});
});

describe('Location › Get In Bounding Box / Minimal / Map Tile', () => {
	it.each(['1', '2.1'])(
		'Get In Bounding Box (v%s): the locations inside the box, startable ones first',
		async (apiVersion) => {
			const run = await runChargeAssist(sandbox(), {
				resource: 'location',
				operation: 'getInBoundingBox',
				apiVersion,
				...UTRECHT_BOX,
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			expect(run.requests[0]).toEqual(
				expect.objectContaining({
					path: `${apiVersion === '2.1' ? '/v2.1' : ''}/locations/boundingbox`,
					query: {
						bottomLeftLat: '52',
						bottomLeftLng: '5',
						topRightLat: '52.2',
						topRightLng: '5.3',
						pageSize: '100',
					},
				}),
			);
			const expected = listed().filter(inUtrechtBox);
			expect(expected.length).toBeGreaterThan(5);
			expect(ids(run.json).sort()).toEqual(ids(expected).sort());
			expectStartableFirst(run.json);
		},
	);

	it.each(['1', '2.1'])(
		'Get In Bounding Box (Minimal), v%s: coordinates and EVSE counts per location, as the sandbox has them',
		async (apiVersion) => {
			const run = await runChargeAssist(sandbox(), {
				resource: 'location',
				operation: 'getInBoundingBoxMinimal',
				apiVersion,
				...UTRECHT_BOX,
				returnAll: true,
				options: { pageSize: 4 },
			});
			expect(run.error).toBeUndefined();
			expect(run.requests.map((r) => r.path)).toEqual(
				run.requests.map(
					() => `${apiVersion === '2.1' ? '/v2.1' : ''}/locations/boundingbox-minimal`,
				),
			);
			expect(run.requests.length).toBeGreaterThan(1);
			const expected = listed().filter(inUtrechtBox);
			expect(ids(run.json).sort()).toEqual(ids(expected).sort());
			for (const pin of run.json) {
				const location = expected.find((l) => l.id === pin.locationId)!;
				expect(pin).toEqual({
					lat: location.coordinates.latitude,
					lon: location.coordinates.longitude,
					locationId: location.id,
					evsesCount: location.evses.length,
					evsesAvailableCount: location.evses.filter((e) => e.status === 'AVAILABLE').length,
				});
			}
		},
	);

	it('Get Map Tile: clusters holding exactly the listed locations on that tile', async () => {
		const zoom = 9;
		const tileX = Math.floor(((UTRECHT.longitude + 180) / 360) * 2 ** zoom);
		const rad = (UTRECHT.latitude * Math.PI) / 180;
		const tileY = Math.floor(
			((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** zoom,
		);
		const lngOf = (x: number) => (x / 2 ** zoom) * 360 - 180;
		const latOf = (y: number) =>
			(Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** zoom))) * 180) / Math.PI;
		const onTile = listed().filter(
			(l) =>
				l.coordinates.longitude >= lngOf(tileX) &&
				l.coordinates.longitude < lngOf(tileX + 1) &&
				l.coordinates.latitude <= latOf(tileY) &&
				l.coordinates.latitude > latOf(tileY + 1),
		);
		expect(onTile.length).toBeGreaterThan(0);
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getTile',
			zoomLevel: zoom,
			tileX,
			tileY,
			options: { overlapPixel: 40 },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].query).toEqual({
			zoomLevel: String(zoom),
			x: String(tileX),
			y: String(tileY),
			overlapPixel: '40',
		});
		const counted = run.json.reduce((sum, cluster) => sum + Number(cluster.count), 0);
		expect(counted).toBe(onTile.length);
		const evses = run.json.reduce((sum, cluster) => sum + Number(cluster.evsCnt), 0);
		expect(evses).toBe(onTile.reduce((sum, l) => sum + l.evses.length, 0));
		for (const cluster of run.json.filter((c) => c.type === 'ChargeStation'))
			expect(ids(onTile)).toContain((cluster.locationIds as string[])[0]);
	});
});

describe('Location › Get / Get by EVSE', () => {
	it('Get (v1 and v2.1): the full location with every EVSE and its live status', async () => {
		const location = listed()[3];
		for (const apiVersion of ['1', '2.1']) {
			const run = await runChargeAssist(sandbox(), {
				resource: 'location',
				operation: 'get',
				apiVersion,
				locationId: location.id,
			});
			expect(run.error).toBeUndefined();
			expect(run.requests.map((r) => r.path)).toEqual([
				`${apiVersion === '2.1' ? '/v2.1' : ''}/locations/${location.id}`,
			]);
			expect(run.json).toHaveLength(1);
			expect(run.json[0]).toEqual(
				expect.objectContaining({
					id: location.id,
					name: location.name,
					address: location.address,
				}),
			);
			expect((run.json[0].evses as IDataObject[]).map((e) => [e.uid, e.status])).toEqual(
				location.evses.map((e) => [e.uid, e.status]),
			);
		}
	});

	it("Get: a driver's private location needs the driver's app token (403 otherwise)", async () => {
		const { appTokens, evses } = fixtures();
		const home = evses.demoHome!;
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: home.locationId,
			filters: { appToken: appTokens.demo },
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toEqual(
			expect.objectContaining({ id: home.locationId, isPrivateLocation: true }),
		);
		const refused = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'get',
			locationId: home.locationId,
		});
		expect(refused.error?.message).toMatch(/HTTP 403/);
	});

	it('Get by EVSE: the location of an EVSE, by EVSE UID and by EVSE ID', async () => {
		const location = listed()[5];
		const evse = location.evses[0];
		for (const [apiVersion, key] of [
			['1', evse.uid],
			['2.1', evse.evseId],
		]) {
			const run = await runChargeAssist(sandbox(), {
				resource: 'location',
				operation: 'getByEvse',
				apiVersion,
				evseUid: key,
			});
			expect(run.error).toBeUndefined();
			expect(run.requests[0].path).toBe(
				`${apiVersion === '2.1' ? '/v2.1' : ''}/locations/evse/${encodeURIComponent(key)}`,
			);
			expect(run.json).toEqual([expect.objectContaining({ id: location.id })]);
		}
	});
});

describe('Location › Get Availability', () => {
	it('45 location IDs: exactly 3 requests (20, 20, 5) and one merged item per location', async () => {
		const chosen = listed().slice(0, 45);
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getAvailability',
			locationIds: `={{ ${JSON.stringify(ids(chosen))} }}`,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/locations/availability'],
			['POST', '/locations/availability'],
			['POST', '/locations/availability'],
		]);
		expect(
			run.requests.map((r) => ((r.body as IDataObject).locationIds as string[]).length),
		).toEqual([20, 20, 5]);
		expect(ids(run.json)).toEqual(ids(chosen));
		for (const [index, item] of run.json.entries()) {
			expect((item.evses as IDataObject[]).map((e) => [e.uid, e.status])).toEqual(
				chosen[index].evses.map((e) => [e.uid, e.status]),
			);
		}
	});

	it('Combine Input Items: the IDs of every input item, each once, in as few requests as possible', async () => {
		const chosen = listed().slice(10, 35);
		const inputItems = chosen.map((l) => ({ id: l.id }));
		const run = await runChargeAssist(
			sandbox(),
			{
				resource: 'location',
				operation: 'getAvailability',
				combineItems: true,
				locationIds: '={{ $json.id }}, ' + chosen[0].id,
			},
			{ inputItems },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
		expect(ids(run.json)).toEqual(ids(chosen));
		expect(run.items[0].pairedItem).toEqual(inputItems.map((_, item) => ({ item })));
	});
});

describe('Location › bad input fails before any request, naming the field', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'latitude above 90',
			{ operation: 'getNearby', latitude: 95, longitude: 5 },
			/^Latitude: must be between -90 and 90 \(got 95\)$/,
		],
		[
			'longitude below -180',
			{ operation: 'getNearby', latitude: 52, longitude: -200 },
			/^Longitude: must be between -180 and 180 \(got -200\)$/,
		],
		[
			'user latitude out of range',
			{ operation: 'search', searchQuery: 'x', options: { userLatitude: -91, userLongitude: 5 } },
			/^Options → User Latitude: must be between -90 and 90/,
		],
		[
			'user longitude without user latitude',
			{ operation: 'search', searchQuery: 'x', options: { userLongitude: 5 } },
			/^Options → User Latitude: is required with Options → User Longitude$/,
		],
		[
			'bounding box corner out of range',
			{ operation: 'getInBoundingBox', ...UTRECHT_BOX, topRightLongitude: 181 },
			/^Top Right Longitude: must be between -180 and 180 \(got 181\)$/,
		],
		[
			'bounding box upside down',
			{ operation: 'getInBoundingBoxMinimal', ...UTRECHT_BOX, bottomLeftLatitude: 53 },
			/^Bottom Left Latitude: must not be north of Top Right Latitude/,
		],
		[
			'page size 0',
			{ operation: 'search', searchQuery: 'x', options: { pageSize: 0 } },
			/^Options → Page Size: must be between 1 and 100 \(got 0\)$/,
		],
		[
			'page size 101',
			{ operation: 'getInBoundingBox', ...UTRECHT_BOX, options: { pageSize: 101 } },
			/^Options → Page Size: must be between 1 and 100 \(got 101\)$/,
		],
		[
			'page size not whole',
			{ operation: 'search', searchQuery: 'x', options: { pageSize: 2.5 } },
			/^Options → Page Size: must be a whole number \(got 2.5\)$/,
		],
		[
			'empty ID list for availability',
			{ operation: 'getAvailability', locationIds: '={{ [] }}' },
			/^Location IDs: give at least one location ID$/,
		],
		[
			'only commas for availability',
			{ operation: 'getAvailability', locationIds: ' , ,' },
			/^Location IDs: give at least one location ID$/,
		],
		[
			'tile outside the zoom level',
			{ operation: 'getTile', zoomLevel: 2, tileX: 4, tileY: 0 },
			/^Tile X: must be between 0 and 3 \(got 4\)$/,
		],
		[
			'search v1 without a query',
			{ operation: 'search', searchQuery: '' },
			/^Search Query: is required with API version 1$/,
		],
	];
	it.each(cases)('%s', async (_name, parameters, message) => {
		const run = await runChargeAssist(sandbox(), { resource: 'location', ...parameters });
		expect(run.error?.message).toMatch(message);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/No request was sent to GreenFlux\.$/,
		);
		expect(run.requests).toHaveLength(0);
	});
});
