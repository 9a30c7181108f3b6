import { type RouteContext, type Router, sendJson } from '../../http';
import type { SandboxState } from '../../state';
import { registeredToken } from '../accountModels';
import { CaError, type ErrorStyles, invalid, required } from '../errors';
import { visibleTo } from '../locationFilters';
import { accepts, evseStatus } from '../locationModels';
import { pokePushes } from '../push';
import type { CaSession } from '../records';
import {
	bodyOf,
	caRoute,
	okEmpty,
	optionalText,
	queryNumber,
	requireText,
	STYLES,
} from '../routing';
import { clockView, isFinal, occupiesEvse } from '../sessionClock';
import { statusResponse } from '../sessionModels';
import { digest } from '../seedAccounts';
import { type CaStore, findLocation, findPaymentMethod, liveSessions } from '../store';

/** What the charge station will do with a start (the session's `outcome`, `error`, `errorMessage`). */
function outcomeOf(
	store: CaStore,
	evse: NonNullable<ReturnType<typeof findEvseOf>>,
	invalidCard: boolean,
	ignoreAvailability: boolean,
	now: number,
): Pick<CaSession, 'outcome' | 'error' | 'errorMessage'> {
	if (invalidCard)
		return {
			outcome: 'REJECTED',
			error: 'INVALID_TOKEN',
			errorMessage: 'The charge card was not accepted.',
		};
	const taken = liveSessions(store).some(
		(s) => s.evseUid === evse.uid && occupiesEvse(s, store.clockMs, now),
	);
	if (taken || (!ignoreAvailability && evseStatus(store, evse, now) !== 'AVAILABLE'))
		return {
			outcome: 'REJECTED',
			error: 'EVSE_NOT_AVAILABLE',
			errorMessage: 'The EVSE is not available.',
		};
	if (!evse.online)
		return {
			outcome: 'TIMEOUT',
			error: 'COMMAND_TIMED_OUT',
			errorMessage: 'The charge station did not answer the start command.',
		};
	return { outcome: 'CHARGE', error: null, errorMessage: null };
}

function findEvseOf(store: CaStore, locationId: string, evseUid: string) {
	return findLocation(store, locationId)?.evses.find(
		(e) => e.uid.toUpperCase() === evseUid.toUpperCase() || e.evseId === evseUid,
	);
}

/** POST /session/start: validates, then stores a session whose life follows the clock. */
function start(store: CaStore, state: SandboxState, ctx: RouteContext): void {
	const appToken = ctx.query.appToken;
	if (!appToken) throw required('appToken');
	const body = bodyOf(ctx);
	const locationId = requireText(body, 'locationId');
	const evseUid = requireText(body, 'evseUid');
	const paymentMethodId = requireText(body, 'paymentMethodId');
	const connectorId = optionalText(body, 'connectorId');
	const token = registeredToken(store, appToken);
	if (token.blocked) throw new CaError(403, 'Invalid token used.', 'appToken', 'INVALID_TOKEN');
	const location = findLocation(store, locationId);
	if (!location || !visibleTo(location, appToken))
		throw new CaError(400, `'locationId' ${locationId} does not exist.`, 'locationId', 'NOT_FOUND');
	const evse = findEvseOf(store, locationId, evseUid);
	if (!evse)
		throw new CaError(
			400,
			`'evseUid' ${evseUid} is not an EVSE of this location.`,
			'evseUid',
			'NOT_FOUND',
		);
	const connector = connectorId
		? evse.connectors.find((c) => c.id === connectorId)
		: evse.connectors[0];
	if (!connector) throw invalid('connectorId', `${connectorId} is not a connector of this EVSE.`);
	const pm = findPaymentMethod(store, appToken, paymentMethodId);
	if (!pm)
		throw new CaError(
			400,
			`'paymentMethodId' ${paymentMethodId} is not in the wallet of this app token.`,
			'paymentMethodId',
			'NOT_FOUND',
		);
	if (!accepts(location, pm))
		throw invalid('paymentMethodId', `of type ${pm.type} is not accepted at this location.`);
	if (!location.hasTariff && pm.type !== 'CHARGE_CARD')
		throw invalid('evseUid', 'has no tariff: a session cannot be paid with this payment method.');
	const now = Date.now();
	const id = store.random.uuid();
	const session: CaSession = {
		id,
		appToken,
		paymentMethodId: pm.id,
		locationId: location.id,
		evseUid: evse.uid,
		connectorId: connector.id,
		authId: pm.type === 'CHARGE_CARD' ? (pm.authId ?? token.authId) : token.authId,
		messageId: store.random.uuid(),
		externalSessionId: store.random.uuid(),
		externalCdrId: `NLGFXCA${digest(id, 12).toUpperCase()}`,
		createdAt: now,
		...outcomeOf(
			store,
			evse,
			pm.verificationStatus === 'INVALID',
			body.ignoreEvseAvailablity === true,
			now,
		),
		stoppedAt: null,
		powerKw: connector.kw,
		startMethod: 'APP',
		mileage: null,
		priority: false,
		vidRegistration: false,
		receiptNumber: null,
		payment: { status: null, confirmationTime: null, pspTransactionId: null },
	};
	store.sessions.set(id, session);
	pokePushes(state);
	sendJson(ctx.res, 200, {
		chargeSessionId: id,
		nextStatusCall: new Date(now + store.clockMs).toISOString(),
		messageId: session.messageId,
	});
}

