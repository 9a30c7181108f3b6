import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { runChargeAssist, sandboxControl, useSandbox } from './helpers';

// The driver's places against the sandbox: private locations, favourites, tariffs and QR codes, with the
// expected output taken from the sandbox's own state (control routes /__sandbox/chargeassist/…).

const sandbox = useSandbox();
const fixtures = () => chargeAssistFixtures(sandbox().state);

interface ControlToken {
	appToken: string;
	favorites: string[];
	wallet: IDataObject[];
}
interface ControlLocation extends IDataObject {
	id: string;
	name: string;
	ownerAppToken: string | null;
	evses: Array<IDataObject & { uid: string; qrUrl: string; evseId: string }>;
}

const tokens = async () =>
	await sandboxControl<ControlToken[]>(sandbox(), '/__sandbox/chargeassist/tokens');
const favoritesOf = async (appToken: string) =>
	(await tokens()).find((t) => t.appToken === appToken)!.favorites;
const controlLocations = async () =>
	await sandboxControl<ControlLocation[]>(sandbox(), '/__sandbox/chargeassist/locations');

describe('Private Location › Get Many', () => {
	it("the driver's private chargers, and only the driver's", async () => {
		const { appTokens } = fixtures();
		const locations = await controlLocations();
		for (const appToken of [appTokens.demo, appTokens.second]) {
			const run = await runChargeAssist(sandbox(), {
				resource: 'privateLocation',
				operation: 'getAll',
				appToken,
				returnAll: true,
			});
			expect(run.error).toBeUndefined();
			const own = locations.filter((l) => l.ownerAppToken === appToken);
			expect(own.length).toBeGreaterThan(0);
			expect(run.json.map((l) => l.id)).toEqual(own.map((l) => l.id));
			expect(run.json.every((l) => l.isPrivateLocation === true)).toBe(true);
			expect(run.requests).toEqual([
				expect.objectContaining({
					path: `/privatelocations/${appToken}`,
					query: { pageSize: '100' },
				}),
			]);
		}
	});

	it('an app token GreenFlux does not know: 404 saying to register it first', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'privateLocation',
			operation: 'getAll',
			appToken: fixtures().appTokens.unregistered,
		});
		expect(run.error?.message).toMatch(
			/^GreenFlux found nothing at GET \/privatelocations\/.* \(HTTP 404\)/,
		);
	});
});

