import { type RouteContext, type Router, sendJson } from '../../http';
import type { Json } from '../../seed';
import { CaError, invalid } from '../errors';
import {
	boxAround,
	boxOf,
	byDistance,
	distanceKm,
	filteredLocations,
	inBox,
	type LocationFilters,
	parseLocationFilters,
	startableFirst,
	viewOf,
	visibleTo,
} from '../locationFilters';
import {
	evseStatus,
	type LocationView,
	locationMin,
	locationModel,
	locationSummary,
} from '../locationModels';
import { sendList, sendPage } from '../paging';
import { bodyOf, caRoute, queryNumber, STYLES } from '../routing';
import type { CaLocation } from '../seedLocations';
import { type CaStore, findEvse, findLocation } from '../store';
import { poiClusters } from './tiles';

/** Nearby: 50 km around the point, at most 25 results (v1), nearest first, startable first. */
const NEARBY_KM = 50;
const NEARBY_MAX = 25;
/** Bounding box: at most 50 results. */
const BOX_MAX = 50;

type Shape = 'summary' | 'model';

interface Listing {
	filters: LocationFilters;
	view: LocationView;
	locations: CaLocation[];
}

function listing(store: CaStore, ctx: RouteContext): Listing {
	const filters = parseLocationFilters(ctx);
	const view = viewOf(store, filters, ctx.query.paymentMethodId || undefined);
	return { filters, view, locations: filteredLocations(store, filters, view) };
}

const render = (store: CaStore, shape: Shape, view: LocationView) => (l: CaLocation) =>
	shape === 'summary' ? locationSummary(store, l, view) : locationModel(store, l, view);

function userPoint(ctx: RouteContext, latName: string, lngName: string, required = false) {
	const lat = queryNumber(ctx, latName, { required, min: -90, max: 90 });
	const lng = queryNumber(ctx, lngName, { required, min: -180, max: 180 });
	if ((lat === undefined) !== (lng === undefined))
		throw invalid(lat === undefined ? latName : lngName, 'is required with the other coordinate.');
	return lat === undefined ? undefined : { lat, lng: lng! };
}

function search(store: CaStore, ctx: RouteContext, shape: Shape, qRequired: boolean) {
	const q = (ctx.query.q ?? '').trim().toLowerCase();
	if (qRequired && !q) throw new CaError(400, "'q' is required.", 'q', 'REQUIRED');
	const user = userPoint(ctx, 'userLatitude', 'userLongitude');
	const { view, locations } = listing(store, ctx);
	const found = locations.filter(
		(l) =>
			!q ||
			[l.name, l.city, l.address, l.postalCode, l.id, ...l.evses.map((e) => e.uid)].some((text) =>
				text.toLowerCase().includes(q),
			),
	);
	const ordered = user
		? byDistance(found, user.lat, user.lng)
		: [...found].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
	sendPage(ctx, ordered.map(render(store, shape, view)), {
		defaultPageSize: 25,
		boundingBox: boxAround(ordered),
	});
}

function nearby(store: CaStore, ctx: RouteContext, shape: Shape) {
	const point = userPoint(ctx, 'latitude', 'longitude', shape === 'summary');
	const { view, locations } = listing(store, ctx);
	const close = point
		? byDistance(locations, point.lat, point.lng).filter(
				(l) => distanceKm(point.lat, point.lng, l.latitude, l.longitude) <= NEARBY_KM,
			)
		: locations;
	const ordered = startableFirst(store, close, view.now);
	if (shape === 'summary') {
		const found = ordered.slice(0, NEARBY_MAX);
		return sendList(ctx, found.map(render(store, shape, view)), boxAround(found));
	}
	sendPage(ctx, ordered.map(render(store, shape, view)), {
		defaultPageSize: 50,
		boundingBox: boxAround(ordered),
	});
}

function boundingBox(store: CaStore, ctx: RouteContext, shape: Shape | 'min', required: boolean) {
	const box = boxOf(ctx, required);
	const user = userPoint(ctx, 'userLatitude', 'userLongitude');
	const { view, locations } = listing(store, ctx);
	const inside = box ? locations.filter(inBox(box)) : locations;
	const ordered = startableFirst(
		store,
		user ? byDistance(inside, user.lat, user.lng) : inside,
		view.now,
	);
	const found = shape === 'min' ? ordered : ordered.slice(0, BOX_MAX);
	const items =
		shape === 'min'
			? found.map((l) => locationMin(store, l, view.now))
			: found.map(render(store, shape, view));
	sendPage(ctx, items, { defaultPageSize: 50, boundingBox: box ?? boxAround(found) });
}

/** One location (by id, or by one of its EVSEs): 404 unknown, 403 someone else's private location. */
function single(store: CaStore, ctx: RouteContext, location: CaLocation | undefined) {
	if (!location) throw new CaError(404, 'Location not found.', 'id');
	const filters = parseLocationFilters(ctx);
	if (!visibleTo(location, filters.appToken))
		throw new CaError(403, 'This location is private.', 'filter.appToken');
	const view = viewOf(store, filters, ctx.query.paymentMethodId || undefined);
	sendJson(ctx.res, 200, locationModel(store, location, view));
}

