import { DateTime } from 'luxon';

import { Random, round } from './random';

export type Json = Record<string, unknown>;

export interface SeedOptions {
	/** Multiplies the number of locations, tokens and CDRs (default 1: 3,000 CDRs over 90 days). */
	scale: number;
	/** End of the seeded period (default: today 00:00 UTC); data covers the 90 days before it. */
	anchor: DateTime;
	seed: number;
}

export interface SeedData {
	anchor: DateTime;
	cpos: Json[];
	locations: Json[];
	chargeStations: Json[];
	customers: Json[];
	tokens: Json[];
	/** Every CDR, small ones included; sorted by last_updated then id. */
	cdrs: Json[];
}

export const SEED_DAYS = 90;
const CITIES = [
	{ city: 'Amsterdam', postal: '1012', lat: 52.37, lon: 4.89, street: 'Damrak' },
	{ city: 'Utrecht', postal: '3511', lat: 52.09, lon: 5.12, street: 'Oudegracht' },
	{ city: 'Rotterdam', postal: '3011', lat: 51.92, lon: 4.48, street: 'Coolsingel' },
	{ city: 'Eindhoven', postal: '5611', lat: 51.44, lon: 5.48, street: 'Stratumseind' },
	{ city: 'Den Haag', postal: '2511', lat: 52.08, lon: 4.31, street: 'Spui' },
	{ city: 'Groningen', postal: '9711', lat: 53.22, lon: 6.57, street: 'Vismarkt' },
];
const LOCATION_TYPES = ['ON_STREET', 'PARKING_GARAGE', 'PARKING_LOT', 'UNDERGROUND_GARAGE'];
const EMSPS = [
	{ party: 'GFX', country: 'NL', external: 'nlgfx' },
	{ party: 'EDP', country: 'PT', external: 'ptedp' },
	{ party: 'APP', country: 'GF', external: 'gfapp' },
];

