import { dateRange, notFound, ok, type Router } from '../http';
import { pageCacheOf, versionedList } from '../pageCache';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/**
 * A v1 location as GreenFlux serves it: `last_updated` is the newest time the location or any of its
 * EVSEs or connectors changed (reference §6.2), so an EVSE status change moves its location into a
 * `date_from` query; the list is ordered by that time.
 */
function withChangeTime(location: Json): Json {
	let newest = String(location.last_updated);
	const consider = (value: unknown) => {
		if (typeof value === 'string' && Date.parse(value) > Date.parse(newest)) newest = value;
	};
	for (const evse of (location.evses as Json[] | undefined) ?? []) {
		consider(evse.last_updated);
		for (const connector of (evse.connectors as Json[] | undefined) ?? [])
			consider(connector.last_updated);
	}
	return newest === location.last_updated ? location : { ...location, last_updated: newest };
}

/** Locations v1 (OCPI): list, location, EVSE, connector. */
export function registerLocationV1Routes(router: Router, state: SandboxState): void {
	const read = { module: 'locations' as const };
	const cache = pageCacheOf(state);
	const locations = () =>
		versionedList(state, 'locations', 'locationsV1', () =>
			state
				.locationsV1()
				.map(withChangeTime)
				.sort(
					(a, b) =>
						Date.parse(String(a.last_updated)) - Date.parse(String(b.last_updated)) ||
						String(a.id).localeCompare(String(b.id)),
				),
		);
	const find = (id: string) =>
		locations().items.find((l) => String(l.id).toLowerCase() === id.toLowerCase());

	router.add('GET', '/api/1.0/locations', read, (ctx) => {
		cache.sendByOffset(ctx, cache.between(locations(), 'last_updated', ...dateRange(ctx.query)), {
			defaultLimit: 1000,
			maxLimit: 1000,
			path: '/api/1.0/locations',
		});
	});
	router.add('GET', '/api/1.0/locations/:locationId', read, (ctx) => {
		const location = find(ctx.params.locationId);
		return location ? ok(ctx, location) : notFound(ctx, `Location ${ctx.params.locationId}`);
	});
	router.add('GET', '/api/1.0/locations/:locationId/:evseUid', read, (ctx) => {
		const evse = (find(ctx.params.locationId)?.evses as Json[] | undefined)?.find(
			(e) => e.uid === ctx.params.evseUid,
		);
		return evse
			? ok(ctx, evse)
			: notFound(ctx, `EVSE ${ctx.params.evseUid} of location ${ctx.params.locationId}`);
	});
	router.add('GET', '/api/1.0/locations/:locationId/:evseUid/:connectorId', read, (ctx) => {
		const evse = (find(ctx.params.locationId)?.evses as Json[] | undefined)?.find(
			(e) => e.uid === ctx.params.evseUid,
		);
		const connector = (evse?.connectors as Json[] | undefined)?.find(
			(c) => c.id === ctx.params.connectorId,
		);
		return connector
			? ok(ctx, connector)
			: notFound(ctx, `Connector ${ctx.params.connectorId} of EVSE ${ctx.params.evseUid}`);
	});
}
