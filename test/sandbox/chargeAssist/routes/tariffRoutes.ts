import { type RouteContext, type Router, sendJson } from '../../http';
import type { Json } from '../../seed';
import { paymentMethodModel, registeredToken } from '../accountModels';
import { CaError } from '../errors';
import { accepts } from '../locationModels';
import { sendList } from '../paging';
import type { CaPaymentMethod } from '../records';
import { bodyOf, caRoute, noContent, STYLES } from '../routing';
import type { CaConnector, CaEvse, CaLocation } from '../seedLocations';
import { type CaStore, findLocation, findPaymentMethod, walletOf } from '../store';
import { pricesOf, tariffModel } from '../tariffs';

interface Target {
	location: CaLocation;
	evse: CaEvse;
	connector: CaConnector;
}

/** The location, EVSE and connector of a tariff request; `appToken` sees its private locations. */
function targetOf(store: CaStore, ctx: RouteContext, appToken?: string): Target {
	const location = findLocation(store, ctx.params.locationId);
	if (!location || (location.ownerAppToken && location.ownerAppToken !== appToken))
		throw new CaError(404, `Location '${ctx.params.locationId}' not found.`, 'locationId');
	const evse = location.evses.find((e) => e.uid.toUpperCase() === ctx.params.evseUid.toUpperCase());
	if (!evse) throw new CaError(404, `EVSE '${ctx.params.evseUid}' not found.`, 'evseUid');
	const connectorId = ctx.query.connectorId;
	const connector = connectorId
		? evse.connectors.find((c) => c.id === connectorId)
		: evse.connectors[0];
	if (!connector)
		throw new CaError(
			appToken ? 404 : 400,
			`Connector '${connectorId}' is not a connector of this EVSE.`,
			'connectorId',
		);
	return { location, evse, connector };
}

const tariffs = (connector: CaConnector) => ({
	tariff: tariffModel(pricesOf(connector), 'RETAIL'),
	tariffWholeSale: tariffModel(pricesOf(connector), 'WHOLESALE'),
});

/**
 * A wallet item: VALID with the tariff; UNKNOWN for charge cards (their eMSP's tariff); NO_TARIFF_FOUND,
 * NOT_COMPATIBLE (location does not take the type) or ERROR (an invalid card) without one.
 */
function walletItem(store: CaStore, target: Target, pm: CaPaymentMethod): Json {
	const validity =
		pm.verificationStatus === 'INVALID'
			? 'ERROR'
			: !accepts(target.location, pm)
				? 'NOT_COMPATIBLE'
				: !target.location.hasTariff
					? 'NO_TARIFF_FOUND'
					: pm.type === 'CHARGE_CARD'
						? 'UNKNOWN'
						: 'VALID';
	return {
		...(validity === 'VALID' ? tariffs(target.connector) : { tariff: null, tariffWholeSale: null }),
		validity,
		paymentMethod: paymentMethodModel(store, pm, target.location),
		futureTariffs: [],
		isDefaultTariff: false,
	};
}

/** Tariff (bulk tariff included). */
export function registerTariffRoutes(router: Router, store: CaStore): void {
	caRoute(router, 'GET', '/tariff/:appToken/evse/:locationId/:evseUid', STYLES.text, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const target = targetOf(store, ctx, token.appToken);
		sendList(
			ctx,
			walletOf(store, token.appToken).map((pm) => walletItem(store, target, pm)),
		);
	});

	// The default token: 204 where it pays by charge card (locations without direct pay), 404 without tariff.
	caRoute(router, 'GET', '/tariff/evse/:locationId/:evseUid', STYLES.problem, (ctx) => {
		const target = targetOf(store, ctx);
		if (!target.location.hasTariff)
			throw new CaError(404, 'No tariff found for this connector: a session cannot be started.');
		if (!target.location.dp) return noContent(ctx);
		sendJson(ctx.res, 200, {
			...tariffs(target.connector),
			validity: 'VALID',
			paymentMethod: null,
			futureTariffs: [],
			isDefaultTariff: true,
		});
	});

	caRoute(
		router,
		'POST',
		'/bulktariff/:appToken/paymentmethod/:paymentMethodId',
		STYLES.problem,
		(ctx) => {
			const token = registeredToken(store, ctx.params.appToken);
			const pm = findPaymentMethod(store, token.appToken, ctx.params.paymentMethodId);
			if (!pm) throw new CaError(404, `Payment method '${ctx.params.paymentMethodId}' not found.`);
			const pairs = bodyOf(ctx).locationEvses;
			if (!Array.isArray(pairs) || pairs.length === 0)
				throw new CaError(400, "'locationEvses' must hold at least one {locationId, evseUid}.");
			const evseTariffs = (pairs as Json[]).map((pair) => {
				if (typeof pair?.locationId !== 'string' || typeof pair?.evseUid !== 'string')
					throw new CaError(400, "Each of 'locationEvses' needs a locationId and an evseUid.");
				const location = findLocation(store, pair.locationId);
				const evse = location?.evses.find((e) => e.uid === pair.evseUid);
				const priced =
					location &&
					evse &&
					location.hasTariff &&
					pm.type !== 'CHARGE_CARD' &&
					pm.verificationStatus !== 'INVALID' &&
					accepts(location, pm);
				return {
					...(priced ? tariffs(evse.connectors[0]) : { tariff: null, tariffWholeSale: null }),
					locationId: pair.locationId,
					evseUid: pair.evseUid,
				};
			});
			sendJson(ctx.res, 200, { evseTariffs });
		},
	);
}
