import { inDateRange, notFound, ok, pageByOffset, type Router } from '../http';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/** Locations v1 (OCPI): list, location, EVSE, connector. */
export function registerLocationV1Routes(router: Router, state: SandboxState): void {
	const read = { module: 'locations' as const };
	const find = (id: string) =>
		state.locationsV1().find((l) => String(l.id).toLowerCase() === id.toLowerCase());

	router.add('GET', '/api/1.0/locations', read, (ctx) => {
		pageByOffset(ctx, state.locationsV1().filter(inDateRange(ctx.query)), {
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
