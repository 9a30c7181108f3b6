import type { RouteContext, Router } from '../../http';
import { registeredToken } from '../accountModels';
import { CaError } from '../errors';
import {
	boxAround,
	byDistance,
	locationMatches,
	parseLocationFilters,
	viewOf,
	visibleTo,
} from '../locationFilters';
import { locationSummary } from '../locationModels';
import { sendList } from '../paging';
import { bodyOf, caRoute, noContent, optionalText, queryNumber, STYLES } from '../routing';
import { type CaStore, findLocation } from '../store';

function favoritesOf(store: CaStore, appToken: string): Map<string, string | null> {
	const favorites = store.favorites.get(appToken) ?? new Map<string, string | null>();
	store.favorites.set(appToken, favorites);
	return favorites;
}

/** GET favourites as a LocationSummary geo list (v2.1 with the location filters), nearest first. */
function list(store: CaStore, ctx: RouteContext, withFilters: boolean) {
	const token = registeredToken(store, ctx.params.appToken);
	const lat = queryNumber(ctx, 'userLatitude', { min: -90, max: 90 });
	const lng = queryNumber(ctx, 'userLongitude', { min: -180, max: 180 });
	const filters = withFilters
		? { ...parseLocationFilters(ctx), appToken: token.appToken }
		: { appToken: token.appToken, connectorTypes: [], locationIds: [], restrictedAccess: true };
	const view = viewOf(store, filters, undefined);
	const ids = [...favoritesOf(store, token.appToken).keys()];
	const found = ids
		.map((id) => findLocation(store, id))
		.filter((l) => l !== undefined)
		.filter((l) => locationMatches(store, l, filters, view));
	const ordered = lat !== undefined && lng !== undefined ? byDistance(found, lat, lng) : found;
	sendList(
		ctx,
		ordered.map((l) => locationSummary(store, l, view)),
		boxAround(ordered),
	);
}

function add(store: CaStore, ctx: RouteContext) {
	const token = registeredToken(store, ctx.params.appToken);
	const location = findLocation(store, ctx.params.id);
	if (!location || !visibleTo(location, token.appToken))
		throw new CaError(404, `Location '${ctx.params.id}' not found.`, 'id');
	const displayName = optionalText(bodyOf(ctx, true), 'displayName') ?? null;
	favoritesOf(store, token.appToken).set(location.id, displayName);
	noContent(ctx);
}

function remove(store: CaStore, ctx: RouteContext) {
	const token = registeredToken(store, ctx.params.appToken);
	const location = findLocation(store, ctx.params.id);
	if (!location || !favoritesOf(store, token.appToken).delete(location.id))
		throw new CaError(404, `Location '${ctx.params.id}' is not a favourite.`, 'id');
	noContent(ctx);
}

/** Favorites and FavoritesV2: 404 (plain string) for unknown app tokens and locations. */
export function registerFavoriteRoutes(router: Router, store: CaStore): void {
	for (const prefix of ['', '/v2.1']) {
		caRoute(router, 'GET', `${prefix}/favorites/:appToken/locations`, STYLES.v1, (ctx) =>
			list(store, ctx, prefix !== ''),
		);
		caRoute(router, 'POST', `${prefix}/favorites/:appToken/location/:id`, STYLES.v1, (ctx) =>
			add(store, ctx),
		);
		caRoute(router, 'DELETE', `${prefix}/favorites/:appToken/location/:id`, STYLES.v1, (ctx) =>
			remove(store, ctx),
		);
	}
}