describe('Favorite › Add / Get Many / Remove', () => {
	it('v1: add two favourites (one with a name), list them nearest first, remove one', async () => {
		const { appTokens } = fixtures();
		const appToken = appTokens.second;
		const locations = (await controlLocations()).filter((l) => l.ownerAppToken === null);
		const [office, station] = [locations[1], locations[2]];

		const added = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'add',
			appToken,
			locationId: office.id,
			additionalFields: { displayName: 'Office' },
		});
		expect(added.error).toBeUndefined();
		expect(added.json).toEqual([
			{ success: true, favorite: true, locationId: office.id, displayName: 'Office' },
		]);
		expect(added.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `/favorites/${appToken}/location/${office.id}`,
				body: { displayName: 'Office' },
				status: 204,
			}),
		]);
		await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'add',
			appToken,
			locationId: station.id,
		});
		expect(await favoritesOf(appToken)).toEqual([office.id, station.id]);

		const coordinates = station.coordinates as { latitude: number; longitude: number };
		const listed = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'getAll',
			appToken,
			returnAll: true,
			options: { userLatitude: coordinates.latitude, userLongitude: coordinates.longitude },
		});
		expect(listed.error).toBeUndefined();
		expect(listed.json.map((l) => l.id)).toEqual([station.id, office.id]);
		expect(listed.json.find((l) => l.id === office.id)?.displayName).toBe('Office');

		const removed = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'remove',
			appToken,
			locationId: office.id,
		});
		expect(removed.error).toBeUndefined();
		expect(removed.json).toEqual([{ success: true, favorite: false, locationId: office.id }]);
		expect(removed.requests[0]).toEqual(expect.objectContaining({ method: 'DELETE', status: 204 }));
		expect(await favoritesOf(appToken)).toEqual([station.id]);
	});

	it('v2.1: the same favourites through /v2.1, listed with filters', async () => {
		const { appTokens } = fixtures();
		const appToken = appTokens.demo;
		const locations = (await controlLocations()).filter((l) => l.ownerAppToken === null);
		const acOnly = locations.find((l) =>
			l.evses.every((e) => (e.connectors as IDataObject[]).every((c) => c.powerType !== 'DC')),
		)!;
		const withDc = locations.find((l) =>
			l.evses.some((e) => (e.connectors as IDataObject[]).some((c) => c.powerType === 'DC')),
		)!;
		for (const location of [acOnly, withDc]) {
			const run = await runChargeAssist(sandbox(), {
				resource: 'favorite',
				operation: 'add',
				apiVersion: '2.1',
				appToken,
				locationId: location.id,
			});
			expect(run.requests.map((r) => r.path)).toEqual([
				`/v2.1/favorites/${appToken}/location/${location.id}`,
			]);
		}
		const all = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'getAll',
			apiVersion: '2.1',
			appToken,
			returnAll: true,
		});
		expect(all.json.map((l) => l.id)).toEqual(await favoritesOf(appToken));
		const dc = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'getAll',
			apiVersion: '2.1',
			appToken,
			returnAll: true,
			filters: { powerType: 'DC' },
		});
		expect(dc.error).toBeUndefined();
		expect(dc.requests[0]).toEqual(
			expect.objectContaining({
				path: `/v2.1/favorites/${appToken}/locations`,
				query: { 'filter.powerType': 'DC' },
			}),
		);
		expect(dc.json.map((l) => l.id)).toEqual([withDc.id]);

		const removed = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'remove',
			apiVersion: '2.1',
			appToken,
			locationId: acOnly.id,
		});
		expect(removed.requests.map((r) => [r.method, r.path])).toEqual([
			['DELETE', `/v2.1/favorites/${appToken}/location/${acOnly.id}`],
		]);
		expect(await favoritesOf(appToken)).toEqual([withDc.id]);
	});

	it('removing a location that is not a favourite: GreenFlux says so (404)', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'favorite',
			operation: 'remove',
			appToken: fixtures().appTokens.second,
			locationId: 'nl-gfx-no-such-location',
		});
		expect(run.error?.message).toMatch(
			/HTTP 404\): Location 'nl-gfx-no-such-location' is not a favourite\./,
		);
	});
});

