import { Random } from '../random';
import type { Json, SeedData } from '../seed';

/**
 * Charge Assist's view of the sandbox's charge locations: every seeded Platform location (id `nl-gfx-<its
 * uuid>`) with the EVSEs of its charge stations, plus one private home charger per seeded app token owner.
 * Per location index `i` (seed order), deterministically:
 * - direct pay (`dp`) unless i % 4 === 3; those take charge cards only (`pms: ['CHARGE_CARD']`);
 * - smart charging when i % 3 === 0;
 * - semi-public (every EVSE `restrictedAccess`) when i % 9 === 8: hidden unless `filter.restrictedAccess=true`;
 * - no tariff on its connectors when i % 10 === 7 (tariff routes answer 404 / NO_TARIFF_FOUND);
 * - CPO customer `<cpo>-CUST-01` when i % 5 === 1.
 * EVSE statuses are the Platform seed's (AVAILABLE, CHARGING, OUTOFORDER), overridden while a Charge Assist
 * session occupies the EVSE; EVSEs of an Offline charge station never answer a start (TIMEOUT).
 */
export interface CaConnector {
	id: string;
	standard: string;
	format: string;
	powerType: string;
	phases: number;
	kw: number;
	powerInKw: number;
	voltage: number;
	amperage: number;
	tariffId: string | null;
}

export interface CaEvse {
	uid: string;
	evseId: string;
	displayName: string;
	locationId: string;
	chargeStationId: string;
	/** The Platform EVSE object (its `status` is read live) or a private charger's own record. */
	platform: Json;
	online: boolean;
	dc: boolean;
	restrictedAccess: boolean;
	isPrivateCharger: boolean;
	/** The id in the EVSE's QR code URL. */
	qrId: string;
	capabilities: string[];
	connectors: CaConnector[];
	floorLevel: string;
	physicalReference: string;
	lastUpdated: string;
}

export interface CaLocation {
	id: string;
	/** The Platform (OCPI) location id. */
	ocpiLocationId: string;
	index: number;
	/** Private locations: the app token owning the home charger. */
	ownerAppToken?: string;
	type: string;
	name: string;
	address: string;
	city: string;
	postalCode: string;
	country: string;
	latitude: number;
	longitude: number;
	facilities: string[];
	cpoId: string;
	operatorName: string;
	smartChargingEnabled: boolean;
	dp: boolean;
	pms: string[];
	twentyfourseven: boolean;
	cpoCustomerId: string | null;
	hasTariff: boolean;
	lastUpdated: string;
	evses: CaEvse[];
}

export const QR_BASE = 'https://greenflux.app/qr/gsop/greenflux/';

const CAPABILITIES = ['REMOTE_START_STOP_CAPABLE', 'RFID_READER', 'UNLOCK_CAPABLE'];

function connectorOf(platform: Json, hasTariff: boolean): CaConnector {
	const dc = platform.power_type === 'DC';
	const voltage = Number(platform.voltage);
	const amperage = Number(platform.amperage);
	const kw = dc ? 50 : Math.round((voltage * amperage * 3) / 1000);
	return {
		id: String(platform.id),
		standard: String(platform.standard),
		format: String(platform.format),
		powerType: String(platform.power_type),
		phases: dc ? 0 : 3,
		kw,
		powerInKw: kw,
		voltage,
		amperage,
		tariffId: hasTariff ? String(platform.tariff_id) : null,
	};
}

