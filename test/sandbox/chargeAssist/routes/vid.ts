import { type RouteContext, type Router, sendJson } from '../../http';
import { registeredToken, vidMappingModel, vidStatusOf } from '../accountModels';
import { CaError, invalid } from '../errors';
import type { CaPaymentMethod } from '../records';
import { bodyOf, caRoute, requireText, STYLES } from '../routing';
import { clockView } from '../sessionClock';
import { digest } from '../seedAccounts';
import { type CaStore, findPaymentMethod } from '../store';

/** Payment method types the sandbox subscription allows for Autocharge. */
const AUTOCHARGE_TYPES = ['VISA', 'MASTER_CARD'];

function checkAutocharge(pm: CaPaymentMethod, field: string) {
	if (!AUTOCHARGE_TYPES.includes(pm.type))
		throw invalid(
			field,
			`uses a ${pm.type} payment method; Autocharge takes ${AUTOCHARGE_TYPES.join(' or ')}.`,
		);
}

function mappingOf(store: CaStore, ctx: RouteContext) {
	const token = registeredToken(store, ctx.params.appToken);
	const mapping = store.vid.get(token.appToken);
	if (!mapping) throw new CaError(404, 'No Autocharge VID is registered for this app token.');
	return mapping;
}

/**
 * Vid (Autocharge): register the vehicle id seen in a CHARGING/PARKING session paid by VISA or MasterCard
 * (VID_REQUESTED, VID_REGISTERED two clock steps later), deregister it, change its payment method.
 */
export function registerVidRoutes(router: Router, store: CaStore): void {
	caRoute(router, 'POST', '/vid/:appToken/register', STYLES.v1, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const sessionId = requireText(bodyOf(ctx), 'sessionId');
		const session = store.sessions.get(sessionId);
		if (!session || session.appToken !== token.appToken)
			throw invalid('sessionId', 'is not a session of this app token.');
		const status = clockView(session, store.clockMs, Date.now()).status;
		if (status !== 'CHARGING' && status !== 'PARKING')
			throw invalid('sessionId', `is ${status}: the vehicle id is read during charging.`);
		const pm = store.paymentMethods.find((p) => p.id === session.paymentMethodId);
		if (pm) checkAutocharge(pm, 'sessionId');
		const mapping = {
			vid: `VID:${digest(`${session.evseUid}/${session.id}`, 12).toUpperCase()}`,
			appToken: token.appToken,
			paymentMethodId: session.paymentMethodId,
			sessionId: session.id,
			requestedAt: Date.now(),
		};
		store.vid.set(token.appToken, mapping);
		session.vidRegistration = true;
		sendJson(ctx.res, 200, vidMappingModel(store, mapping));
	});

	caRoute(router, 'POST', '/vid/:appToken/deregister', STYLES.v1, (ctx) => {
		const mapping = mappingOf(store, ctx);
		const answer = vidMappingModel(store, mapping);
		store.vid.delete(mapping.appToken);
		store.vidDeregistered.add(mapping.sessionId);
		sendJson(ctx.res, 200, { ...answer, vidStatus: vidStatusOf(store, mapping) });
	});

	caRoute(router, 'POST', '/vid/:appToken/changepaymentmethod', STYLES.v1, (ctx) => {
		const mapping = mappingOf(store, ctx);
		const id = requireText(bodyOf(ctx), 'paymentMethodId');
		const pm = findPaymentMethod(store, mapping.appToken, id);
		if (!pm) throw invalid('paymentMethodId', 'is not in the wallet of this app token.');
		checkAutocharge(pm, 'paymentMethodId');
		mapping.paymentMethodId = pm.id;
		sendJson(ctx.res, 200, vidMappingModel(store, mapping));
	});
}
