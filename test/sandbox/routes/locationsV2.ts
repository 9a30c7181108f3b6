import { createHash } from 'node:crypto';

import { notFound, ocpiError, ok, type Query, type RouteContext, type Router } from '../http';
import { Random } from '../random';
import { pageCacheOf, versionedList } from '../pageCache';
import { type Json, withoutKeys } from '../seed';
import type { SandboxState } from '../state';

// ---------------------------------------------------------------------------------------------
// Helpers shared by the charge-location management routes (locations v2, charge stations, CPO customers)
// ---------------------------------------------------------------------------------------------

/** ISO 3166-1 alpha-3 codes GreenFlux accepts as `country`. */
const COUNTRY_CODES = new Set(
	'ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE'.split(
		' ',
	),
);

/** A business error found while validating a request: answered as HTTP 200 + this status_code. */
export class ClmError extends Error {
	constructor(
		readonly code: 2000 | 2001,
		message: string,
	) {
		super(message);
	}
}

/** Runs a handler, answering a ClmError as GreenFlux does (HTTP 200 with status_code 2000/2001), anything else as a 500. */
export function answering(handler: (ctx: RouteContext) => void): (ctx: RouteContext) => void {
	return (ctx) => {
		try {
			handler(ctx);
		} catch (error) {
			if (error instanceof ClmError) return ocpiError(ctx, error.code, error.message);
			ocpiError(ctx, 3000, `Sandbox error: ${(error as Error).message}`, 500);
		}
	};
}