/** The app token's session: 404 unknown, 403 someone else's. */
export function ownSession(store: CaStore, appToken: string | undefined, id: string): CaSession {
	const session = store.sessions.get(id);
	if (!session) throw new CaError(404, `Session '${id}' not found.`, 'chargeSessionId');
	if (appToken !== undefined && session.appToken !== appToken)
		throw new CaError(403, 'The session belongs to another app token.', 'appToken');
	return session;
}

function status(store: CaStore, ctx: RouteContext): void {
	const appToken = ctx.query.appToken;
	if (!appToken) throw required('appToken');
	const id = ctx.query.chargeSessionId;
	if (!id) throw required('chargeSessionId');
	const max = queryNumber(ctx, 'maxDataPoints', { integer: true, min: 0, max: 1000 }) ?? 15;
	registeredToken(store, appToken);
	sendJson(ctx.res, 200, statusResponse(store, ownSession(store, appToken, id), Date.now(), max));
}

function stop(store: CaStore, state: SandboxState, ctx: RouteContext): void {
	const appToken = ctx.query.appToken;
	if (!appToken) throw required('appToken');
	const id = requireText(bodyOf(ctx), 'chargeSessionId');
	registeredToken(store, appToken);
	const session = ownSession(store, appToken, id);
	const now = Date.now();
	const current = clockView(session, store.clockMs, now).status;
	if (session.stoppedAt !== null || isFinal(current))
		throw new CaError(
			400,
			`The session is ${current}: it cannot be stopped.`,
			'chargeSessionId',
			'NOT_ACTIVE',
		);
	session.stoppedAt = now;
	pokePushes(state);
	sendJson(ctx.res, 200, statusResponse(store, session, now));
}

function mileage(store: CaStore, ctx: RouteContext): void {
	const token = registeredToken(store, ctx.params.appToken);
	const body = bodyOf(ctx);
	const session = ownSession(store, token.appToken, requireText(body, 'chargeSessionId'));
	const value = requireText(body, 'mileage');
	if (!/^\d+(\.\d+)?$/.test(value.trim())) throw invalid('mileage', 'must be a number of km.');
	if (isFinal(clockView(session, store.clockMs, Date.now()).status))
		throw invalid('chargeSessionId', 'is not an ongoing session.');
	session.mileage = value.trim();
	okEmpty(ctx);
}

/** High priority (smart charging): 400 where the location has no smart charging. */
function highPriority(store: CaStore, ctx: RouteContext): void {
	const appToken = ctx.query.appToken || undefined;
	const id = requireText(bodyOf(ctx), 'chargeSessionId');
	const session = store.sessions.get(id);
	if (!session || (appToken !== undefined && session.appToken !== appToken))
		throw new CaError(404, `Session '${id}' not found.`, 'chargeSessionId');
	if (!findLocation(store, session.locationId)?.smartChargingEnabled)
		throw new CaError(
			400,
			'Smart charging is not enabled for this location.',
			'chargeSessionId',
			'SMART_CHARGING_DISABLED',
		);
	const current = clockView(session, store.clockMs, Date.now()).status;
	const approved = current === 'CHARGING' || current === 'PARKING';
	if (approved) session.priority = true;
	sendJson(ctx.res, 200, { status: approved ? 'APPROVED' : 'DENIED' });
}

/** GET /session/externalcdr/{cdrId}/authid/{authId}: the session behind a CDR (once CDR_AVAILABLE). */
function externalCdr(store: CaStore, ctx: RouteContext): void {
	const now = Date.now();
	const session = [...store.sessions.values()].find(
		(s) =>
			s.externalCdrId === ctx.params.cdrId &&
			clockView(s, store.clockMs, now).status === 'CDR_AVAILABLE',
	);
	if (!session) throw new CaError(404, `CDR '${ctx.params.cdrId}' not found.`, 'cdrId');
	if (session.authId !== ctx.params.authId)
		throw new CaError(403, 'The auth id does not match the CDR.', 'authId');
	const status = statusResponse(store, session, now);
	sendJson(ctx.res, 200, {
		appToken: session.appToken,
		sessionId: session.id,
		externalSessionId: session.externalSessionId,
		locationId: session.locationId,
		transactionDetails: status.transactionDetails,
		pspPreAuthTransactionId: status.pspPreAuthTransactionId,
		locationSummary: status.location,
		receiptNumber: status.receiptNumber,
	});
}

/** Session and SessionV2. */
export function registerSessionRoutes(router: Router, store: CaStore, state: SandboxState): void {
	const v1 = STYLES.v1;
	const v2: ErrorStyles = STYLES.v2;
	for (const [prefix, styles] of [
		['', v1],
		['/v2.1', v2],
	] as const) {
		caRoute(router, 'POST', `${prefix}/session/start`, styles, (ctx) => start(store, state, ctx));
		caRoute(
			router,
			'POST',
			`${prefix}/session/stop`,
			prefix ? v2 : { ...v1, 502: 'validation' },
			(ctx) => stop(store, state, ctx),
		);
		caRoute(router, 'GET', `${prefix}/session/status`, styles, (ctx) => status(store, ctx));
		caRoute(router, 'POST', `${prefix}/session/:appToken/mileage`, styles, (ctx) =>
			mileage(store, ctx),
		);
		caRoute(
			router,
			'POST',
			`${prefix}/session/highpriority`,
			prefix ? { ...v2, 404: 'text', 502: 'text' } : v1,
			(ctx) => highPriority(store, ctx),
		);
	}
	caRoute(
		router,
		'GET',
		'/session/externalcdr/:cdrId/authid/:authId',
		{ default: 'validation', 403: 'text' },
		(ctx) => externalCdr(store, ctx),
	);
}