describe('Tariff › Get for EVSE / Get Default / Get Bulk', () => {
	it("Get for EVSE: one item per payment method of the driver's wallet, with its validity", async () => {
		const { appTokens, evses } = fixtures();
		const wallet = (await tokens()).find((t) => t.appToken === appTokens.demo)!.wallet;
		const run = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getForEvse',
			appToken: appTokens.demo,
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
			options: { connectorId: evses.available!.connectorId },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0]).toEqual(
			expect.objectContaining({
				path: `/tariff/${appTokens.demo}/evse/${evses.available!.locationId}/${evses.available!.evseUid}`,
				query: { connectorId: evses.available!.connectorId },
			}),
		);
		expect(run.json.map((t) => (t.paymentMethod as IDataObject).id)).toEqual(
			wallet.map((p) => p.id),
		);
		const byType = Object.fromEntries(
			run.json.map((t) => [(t.paymentMethod as IDataObject).id, t.validity]),
		);
		const { paymentMethods } = fixtures();
		expect(byType[paymentMethods.demoVisa!]).toBe('VALID');
		expect(byType[paymentMethods.demoChargeCard!]).toBe('UNKNOWN');
		expect(run.json.find((t) => t.validity === 'VALID')?.tariff).toEqual(
			expect.objectContaining({ currency: 'EUR', tariffType: 'RETAIL' }),
		);
	});

	it('Get Default: 200 → the tariff; 204 → UNKNOWN (charge card); 404 → NO_TARIFF_FOUND, no session possible', async () => {
		const { evses } = fixtures();
		const priced = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getDefault',
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
		});
		expect(priced.error).toBeUndefined();
		expect(priced.json).toEqual([
			expect.objectContaining({
				validity: 'VALID',
				isDefaultTariff: true,
				tariff: expect.any(Object),
			}),
		]);

		const chargeCard = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getDefault',
			locationId: evses.chargeCardOnly!.locationId,
			evseUid: evses.chargeCardOnly!.evseUid,
		});
		expect(chargeCard.error).toBeUndefined();
		expect(chargeCard.requests[0].status).toBe(204);
		expect(chargeCard.json).toEqual([
			{
				locationId: evses.chargeCardOnly!.locationId,
				evseUid: evses.chargeCardOnly!.evseUid,
				connectorId: null,
				validity: 'UNKNOWN',
				tariff: null,
				message: expect.stringMatching(/charge card/),
			},
		]);

		const none = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getDefault',
			locationId: evses.noTariff!.locationId,
			evseUid: evses.noTariff!.evseUid,
		});
		expect(none.error).toBeUndefined();
		expect(none.requests).toHaveLength(1);
		expect(none.requests[0].status).toBe(404);
		expect(none.json).toEqual([
			expect.objectContaining({
				validity: 'NO_TARIFF_FOUND',
				tariff: null,
				sessionCanStart: false,
				message: expect.stringMatching(/a session cannot be started here/),
				greenFluxMessage: expect.stringMatching(/No tariff found for this connector/),
			}),
		]);
	});

	it('Get Bulk: one item per EVSE, priced where the payment method has a known price', async () => {
		const { appTokens, evses, paymentMethods } = fixtures();
		const pairs = [evses.available!, evses.dc!, evses.noTariff!].map(({ locationId, evseUid }) => ({
			locationId,
			evseUid,
		}));
		const run = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getBulk',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa!,
			locationEvses: { evse: pairs },
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0]).toEqual(
			expect.objectContaining({
				method: 'POST',
				path: `/bulktariff/${appTokens.demo}/paymentmethod/${paymentMethods.demoVisa}`,
				body: { locationEvses: pairs },
			}),
		);
		expect(run.json.map((t) => [t.locationId, t.evseUid])).toEqual(
			pairs.map((p) => [p.locationId, p.evseUid]),
		);
		expect(run.json.map((t) => t.tariff !== null)).toEqual([true, true, false]);
		const json = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getBulk',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa!,
			evseInput: 'json',
			locationEvsesJson: JSON.stringify(pairs.slice(0, 1)),
		});
		expect(json.json).toEqual([run.json[0]]);
	});

	it('Get Bulk: an EVSE without its UID fails before any request', async () => {
		const { appTokens, evses, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'tariff',
			operation: 'getBulk',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa!,
			locationEvses: { evse: [{ locationId: evses.available!.locationId, evseUid: '' }] },
		});
		expect(run.error?.message).toBe('EVSEs 1: the EVSE UID is missing');
		expect(run.requests).toHaveLength(0);
	});
});

describe('QR Code › Resolve', () => {
	it("a charge point's QR code → its location, EVSE and connector; another URL → valid false", async () => {
		const location = (await controlLocations()).find((l) => l.ownerAppToken === null)!;
		const evse = location.evses[1];
		const run = await runChargeAssist(sandbox(), {
			resource: 'qrCode',
			operation: 'resolve',
			qrUrl: evse.qrUrl,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			expect.objectContaining({
				valid: true,
				locationId: location.id,
				evseUid: evse.uid,
				connectorId: '1',
				url: evse.qrUrl,
			}),
		]);
		expect(run.requests[0]).toEqual(
			expect.objectContaining({ method: 'POST', path: '/qr', body: { url: evse.qrUrl } }),
		);
		const other = await runChargeAssist(sandbox(), {
			resource: 'qrCode',
			operation: 'resolve',
			qrUrl: 'https://example.com/menu',
		});
		expect(other.json).toEqual([expect.objectContaining({ valid: false, locationId: null })]);
	});
});
