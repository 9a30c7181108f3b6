import type { RouteContext } from '../http';
import { CaError, invalid } from './errors';
import { evseStatus, type LocationView } from './locationModels';
import { queryAll, queryBoolean, queryDate, queryEnum, queryNumber } from './routing';
import type { CaEvse, CaLocation } from './seedLocations';
import { type CaStore, findPaymentMethod } from './store';

/** The `filter.*` query parameters of the location routes (reference §15.2). */
export interface LocationFilters {
	appToken?: string;
	evseUid?: string;
	isAvailable?: boolean;
	isFavorite?: boolean;
	directPayEnabled?: boolean;
	powerType?: string;
	connectorTypes: string[];
	minKw?: number;
	maxKw?: number;
	restrictedAccess?: boolean;
	country?: string;
	customerExternalId?: string;
	lastUpdated?: number;
	locationIds: string[];
}

export const CONNECTOR_TYPES = [
	'CHADEMO',
	...'ABCDEFGHIJKL'.split('').map((l) => `DOMESTIC_${l}`),
	'IEC_60309_2_single_16',
	'IEC_60309_2_three_16',
	'IEC_60309_2_three_32',
	'IEC_60309_2_three_64',
	'IEC_62196_T1',
	'IEC_62196_T1_COMBO',
	'IEC_62196_T2',
	'IEC_62196_T2_COMBO',
	'IEC_62196_T3A',
	'IEC_62196_T3C',
	'TESLA_R',
	'TESLA_S',
	'PANTOGRAPH_BOTTOM_UP',
	'PANTOGRAPH_TOP_DOWN',
];

export function parseLocationFilters(ctx: RouteContext): LocationFilters {
	const types = queryAll(ctx, 'filter.connectorTypes');
	const single = queryEnum(ctx, 'filter.connectorType', CONNECTOR_TYPES);
	const connectorTypes = types.length ? types : single ? [single] : [];
	for (const type of connectorTypes)
		if (!CONNECTOR_TYPES.some((t) => t.toLowerCase() === type.toLowerCase()))
			throw invalid('filter.connectorTypes', `contains an unknown connector type: ${type}.`);
	const filters: LocationFilters = {
		appToken: ctx.query['filter.appToken'] || undefined,
		evseUid: ctx.query['filter.evseUid'] || undefined,
		isAvailable: queryBoolean(ctx, 'filter.isAvailable'),
		isFavorite: queryBoolean(ctx, 'filter.isFavorite'),
		directPayEnabled: queryBoolean(ctx, 'filter.directPayEnabled'),
		powerType: queryEnum(ctx, 'filter.powerType', ['AC', 'DC']),
		connectorTypes: connectorTypes.map((t) => t.toUpperCase()),
		minKw: queryNumber(ctx, 'filter.minKw', { integer: true, min: 0, max: 1000 }),
		maxKw: queryNumber(ctx, 'filter.maxKw', { integer: true, min: 0, max: 1000 }),
		restrictedAccess: queryBoolean(ctx, 'filter.restrictedAccess'),
		country: ctx.query['filter.country'] || undefined,
		customerExternalId: ctx.query['filter.customerExternalId'] || undefined,
		lastUpdated: queryDate(ctx, 'filter.lastUpdated'),
		locationIds: queryAll(ctx, 'filter.locationIds').map((id) => id.toLowerCase()),
	};
	if (filters.country && !/^[A-Za-z]{3}$/.test(filters.country))
		throw invalid('filter.country', 'must be an ISO 3166 alpha-3 country code.');
	if (filters.isFavorite && !filters.appToken)
		throw new CaError(
			400,
			"'filter.appToken' is required with 'filter.isFavorite'.",
			'filter.appToken',
		);
	return filters;
}

/** Private locations are seen only by their owner. */
export const visibleTo = (location: CaLocation, appToken: string | undefined) =>
	location.ownerAppToken === undefined || location.ownerAppToken === appToken;

export function evseMatcher(filters: LocationFilters) {
	return (evse: CaEvse, status: string): boolean => {
		if (evse.restrictedAccess && filters.restrictedAccess !== true) return false;
		if (filters.evseUid && ![evse.uid, evse.evseId].includes(filters.evseUid)) return false;
		if (filters.isAvailable && status !== 'AVAILABLE') return false;
		if (filters.powerType === 'DC' && !evse.dc) return false;
		if (filters.powerType === 'AC' && evse.dc) return false;
		return evse.connectors.some(
			(c) =>
				(filters.connectorTypes.length === 0 ||
					filters.connectorTypes.includes(c.standard.toUpperCase())) &&
				(filters.minKw === undefined || c.kw >= filters.minKw) &&
				(filters.maxKw === undefined || c.kw <= filters.maxKw),
		);
	};
}

