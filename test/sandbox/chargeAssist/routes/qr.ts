import { type Router, sendJson } from '../../http';
import { CaError } from '../errors';
import { bodyOf, caRoute, requireText, STYLES } from '../routing';
import type { CaEvse } from '../seedLocations';
import { type CaStore, findEvse, findLocation } from '../store';

/** `https://greenflux.app/qr/<datasource>/<operator>/<guid>`: the QR code of a seeded EVSE. */
const GREENFLUX_QR = /^https?:\/\/greenflux\.app\/qr\/([^/]+)\/([^/]+)\/([0-9a-f-]{36})\/?$/i;

/**
 * POST /qr: a GreenFlux QR URL of a seeded EVSE (the control route lists each EVSE's `qrUrl`), or any URL
 * ending in an EVSE uid / EVSE id → valid; an unknown GreenFlux QR id → 404; a private charger → 403;
 * any other URL → `valid: false`.
 */
export function registerQrRoutes(router: Router, store: CaStore): void {
	const byQrId = new Map<string, CaEvse>();
	for (const location of store.locations)
		for (const evse of location.evses) byQrId.set(evse.qrId.toLowerCase(), evse);

	caRoute(router, 'POST', '/qr', STYLES.validation, (ctx) => {
		const url = requireText(bodyOf(ctx), 'url').trim();
		const qr = GREENFLUX_QR.exec(url);
		const lastSegment = decodeURIComponent(url.split(/[/?#]/).filter(Boolean).pop() ?? '');
		const evse = qr ? byQrId.get(qr[3].toLowerCase()) : findEvse(store, lastSegment);
		if (qr && !evse) throw new CaError(404, 'Unknown QR code.', 'url', 'QR_NOT_FOUND');
		const location = evse && findLocation(store, evse.locationId);
		if (!evse || !location)
			return sendJson(ctx.res, 200, {
				valid: false,
				id: null,
				datasource: null,
				operator: null,
				locationId: null,
				ocpiLocationId: null,
				evseUid: null,
				connectorId: null,
				url,
				embeddedUrl: null,
				createdDate: new Date().toISOString(),
			});
		if (location.ownerAppToken)
			throw new CaError(403, 'This QR code belongs to a private charger.', 'url', 'PRIVATE');
		sendJson(ctx.res, 200, {
			valid: true,
			id: evse.qrId,
			datasource: qr ? qr[1] : 'ocpi',
			operator: location.operatorName,
			locationId: location.id,
			ocpiLocationId: location.ocpiLocationId,
			evseUid: evse.uid,
			connectorId: evse.connectors[0].id,
			url,
			embeddedUrl: qr ? url : null,
			createdDate: evse.lastUpdated,
		});
	});
}