/** A copy of `object` without the given (internal) keys. */
export function withoutKeys(object: Json, keys: string[]): Json {
	return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/** GreenFlux's "eViolin" rule: CDRs under 0.2 kWh and 2 minutes are hidden unless PUBLISH_ALL_CDRS. */
export function isSmallCdr(cdr: Json): boolean {
	const minutes =
		(Date.parse(String(cdr.stop_date_time)) - Date.parse(String(cdr.start_date_time))) / 60000;
	return Number(cdr.total_energy) < 0.2 && minutes < 2;
}

/** A CDR's wholesale and retail totals (excl. VAT given; 21 % Dutch VAT, EUR). */
export function cdrTotals(cost: number, retail: number): Json {
	return {
		total_cost: cost,
		total_cost_incl_vat: round(cost * 1.21, 2),
		total_vat: round(cost * 0.21, 2),
		total_retail_cost: retail,
		total_retail_cost_incl_vat: round(retail * 1.21, 2),
		total_retail_vat: round(retail * 0.21, 2),
		retail_currency: 'EUR',
		vat: 21,
		retail_vat: 21,
	};
}

/** The eMSP and CRM ids a CDR carries for the token that charged. */
export function cdrParties(token: Json): Json {
	const emsp = token.emsp as Json;
	return {
		customer_external_id: token.customer_external_id,
		driver_external_id: token.driver_external_id,
		emsp_party_id: emsp.party,
		emsp_country_code: emsp.country,
		emsp_external_id: emsp.external,
	};
}

export const iso = (date: DateTime) => date.toUTC().toISO({ suppressMilliseconds: true }) as string;

function connectorFor(rand: Random, index: number, lastUpdated: string, dc: boolean): Json {
	return {
		id: String(index + 1),
		standard: dc ? 'IEC_62196_T2_COMBO' : 'IEC_62196_T2',
		format: dc ? 'CABLE' : 'SOCKET',
		power_type: dc ? 'DC' : 'AC_3_PHASE',
		voltage: dc ? 400 : 230,
		amperage: dc ? 125 : rand.pick([16, 32]),
		max_electric_power: dc ? 50000 : 22000,
		tariff_id: dc ? 'GFX-FAST' : 'GFX-STANDARD',
		last_updated: lastUpdated,
	};
}

/** Deterministic seed data: CPOs, locations with charge stations, EVSEs and connectors, tokens, CDRs. */
export function generateSeed(options: SeedOptions): SeedData {
	const rand = new Random(options.seed);
	const anchor = options.anchor.toUTC();
	const start = anchor.minus({ days: SEED_DAYS });
	const scale = Math.max(options.scale, 0.01);
	const cpos = [
		{ cpo_id: 'NLGFXDEMO', name: 'GreenFlux Demo CPO' },
		{ cpo_id: 'NLGFXCITY', name: 'City Charging B.V.' },
	];

	const locations: Json[] = [];
	const chargeStations: Json[] = [];
	const locationCount = Math.max(2, Math.round(40 * scale));
	for (let l = 0; l < locationCount; l++) {
		const place = CITIES[l % CITIES.length];
		const cpo = cpos[l % cpos.length];
		const created = start.minus({ days: rand.int(30, 400) });
		const updated = start.plus({ hours: rand.int(0, SEED_DAYS * 24 - 1) });
		const lastUpdated = iso(updated);
		const locationId = rand.uuid();
		const stations: Json[] = [];
		const stationCount = rand.int(1, 3);
		for (let s = 0; s < stationCount; s++) {
			const number = String(chargeStations.length + 1).padStart(4, '0');
			const stationId = `GFX-CS-${number}`;
			const dc = rand.next() < 0.2;
			const evses: Json[] = [];
			const evseCount = dc ? 1 : rand.int(1, 2);
			for (let e = 0; e < evseCount; e++) {
				const uid = `NL-GFX-E${number}-${e + 1}`;
				evses.push({
					uid,
					evse_id: uid.replace(/-/g, '*').replace(/^NL\*GFX\*/, 'NL*GFX*'),
					evse_sequence_number: e + 1,
					status: rand.pick(['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'CHARGING', 'OUTOFORDER']),
					capabilities: [
						'RFID_READER',
						'REMOTE_START_STOP_CAPABLE',
						'UNLOCK_CAPABLE',
						'RESERVABLE',
					],
					connectors: [connectorFor(rand, 0, lastUpdated, dc)],
					physical_reference: `${e + 1}`,
					floor_level: '0',
					last_updated: lastUpdated,
				});
			}
			const station = {
				charge_station_id: stationId,
				location_id: locationId,
				name: `${place.city} ${l + 1}-${s + 1}`,
				deploy_state: 'Production',
				charger_type: 'Public',
				default_charge_station_tariff_id: dc ? 'GFX-FAST' : 'GFX-STANDARD',
				installation_date: iso(created),
				charge_point_vendor: dc ? 'Alpitronic' : rand.pick(['Alfen', 'EVBox', 'ABB']),
				charge_point_model: dc ? 'HYC50' : 'Eve Double',
				firmware_version: `${rand.int(4, 6)}.${rand.int(0, 9)}.${rand.int(0, 20)}`,
				protocol_version: 'Ocpp16',
				connectivity_status: rand.next() < 0.9 ? 'Online' : 'Offline',
				remote_manageable: true,
				heartbeat_interval: 300,
				status: evses[0].status,
				charging_speed: dc ? 'Fast' : 'Slow',
				evses,
				etag: rand.uuid(),
				created_by: 'sandbox',
				modified_by: 'sandbox',
				created: iso(created),
				modified: lastUpdated,
				cpo_id: cpo.cpo_id,
			};
			stations.push(station);
			chargeStations.push(station);
		}
		const houseNumber = rand.int(1, 200);
		locations.push({
			id: locationId,
			cpo_id: cpo.cpo_id,
			type: rand.pick(LOCATION_TYPES),
			publish: true,
			access_type: 'PUBLIC',
			name: `${place.city} ${place.street} ${houseNumber}`,
			address: `${place.street} ${houseNumber}`,
			city: place.city,
			postal_code: `${place.postal} ${rand.pick(['AB', 'CD', 'EF', 'GH'])}`,
			country: 'NLD',
			coordinates: {
				latitude: (place.lat + (rand.next() - 0.5) / 20).toFixed(6),
				longitude: (place.lon + (rand.next() - 0.5) / 20).toFixed(6),
			},
			operator: { name: cpo.name, website: 'https://www.greenflux.com' },
			time_zone: 'W. Europe Standard Time',
			opening_times: { twentyfourseven: true },
			charging_when_closed: true,
			facilities: [rand.pick(['SUPERMARKET', 'RESTAURANT', 'PARKING_LOT', 'BUS_STOP'])].filter(
				(f) => f !== 'PARKING_LOT',
			),
			created: iso(created),
			last_updated: lastUpdated,
			chargeStationIds: stations.map((s) => s.charge_station_id),
		});
	}

	const customers: Json[] = [];
	for (let c = 0; c < Math.max(3, Math.round(20 * scale)); c++) {
		customers.push({
			external_id: `CUST-${String(c + 1).padStart(4, '0')}`,
			name: `Customer ${c + 1} B.V.`,
		});
	}
	const tokens: Json[] = [];
	for (let t = 0; t < Math.max(5, Math.round(200 * scale)); t++) {
		const customer = customers[t % customers.length];
		const contract = rand.hex(6);
		tokens.push({
			uid: rand.hex(14),
			auth_id: `NL-GFX-C${contract}-${rand.int(0, 9)}`,
			visual_number: `NL-GFX-${String(100000 + t)}`,
			type: 'RFID',
			valid: true,
			whitelist: 'ALLOWED',
			customer_external_id: customer.external_id,
			driver_external_id: `DRV-${String(t + 1).padStart(5, '0')}`,
			emsp: EMSPS[t % EMSPS.length],
		});
	}

	const evsesByLocation = locations.map((location) => ({
		location,
		evses: chargeStations
			.filter((s) => s.location_id === location.id)
			.flatMap((s) => s.evses as Json[]),
	}));
	const cdrs: Json[] = [];
	const cdrCount = Math.max(10, Math.round(3000 * scale));
	for (let n = 0; n < cdrCount; n++) {
		const { location, evses } = rand.pick(evsesByLocation);
		const evse = rand.pick(evses);
		const connector = (evse.connectors as Json[])[0];
		const token = rand.pick(tokens);
		const small = rand.next() < 0.05;
		const startAt = start.plus({ seconds: rand.int(0, SEED_DAYS * 86400 - 6 * 3600) });
		const dc = connector.power_type === 'DC';
		const minutes = small ? rand.int(0, 1) + rand.next() : rand.int(15, dc ? 60 : 600);
		const energy = small
			? round(rand.next() * 0.19, 3)
			: round(
					(minutes / 60) * (dc ? 40 : rand.pick([3.7, 7.4, 11])) * (0.6 + rand.next() * 0.4),
					3,
				);
		const parkingHours = small ? 0 : round(rand.next() < 0.3 ? rand.next() * 2 : 0, 4);
		const stopAt = startAt.plus({ minutes, hours: parkingHours });
		const price = dc ? 0.59 : 0.35;
		const cost = round(energy * price * 0.8, 2);
		const retail = round(energy * price, 2);
		const locationBody = withoutKeys(location, ['chargeStationIds']);
		cdrs.push({
			id: `NLGFX${String(638000000000000000 + n * 7919)}`,
			start_date_time: iso(startAt),
			stop_date_time: iso(stopAt),
			session_id: `NLGFX${rand.hex(12)}-${rand.hex(5).toLowerCase()}`,
			auth_id: token.auth_id,
			token_uid: token.uid,
			token_visual_number: token.visual_number,
			auth_method: 'WHITELIST',
			location: { ...locationBody, evses: [{ ...evse, connectors: [connector] }] },
			meter_id: null,
			currency: 'EUR',
			tariffs: [],
			charging_periods: [
				{
					start_date_time: iso(startAt),
					dimensions: [
						{ type: 'ENERGY', volume: energy },
						{ type: 'TIME', volume: round(minutes / 60, 4) },
					],
				},
			],
			...cdrTotals(cost, retail),
			total_energy: energy,
			total_time: round(minutes / 60 + parkingHours, 4),
			total_parking_time: parkingHours,
			...cdrParties(token),
			cpo_id: location.cpo_id,
			charger_type: 'Public',
			max_power_w: dc ? 50000 : 11000,
			last_updated: iso(stopAt.plus({ minutes: rand.int(1, 30) })),
		});
	}
	cdrs.sort(
		(a, b) =>
			String(a.last_updated).localeCompare(String(b.last_updated)) ||
			String(a.id).localeCompare(String(b.id)),
	);
	return { anchor, cpos, locations, chargeStations, customers, tokens, cdrs };
}
