import { type Handler, type RouteContext, type Router, sendJson } from '../http';
import type { Json } from '../seed';
import type { SandboxState } from '../state';
import { paymentMethodModel, tokenModel } from './accountModels';
import { chargeAssistFixtures } from './fixtures';
import { locationModel } from './locationModels';
import { pushRecords, setPushTarget } from './push';
import { statusResponse } from './sessionModels';
import { QR_BASE } from './seedLocations';
import { caStore, findEvse, walletOf } from './store';

const EVSE_STATUSES = [
	'AVAILABLE',
	'BLOCKED',
	'CHARGING',
	'INOPERATIVE',
	'OUTOFORDER',
	'PLANNED',
	'REMOVED',
	'RESERVED',
	'UNKNOWN',
];

/**
 * Control routes for tests (no key, not logged) under /__sandbox/chargeassist/:
 * GET fixtures | sessions[?appToken=&include=history] | tokens | locations | pushes | failedpayments | ratings;
 * POST push-target {url, token} (DELETE clears) | servicestatus {status, message?} | evse-status {evseUid, status|null}.
 */
export function registerChargeAssistControlRoutes(control: Router, state: SandboxState): void {
	const store = caStore(state);
	const opts = { module: 'chargeAssist' as const };
	const route = (method: string, path: string, handler: (ctx: RouteContext) => unknown) => {
		const wrapped: Handler = (ctx) => {
			try {
				sendJson(ctx.res, 200, handler(ctx));
			} catch (error) {
				sendJson(ctx.res, 400, { error: (error as Error).message });
			}
		};
		control.add(method, `/__sandbox/chargeassist/${path}`, opts, wrapped);
	};
	const body = (ctx: RouteContext) => (ctx.body ?? {}) as Json;

	route('GET', 'fixtures', () => chargeAssistFixtures(state));
	route('GET', 'sessions', (ctx) => {
		const now = Date.now();
		return [...store.sessions.values()]
			.filter((s) => ctx.query.include === 'history' || !s.history)
			.filter((s) => !ctx.query.appToken || s.appToken === ctx.query.appToken)
			.map((s) => statusResponse(store, s, now));
	});
	route('GET', 'tokens', () =>
		[...store.tokens.values()].map((token) => ({
			...tokenModel(store, token),
			blocked: token.blocked,
			driverId: token.driverId,
			emspId: token.emspId,
			wallet: walletOf(store, token.appToken).map((p) => paymentMethodModel(store, p)),
			favorites: [...(store.favorites.get(token.appToken)?.keys() ?? [])],
		})),
	);
	route('GET', 'locations', () => {
		const now = Date.now();
		return store.locations.map((location) => {
			const model = locationModel(store, location, { now, appToken: location.ownerAppToken });
			return {
				...model,
				ownerAppToken: location.ownerAppToken ?? null,
				hasTariff: location.hasTariff,
				evses: (model.evses as Json[]).map((evse, i) => ({
					...evse,
					chargeStationId: location.evses[i].chargeStationId,
					chargeStationOnline: location.evses[i].online,
					qrUrl: `${QR_BASE}${location.evses[i].qrId}`,
				})),
			};
		});
	});
	route('GET', 'pushes', () => pushRecords(state));
	route('GET', 'failedpayments', () => store.failedPayments);
	route('GET', 'ratings', () => ({
		sessions: [...store.sessionRatings.values()],
		locations: store.locationRatings,
	}));
	route('POST', 'push-target', (ctx) => {
		const { url, token } = body(ctx);
		if (typeof url !== 'string' || typeof token !== 'string')
			throw new Error('Body must be {"url": "...", "token": "..."}');
		setPushTarget(state, { url, token });
		return { ok: true };
	});
	route('DELETE', 'push-target', () => {
		setPushTarget(state, undefined);
		return { ok: true };
	});
	route('POST', 'servicestatus', (ctx) => {
		const status = Number(body(ctx).status ?? 200);
		if (status !== 200 && (status < 400 || status > 599))
			throw new Error('status must be 200 or 400–599');
		const message = body(ctx).message;
		store.serviceStatus = {
			status,
			message:
				typeof message === 'string'
					? message
					: status === 200
						? 'Operational'
						: 'Service Unavailable',
		};
		return store.serviceStatus;
	});
	route('POST', 'evse-status', (ctx) => {
		const { evseUid, status } = body(ctx);
		const evse = typeof evseUid === 'string' ? findEvse(store, evseUid) : undefined;
		if (!evse) throw new Error('evseUid must be the uid of a Charge Assist EVSE');
		if (status === null || status === undefined) store.evseOverrides.delete(evse.uid);
		else if (typeof status === 'string' && EVSE_STATUSES.includes(status))
			store.evseOverrides.set(evse.uid, status);
		else throw new Error(`status must be one of ${EVSE_STATUSES.join(', ')} or null`);
		return { evseUid, status: status ?? null };
	});
}