function publicLocations(seed: SeedData, rand: Random): CaLocation[] {
	const cpoNames = new Map(seed.cpos.map((c) => [String(c.cpo_id), String(c.name)]));
	return seed.locations.map((location, index) => {
		const id = `nl-gfx-${String(location.id)}`;
		const hasTariff = index % 10 !== 7;
		const restricted = index % 9 === 8;
		const stations = seed.chargeStations.filter((s) => s.location_id === location.id);
		const evses = stations.flatMap((station) =>
			(station.evses as Json[]).map((evse): CaEvse => {
				const uid = String(evse.uid);
				const connectors = (evse.connectors as Json[]).map((c) => connectorOf(c, hasTariff));
				return {
					uid,
					evseId: String(evse.evse_id),
					displayName: uid.split('-').slice(-2).join('-'),
					locationId: id,
					chargeStationId: String(station.charge_station_id),
					platform: evse,
					online: station.connectivity_status === 'Online',
					dc: connectors.some((c) => c.powerType === 'DC'),
					restrictedAccess: restricted,
					isPrivateCharger: false,
					qrId: rand.uuid(),
					capabilities: [...CAPABILITIES],
					connectors,
					floorLevel: String(evse.floor_level ?? '0'),
					physicalReference: String(evse.physical_reference ?? ''),
					lastUpdated: String(evse.last_updated),
				};
			}),
		);
		const coordinates = location.coordinates as Json;
		const cpoId = String(location.cpo_id);
		const dp = index % 4 !== 3;
		return {
			id,
			ocpiLocationId: String(location.id),
			index,
			type: String(location.type),
			name: String(location.name),
			address: String(location.address),
			city: String(location.city),
			postalCode: String(location.postal_code),
			country: String(location.country),
			latitude: Number(coordinates.latitude),
			longitude: Number(coordinates.longitude),
			facilities: (location.facilities as string[]) ?? [],
			cpoId,
			operatorName: cpoNames.get(cpoId) ?? cpoId,
			smartChargingEnabled: index % 3 === 0,
			dp,
			pms: dp ? [] : ['CHARGE_CARD'],
			twentyfourseven: index % 8 !== 5,
			cpoCustomerId: index % 5 === 1 ? `${cpoId}-CUST-01` : null,
			hasTariff,
			lastUpdated: String(location.last_updated),
			evses,
		};
	});
}

/** A home charger visible only to its owner (`filter.appToken`, `/privatelocations/{appToken}`). */
function privateLocation(
	rand: Random,
	index: number,
	owner: string,
	place: { city: string; address: string; postalCode: string; lat: number; lng: number },
	lastUpdated: string,
): CaLocation {
	const uuid = rand.uuid();
	const id = `nl-gfx-${uuid}`;
	const uid = `NL-GFX-EHOME${String(index + 1).padStart(4, '0')}-1`;
	const platform: Json = { uid, status: 'AVAILABLE' };
	return {
		id,
		ocpiLocationId: uuid,
		index: -1 - index,
		ownerAppToken: owner,
		type: 'ON_DRIVEWAY',
		name: `Home charger ${place.address}`,
		address: place.address,
		city: place.city,
		postalCode: place.postalCode,
		country: 'NLD',
		latitude: place.lat,
		longitude: place.lng,
		facilities: [],
		cpoId: 'NLGFXDEMO',
		operatorName: 'GreenFlux Demo CPO',
		smartChargingEnabled: true,
		dp: false,
		pms: ['CHARGE_CARD'],
		twentyfourseven: true,
		cpoCustomerId: null,
		hasTariff: true,
		lastUpdated,
		evses: [
			{
				uid,
				evseId: uid.replace(/-/g, '*'),
				displayName: uid.split('-').slice(-2).join('-'),
				locationId: id,
				chargeStationId: `GFX-HOME-${String(index + 1).padStart(4, '0')}`,
				platform,
				online: true,
				dc: false,
				restrictedAccess: false,
				isPrivateCharger: true,
				qrId: rand.uuid(),
				capabilities: [...CAPABILITIES],
				connectors: [
					{
						id: '1',
						standard: 'IEC_62196_T2',
						format: 'SOCKET',
						powerType: 'AC_3_PHASE',
						phases: 3,
						kw: 11,
						powerInKw: 11,
						voltage: 230,
						amperage: 16,
						tariffId: 'GFX-HOME',
					},
				],
				floorLevel: '0',
				physicalReference: '1',
				lastUpdated,
			},
		],
	};
}

/** Public locations in seed order, then the private home chargers of `owners`. */
export function seedCaLocations(seed: SeedData, owners: string[]): CaLocation[] {
	const rand = new Random(20261201);
	const locations = publicLocations(seed, rand);
	const lastUpdated = seed.anchor.minus({ days: 30 }).toISO({ suppressMilliseconds: true })!;
	const homes = [
		{
			city: 'Amsterdam',
			address: 'Keizersgracht 101',
			postalCode: '1015 CJ',
			lat: 52.3745,
			lng: 4.8869,
		},
		{
			city: 'Utrecht',
			address: 'Maliesingel 12',
			postalCode: '3581 BJ',
			lat: 52.0871,
			lng: 5.1296,
		},
	];
	owners.forEach((owner, i) =>
		locations.push(privateLocation(rand, i, owner, homes[i % homes.length], lastUpdated)),
	);
	return locations;
}