function byEvse(store: CaStore, ctx: RouteContext) {
	const evse = findEvse(store, ctx.params.evseUid);
	single(store, ctx, evse && findLocation(store, evse.locationId));
}

/** POST /locations/availability: 1–20 location ids → their EVSE statuses (unknown ids left out). */
function availability(store: CaStore, ctx: RouteContext) {
	const body = bodyOf(ctx);
	const ids = body.locationIds;
	if (!Array.isArray(ids) || ids.length < 1 || ids.length > 20)
		throw new CaError(400, "'locationIds' must hold between 1 and 20 location ids.", 'locationIds');
	const now = Date.now();
	const data = ids
		.map((id) => findLocation(store, String(id)))
		.filter((l): l is CaLocation => l !== undefined && l.ownerAppToken === undefined)
		.map((l) => ({
			id: l.id,
			evses: l.evses.map((e) => ({
				status: evseStatus(store, e, now),
				evseId: e.evseId,
				parkingRestrictions: ['EV_ONLY'],
				restrictedAccess: e.restrictedAccess,
				uid: e.uid,
				lu: e.lastUpdated,
			})),
			lu: l.lastUpdated,
		}));
	sendJson(ctx.res, 200, { data });
}

function tile(store: CaStore, ctx: RouteContext) {
	const zoom = queryNumber(ctx, 'zoomLevel', { required: true, integer: true, min: 0, max: 22 })!;
	const size = 2 ** zoom;
	const x = queryNumber(ctx, 'x', { required: true, integer: true, min: 0, max: size - 1 })!;
	const y = queryNumber(ctx, 'y', { required: true, integer: true, min: 0, max: size - 1 })!;
	const overlap = queryNumber(ctx, 'overlapPixel', { integer: true, min: 1, max: 256 }) ?? 15;
	const { view, locations } = listing(store, ctx);
	const clusters: Json[] = poiClusters(locations, { x, y, zoom, overlap }, (l) =>
		l.evses.map((e) => evseStatus(store, e, view.now)),
	);
	sendList(ctx, clusters);
}

/** Locations, LocationsV2 and PrivateLocations. */
export function registerLocationRoutes(router: Router, store: CaStore): void {
	const v1List = STYLES.validation;
	caRoute(router, 'GET', '/locations', v1List, (ctx) => {
		const { view, locations } = listing(store, ctx);
		sendPage(ctx, locations.map(render(store, 'summary', view)), {
			defaultPageSize: 25,
			boundingBox: boxAround(locations),
		});
	});
	caRoute(router, 'GET', '/locations/search', v1List, (ctx) => search(store, ctx, 'summary', true));
	caRoute(router, 'GET', '/locations/nearby', v1List, (ctx) => nearby(store, ctx, 'summary'));
	caRoute(router, 'GET', '/locations/boundingbox', v1List, (ctx) =>
		boundingBox(store, ctx, 'summary', true),
	);
	caRoute(router, 'GET', '/locations/boundingbox-minimal', v1List, (ctx) =>
		boundingBox(store, ctx, 'min', false),
	);
	caRoute(router, 'GET', '/locations/boundingbox-tile', v1List, (ctx) => tile(store, ctx));
	caRoute(router, 'POST', '/locations/availability', { default: 'badRequestObject' }, (ctx) =>
		availability(store, ctx),
	);
	const one = { default: 'text' } as const;
	caRoute(router, 'GET', '/locations/evse/:evseUid', one, (ctx) => byEvse(store, ctx));
	caRoute(router, 'GET', '/locations/:id', one, (ctx) =>
		single(store, ctx, findLocation(store, ctx.params.id)),
	);

	caRoute(router, 'GET', '/v2.1/locations/search', v1List, (ctx) =>
		search(store, ctx, 'model', false),
	);
	caRoute(router, 'GET', '/v2.1/locations/nearby', v1List, (ctx) => nearby(store, ctx, 'model'));
	caRoute(router, 'GET', '/v2.1/locations/boundingbox', v1List, (ctx) =>
		boundingBox(store, ctx, 'model', false),
	);
	caRoute(router, 'GET', '/v2.1/locations/boundingbox-minimal', v1List, (ctx) =>
		boundingBox(store, ctx, 'min', false),
	);
	caRoute(router, 'GET', '/v2.1/locations/evse/:evseUid', one, (ctx) => byEvse(store, ctx));
	caRoute(router, 'GET', '/v2.1/locations/:id', one, (ctx) =>
		single(store, ctx, findLocation(store, ctx.params.id)),
	);

	caRoute(router, 'GET', '/privatelocations/:appToken', STYLES.v1, (ctx) => {
		const appToken = ctx.params.appToken;
		if (!store.tokens.has(appToken))
			throw new CaError(404, 'Token not registered.', 'appToken', 'TOKEN_NOT_REGISTERED');
		const view: LocationView = { now: Date.now(), appToken };
		const own = store.locations.filter((l) => l.ownerAppToken === appToken);
		sendPage(
			ctx,
			own.map((l) => locationModel(store, l, view)),
			{ defaultPageSize: 25 },
		);
	});
}