/** The view (clock, app token, payment method, EVSE filter) of a location route. */
export function viewOf(
	store: CaStore,
	filters: LocationFilters,
	paymentMethodId: string | undefined,
	now = Date.now(),
): LocationView {
	const paymentMethod =
		paymentMethodId && filters.appToken
			? findPaymentMethod(store, filters.appToken, paymentMethodId)
			: paymentMethodId
				? store.paymentMethods.find((p) => p.id === paymentMethodId)
				: undefined;
	return { now, appToken: filters.appToken, paymentMethod, evseMatches: evseMatcher(filters) };
}

/** Whether a location passes the filters: visible, location-level filters, and one matching EVSE. */
export function locationMatches(
	store: CaStore,
	location: CaLocation,
	filters: LocationFilters,
	view: LocationView,
): boolean {
	if (!visibleTo(location, filters.appToken)) return false;
	if (filters.locationIds.length && !filters.locationIds.includes(location.id.toLowerCase()))
		return false;
	if (filters.country && location.country.toUpperCase() !== filters.country.toUpperCase())
		return false;
	if (filters.customerExternalId && location.cpoCustomerId !== filters.customerExternalId)
		return false;
	if (filters.lastUpdated !== undefined && Date.parse(location.lastUpdated) < filters.lastUpdated)
		return false;
	if (filters.directPayEnabled !== undefined && location.dp !== filters.directPayEnabled)
		return false;
	if (filters.isFavorite !== undefined) {
		const favorite = store.favorites.get(filters.appToken ?? '')?.has(location.id) ?? false;
		if (favorite !== filters.isFavorite) return false;
	}
	const matches = view.evseMatches!;
	return location.evses.some((evse) => matches(evse, evseStatus(store, evse, view.now)));
}

/** The locations passing the filters, in seed order (private ones last). */
export function filteredLocations(
	store: CaStore,
	filters: LocationFilters,
	view: LocationView,
): CaLocation[] {
	return store.locations.filter((l) => locationMatches(store, l, filters, view));
}

/** Locations that can start a session (an AVAILABLE EVSE on an online station) first, keeping the order. */
export function startableFirst(store: CaStore, locations: CaLocation[], now: number) {
	const startable = (l: CaLocation) =>
		l.evses.some((e) => e.online && evseStatus(store, e, now) === 'AVAILABLE');
	return [...locations.filter(startable), ...locations.filter((l) => !startable(l))];
}

export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
	const rad = Math.PI / 180;
	const a =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 6371 * 2 * Math.asin(Math.sqrt(a));
}

export function byDistance(locations: CaLocation[], lat: number, lng: number): CaLocation[] {
	return [...locations].sort(
		(a, b) =>
			distanceKm(lat, lng, a.latitude, a.longitude) - distanceKm(lat, lng, b.latitude, b.longitude),
	);
}

export interface BoundingBox {
	bottomLeftLat: number;
	bottomLeftLng: number;
	topRightLat: number;
	topRightLng: number;
}

export const inBox = (box: BoundingBox) => (l: CaLocation) =>
	l.latitude >= box.bottomLeftLat &&
	l.latitude <= box.topRightLat &&
	l.longitude >= box.bottomLeftLng &&
	l.longitude <= box.topRightLng;

/** The box around some locations (null when there are none). */
export function boxAround(locations: CaLocation[]): BoundingBox | null {
	if (locations.length === 0) return null;
	const lats = locations.map((l) => l.latitude);
	const lngs = locations.map((l) => l.longitude);
	return {
		bottomLeftLat: Math.min(...lats),
		bottomLeftLng: Math.min(...lngs),
		topRightLat: Math.max(...lats),
		topRightLng: Math.max(...lngs),
	};
}

/** The four bounding-box query parameters (all or none unless `required`). */
export function boxOf(ctx: RouteContext, required: boolean): BoundingBox | undefined {
	const names = ['bottomLeftLat', 'bottomLeftLng', 'topRightLat', 'topRightLng'] as const;
	const given = names.filter((n) => ctx.query[n] !== undefined && ctx.query[n] !== '');
	if (given.length === 0 && !required) return undefined;
	const value = (name: (typeof names)[number]) =>
		queryNumber(ctx, name, {
			required: true,
			min: name.endsWith('Lat') ? -90 : -180,
			max: name.endsWith('Lat') ? 90 : 180,
		})!;
	const box = {
		bottomLeftLat: value('bottomLeftLat'),
		bottomLeftLng: value('bottomLeftLng'),
		topRightLat: value('topRightLat'),
		topRightLng: value('topRightLng'),
	};
	if (box.bottomLeftLat > box.topRightLat)
		throw invalid('bottomLeftLat', 'must not be above topRightLat.');
	return box;
}