/** Seconds-precision UTC timestamp, as GreenFlux's charge-location management returns them. */
export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stable etag for seeded objects (the same on every run). */
export const seededEtag = (kind: string, id: string) => {
	const h = createHash('sha1').update(`${kind}:${id}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Etags for writes: new on every write, from a fixed seed so runs are repeatable. */
export function newEtag(state: SandboxState): string {
	return state.store('clm.etags', () => new Random(20261101)).uuid();
}

export function jsonBody(ctx: RouteContext): Json {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) {
		throw new ClmError(2001, 'The request body must be a JSON object');
	}
	return body as Json;
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

export function requireFields(body: Json, fields: string[]): void {
	const missing = fields.filter((field) => isMissing(body[field]));
	if (missing.length)
		throw new ClmError(
			2001,
			`'${missing[0]}' must be specified${missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : ''}`,
		);
}

export function requireOneOf(body: Json, field: string, allowed: string[]): void {
	if (!isMissing(body[field]) && !allowed.includes(String(body[field]))) {
		throw new ClmError(
			2001,
			`'${field}' must be one of ${allowed.join(', ')} (got '${String(body[field])}')`,
		);
	}
}

export function requireArray(body: Json, field: string): void {
	if (!isMissing(body[field]) && !Array.isArray(body[field]))
		throw new ClmError(2001, `'${field}' must be an array`);
}

export function checkDateQuery(query: Query): void {
	for (const key of ['date_from', 'date_to']) {
		if (query[key] !== undefined && Number.isNaN(Date.parse(query[key])))
			throw new ClmError(2001, `'${key}' is not a valid date: ${query[key]}`);
	}
}

/** date_from inclusive, date_to exclusive, on the given change time. */
export function changedIn(query: Query, changedAt: number): boolean {
	const from = query.date_from ? Date.parse(query.date_from) : Number.NEGATIVE_INFINITY;
	const to = query.date_to ? Date.parse(query.date_to) : Number.POSITIVE_INFINITY;
	return changedAt >= from && changedAt < to;
}

export const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

export const sameId = (a: unknown, b: unknown) =>
	String(a).toLowerCase() === String(b).toLowerCase();

export function checkEtag(current: unknown, sent: unknown, what: string): void {
	if (sent !== current) {
		throw new ClmError(
			2000,
			`etag mismatch: the ${what} was changed since etag '${String(sent)}' was read (current etag differs). Read the ${what} again and retry.`,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Locations v2
// ---------------------------------------------------------------------------------------------

/** Writable fields that the OCPI v1 view shows too: written into the seed location, so v1 stays consistent. */
const SHARED_FIELDS = [
	'type',
	'publish',
	'access_type',
	'name',
	'address',
	'city',
	'postal_code',
	'country',
	'coordinates',
	'directions',
	'facilities',
	'opening_times',
];
/** Writable fields only Locations v2 has: kept in this module's store. */
const V2_ONLY_FIELDS = [
	'address_line_2',
	'auth_rules',
	'energy_mix',
	'custom_groups',
	'maintenance_info',
	'remarks',
	'payment_provider',
	'wallet_id',
	'cpo_customer_external_id',
	'customised_fields',
];
const REQUIRED = ['cpo_id', 'name', 'address', 'city', 'postal_code', 'country'];
const LOCATION_TYPES = [
	'ON_STREET',
	'PARKING_GARAGE',
	'UNDERGROUND_GARAGE',
	'PARKING_LOT',
	'OTHER',
	'UNKNOWN',
];
const ACCESS_TYPES = ['PUBLIC', 'RESTRICTED', 'PRIVATE'];

interface LocationMeta {
	etag: string;
	created_by: string;
	modified_by: string;
	modified: string;
	/** Fields only Locations v2 knows. */
	extras: Json;
}

function metaStore(state: SandboxState): Map<string, LocationMeta> {
	return state.store('locationsV2.meta', () => new Map<string, LocationMeta>());
}

function metaOf(state: SandboxState, location: Json): LocationMeta {
	const store = metaStore(state);
	const id = String(location.id);
	let meta = store.get(id);
	if (!meta) {
		meta = {
			etag: seededEtag('location', id),
			created_by: 'sandbox',
			modified_by: 'sandbox',
			modified: String(location.last_updated),
			extras: {},
		};
		store.set(id, meta);
	}
	return meta;
}

export function findLocation(state: SandboxState, id: string): Json | undefined {
	return state.seed.locations.find((l) => sameId(l.id, id));
}

/** The charge stations of a location, in the order the location lists them (as the v1 view does). */
export function stationsAt(state: SandboxState, location: Json): Json[] {
	const ids = location.chargeStationIds as string[];
	return state.seed.chargeStations.filter((s) => ids.includes(String(s.charge_station_id)));
}

/** A location in the Locations v2 shape (GcpiLocation): internal fields stripped, EVSEs of its charge stations. */
export function locationV2View(
	state: SandboxState,
	location: Json,
	options: { excludeEvses?: boolean } = {},
): Json {
	const { created, last_updated, ...fields } = location;
	delete fields.chargeStationIds;
	const meta = metaOf(state, location);
	return {
		...fields,
		...meta.extras,
		evses: options.excludeEvses
			? []
			: stationsAt(state, location).flatMap((s) => s.evses as Json[]),
		etag: meta.etag,
		created_by: meta.created_by,
		modified_by: meta.modified_by,
		created,
		modified: meta.modified,
		last_updated,
	};
}

/** Every location in the v2 shape, in seed order (new ones last). */
export function locationsV2(state: SandboxState, options: { excludeEvses?: boolean } = {}): Json[] {
	return state.seed.locations.map((l) => locationV2View(state, l, options));
}

/** When the location last changed; EVSE changes count unless excludeEvsesModified (EVSE status is not a change here). */
function locationChangedAt(
	state: SandboxState,
	location: Json,
	excludeEvsesModified: boolean,
): number {
	const own = Date.parse(String(location.last_updated));
	if (excludeEvsesModified) return own;
	const evses = stationsAt(state, location).flatMap((s) => s.evses as Json[]);
	return Math.max(
		own,
		...evses.map((e) => Date.parse(String(e.last_updated))).filter((t) => !Number.isNaN(t)),
	);
}

function splitAddress(address: unknown): { street: string; houseNumber: string } {
	const m = /^(.*?)\s+(\d+\S*)$/.exec(String(address ?? '').trim());
	return m
		? { street: m[1], houseNumber: m[2] }
		: { street: String(address ?? ''), houseNumber: '' };
}

function metresBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const rad = (deg: number) => (deg * Math.PI) / 180;
	const a =
		Math.sin(rad(lat2 - lat1) / 2) ** 2 +
		Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

const normalisePostcode = (value: unknown) =>
	String(value ?? '')
		.replace(/\s+/g, '')
		.toLowerCase();

function listFilter(state: SandboxState, query: Query): (location: Json) => boolean {
	checkDateQuery(query);
	const hasLat = query.latitude !== undefined;
	const hasLon = query.longitude !== undefined;
	if (hasLat && !hasLon)
		throw new ClmError(2001, 'Longitude must be supplied if latitude is provided');
	if (hasLon && !hasLat)
		throw new ClmError(2001, 'Latitude must be supplied if longitude is provided');
	const latitude = Number(query.latitude);
	const longitude = Number(query.longitude);
	if (hasLat && (!Number.isFinite(latitude) || !Number.isFinite(longitude)))
		throw new ClmError(2001, 'latitude and longitude must be numbers');
	const distance = query.distanceinmeters === undefined ? 100 : Number(query.distanceinmeters);
	if (!Number.isInteger(distance) || distance < 100 || distance > 1000) {
		throw new ClmError(
			2001,
			`distanceinmeters must be between 100 and 1000 (got ${query.distanceinmeters})`,
		);
	}
	const excludeEvsesModified = isTrue(query.exclude_evses_modified);
	const lower = (value: unknown) => String(value ?? '').toLowerCase();
	return (location) => {
		if (query.cpoId !== undefined && location.cpo_id !== query.cpoId) return false;
		const { street, houseNumber } = splitAddress(location.address);
		if (query.street !== undefined && lower(street) !== lower(query.street)) return false;
		if (query.housenumber !== undefined && lower(houseNumber) !== lower(query.housenumber))
			return false;
		if (query.city !== undefined && lower(location.city) !== lower(query.city)) return false;
		if (
			query.postcode !== undefined &&
			!normalisePostcode(location.postal_code).startsWith(normalisePostcode(query.postcode))
		)
			return false;
		if (query.country !== undefined && lower(location.country) !== lower(query.country))
			return false;
		if (hasLat) {
			const coordinates = (location.coordinates ?? {}) as Json;
			const at = metresBetween(
				latitude,
				longitude,
				Number(coordinates.latitude),
				Number(coordinates.longitude),
			);
			if (!(at <= distance)) return false;
		}
		return changedIn(query, locationChangedAt(state, location, excludeEvsesModified));
	};
}

function validateLocation(state: SandboxState, body: Json, required: string[]): void {
	requireFields(body, required);
	if (!isMissing(body.country) && !COUNTRY_CODES.has(String(body.country).toUpperCase())) {
		throw new ClmError(
			2000,
			`CountryCode3: ${String(body.country)} is not a valid 3 letter Country Code.`,
		);
	}
	if (!isMissing(body.cpo_id) && !state.seed.cpos.some((c) => c.cpo_id === body.cpo_id)) {
		throw new ClmError(
			2000,
			`CPO '${String(body.cpo_id)}' is not known to this subscription (cpo_id is case sensitive)`,
		);
	}
	requireOneOf(body, 'type', LOCATION_TYPES);
	requireOneOf(body, 'access_type', ACCESS_TYPES);
	for (const field of [
		'directions',
		'facilities',
		'auth_rules',
		'custom_groups',
		'customised_fields',
	])
		requireArray(body, field);
}

/** GreenFlux spells the 24/7 flag both ways; it is stored as `twentyfourseven`. */
function normaliseOpeningTimes(value: unknown): unknown {
	if (typeof value !== 'object' || value === null) return value;
	const { twenty_four_seven: spelledOut, ...rest } = value as Json;
	return spelledOut !== undefined && rest.twentyfourseven === undefined
		? { ...rest, twentyfourseven: spelledOut }
		: rest;
}

/** Writes the writable fields of a request into the location (seed object) and its v2-only extras. */
function writeFields(location: Json, meta: LocationMeta, body: Json, replace: boolean): void {
	for (const field of SHARED_FIELDS) {
		if (field in body)
			location[field] =
				field === 'opening_times' ? normaliseOpeningTimes(body[field]) : body[field];
		else if (replace && !REQUIRED.includes(field)) delete location[field];
	}
	for (const field of V2_ONLY_FIELDS) {
		if (field in body) meta.extras[field] = body[field];
		else if (replace) delete meta.extras[field];
	}
	if (replace) {
		location.publish ??= false;
		location.access_type ??= location.publish ? 'PUBLIC' : 'PRIVATE';
		location.opening_times ??= { twentyfourseven: true };
		location.facilities ??= [];
		location.directions ??= [];
	}
}

function touch(state: SandboxState, location: Json, meta: LocationMeta): void {
	const at = now();
	meta.etag = newEtag(state);
	meta.modified = at;
	meta.modified_by = 'API';
	location.last_updated = at;
}

/** Coordinates "resolved from the address": those of another location in the same city, else central Amsterdam. */
function resolveCoordinates(state: SandboxState, city: unknown): Json {
	const near = state.seed.locations.find(
		(l) => String(l.city).toLowerCase() === String(city).toLowerCase() && l.coordinates,
	);
	return near
		? { ...(near.coordinates as Json) }
		: { latitude: '52.379290', longitude: '4.926500' };
}

function createLocation(state: SandboxState, body: Json): Json {
	validateLocation(state, body, REQUIRED);
	const id = isMissing(body.id)
		? state.store('clm.ids', () => new Random(20261102)).uuid()
		: String(body.id);
	if (findLocation(state, id)) throw new ClmError(2000, `Location '${id}' already exists`);
	const at = now();
	const location: Json = {
		id,
		cpo_id: body.cpo_id,
		created: at,
		last_updated: at,
		chargeStationIds: [],
	};
	const meta: LocationMeta = {
		etag: newEtag(state),
		created_by: 'API',
		modified_by: 'API',
		modified: at,
		extras: {},
	};
	metaStore(state).set(id, meta);
	writeFields(location, meta, body, true);
	location.coordinates ??= resolveCoordinates(state, body.city);
	location.time_zone = 'W. Europe Standard Time';
	state.seed.locations.push(location);
	return location;
}

function checkSameId(body: Json, pathId: string): void {
	if (isMissing(body.id)) throw new ClmError(2001, "'id' must be specified");
	if (!sameId(body.id, pathId))
		throw new ClmError(
			2000,
			`The id in the body ('${String(body.id)}') does not match the location ID in the path ('${pathId}')`,
		);
}

function checkSameCpo(location: Json, body: Json): void {
	if (!isMissing(body.cpo_id) && body.cpo_id !== location.cpo_id) {
		throw new ClmError(
			2000,
			`The CPO of a location cannot be changed (from '${String(location.cpo_id)}' to '${String(body.cpo_id)}')`,
		);
	}
}

/** Locations v2 (charge-location management): list with filters, create, get, upsert (PUT with etag), patch. */
export function registerLocationV2Routes(router: Router, state: SandboxState): void {
	const module = { module: 'locationsV2' as const };

	router.add(
		'GET',
		'/api/:version/Locations',
		module,
		answering((ctx) => {
			const matches = listFilter(state, ctx.query);
			const excludeEvses = isTrue(ctx.query.exclude_evses);
			const filters = withoutKeys(ctx.query, ['offset', 'limit']);
			const locations = versionedList(
				state,
				'locations',
				`locationsV2${JSON.stringify(filters)}`,
				() =>
					state.seed.locations
						.filter(matches)
						.map((l) => locationV2View(state, l, { excludeEvses })),
			);
			pageCacheOf(state).sendByOffset(ctx, locations, {
				defaultLimit: 100,
				maxLimit: 1000,
				path: `/api/${ctx.params.version}/Locations`,
			});
		}),
	);

	router.add(
		'POST',
		'/api/:version/Locations',
		module,
		answering((ctx) => {
			ok(ctx, locationV2View(state, createLocation(state, jsonBody(ctx))));
		}),
	);

	router.add('GET', '/api/:version/Locations/:locationId', module, (ctx) => {
		const location = findLocation(state, ctx.params.locationId);
		if (!location) return notFound(ctx, `Location ${ctx.params.locationId}`);
		const excludeEvses = isTrue(ctx.query.excludeEvses ?? ctx.query.exclude_evses);
		ok(ctx, locationV2View(state, location, { excludeEvses }));
	});

	router.add(
		'PUT',
		'/api/:version/Locations/:locationId',
		module,
		answering((ctx) => {
			const body = jsonBody(ctx);
			checkSameId(body, ctx.params.locationId);
			const location = findLocation(state, ctx.params.locationId);
			if (!location) {
				// PUT is an upsert: an unknown ID creates the location.
				ok(ctx, locationV2View(state, createLocation(state, body)));
				return;
			}
			validateLocation(state, body, [...REQUIRED, 'etag']);
			const meta = metaOf(state, location);
			checkEtag(meta.etag, body.etag, 'location');
			checkSameCpo(location, body);
			writeFields(location, meta, body, true);
			location.coordinates ??= resolveCoordinates(state, location.city);
			touch(state, location, meta);
			ok(ctx, locationV2View(state, location));
		}),
	);

	router.add(
		'PATCH',
		'/api/:version/Locations/:locationId',
		module,
		answering((ctx) => {
			const location = findLocation(state, ctx.params.locationId);
			if (!location) return notFound(ctx, `Location ${ctx.params.locationId}`);
			const body = jsonBody(ctx);
			checkSameId(body, ctx.params.locationId);
			validateLocation(state, body, []);
			const meta = metaOf(state, location);
			if (!isMissing(body.etag)) checkEtag(meta.etag, body.etag, 'location');
			checkSameCpo(location, body);
			writeFields(location, meta, body, false);
			touch(state, location, meta);
			ok(ctx, locationV2View(state, location));
		}),
	);
}
