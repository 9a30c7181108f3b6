import { type RouteContext, type Router, sendJson } from '../../http';
import type { SandboxState } from '../../state';
import { registeredToken, tokenModel } from '../accountModels';
import { CaError, invalid, required } from '../errors';
import { meta, sendList, sendPage } from '../paging';
import type { CaAppToken } from '../records';
import { bodyOf, caRoute, optionalText, STYLES } from '../routing';
import { clockView } from '../sessionClock';
import { sessionHistory } from '../sessionHistory';
import { historyV1, historyV2 } from '../sessionModels';
import { newAppToken } from '../seedAccounts';
import type { CaStore } from '../store';

/** An app token: 1–128 characters without white space. */
function checkAppToken(appToken: unknown): string {
	if (appToken === undefined || appToken === null || appToken === '') throw required('appToken');
	if (typeof appToken !== 'string' || !/^\S{1,128}$/.test(appToken))
		throw invalid('appToken', 'must be 1 to 128 characters without white space.');
	return appToken;
}

/** Registers an app token (again: the same token, its driver and eMSP updated when given). */
function register(store: CaStore, appToken: string, extra: Partial<CaAppToken> = {}): CaAppToken {
	const known = store.tokens.get(appToken);
	const given = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
	const token = known
		? { ...known, ...given }
		: newAppToken(appToken, new Date().toISOString(), given);
	store.tokens.set(appToken, token);
	return token;
}

/** The eMSPs of the sandbox's Platform seed: `NL-GFX`, `NLGFX` or `nlgfx` style. */
function knownEmsp(state: SandboxState, emspId: string): boolean {
	const wanted = emspId.replace(/[-*_\s]/g, '').toLowerCase();
	return state.seed.tokens.some((t) => {
		const emsp = t.emsp as { party: string; country: string; external: string };
		return [`${emsp.country}${emsp.party}`.toLowerCase(), emsp.external].includes(wanted);
	});
}

function driverFields(ctx: RouteContext) {
	const body = bodyOf(ctx);
	return {
		appToken: checkAppToken(body.appToken),
		driverId: optionalText(body, 'driverId'),
		emspId: optionalText(body, 'emspId'),
	};
}

const tokenList = (store: CaStore, token: CaAppToken) => ({
	data: [tokenModel(store, token)],
	meta: meta(1),
});

/** AppToken, AppTokenV2 and Account. */
export function registerAppTokenRoutes(router: Router, store: CaStore, state: SandboxState): void {
	caRoute(router, 'PUT', '/token/:appToken', STYLES.text, (ctx) => {
		const token = register(store, checkAppToken(ctx.params.appToken));
		sendJson(ctx.res, 200, tokenList(store, token));
	});
	caRoute(router, 'PUT', '/token', STYLES.text, (ctx) => {
		const { appToken, driverId, emspId } = driverFields(ctx);
		sendJson(ctx.res, 200, tokenList(store, register(store, appToken, { driverId, emspId })));
	});
	caRoute(router, 'POST', '/v2.1/token', STYLES.v2, (ctx) => {
		const { appToken, driverId, emspId } = driverFields(ctx);
		if (emspId && !knownEmsp(state, emspId))
			throw new CaError(404, `eMSP '${emspId}' not found.`, 'emspId', 'EMSP_NOT_FOUND');
		sendJson(ctx.res, 200, tokenModel(store, register(store, appToken, { driverId, emspId })));
	});
	caRoute(router, 'GET', '/v2.1/token/:appToken', STYLES.v2, (ctx) => {
		sendJson(ctx.res, 200, tokenModel(store, registeredToken(store, ctx.params.appToken)));
	});

	const statusOf = (now: number) => (s: Parameters<typeof clockView>[0]) =>
		clockView(s, store.clockMs, now).status;
	caRoute(router, 'GET', '/token/:appToken/sessions', STYLES.text, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const now = Date.now();
		const sessions = sessionHistory(store, ctx, token.appToken, statusOf(now), now);
		sendList(
			ctx,
			sessions.map((s) => historyV1(store, s, now)),
		);
	});
	caRoute(
		router,
		'GET',
		'/v2.1/token/:appToken/sessions',
		{ default: 'validationV2', 404: 'problem' },
		(ctx) => {
			const token = registeredToken(store, ctx.params.appToken);
			const now = Date.now();
			const sessions = sessionHistory(store, ctx, token.appToken, statusOf(now), now);
			sendPage(
				ctx,
				sessions.map((s) => historyV2(store, s, now)),
				{ defaultPageSize: 25 },
			);
		},
	);

	caRoute(router, 'POST', '/account/mapuseranddrivers', STYLES.validation, (ctx) => {
		const body = bodyOf(ctx);
		const adId = optionalText(body, 'adId');
		if (!adId) throw required('adId');
		const domain = optionalText(body, 'domain') ?? 'sandbox.example';
		const driverIds = body.driverIds ?? [];
		if (!Array.isArray(driverIds) || driverIds.some((d) => typeof d !== 'string'))
			throw invalid('driverIds', 'must be a list of driver ids.');
		const email = `${adId}@${domain}`;
		for (const token of store.tokens.values())
			if (token.driverId && (driverIds as string[]).includes(token.driverId)) token.email = email;
		sendJson(ctx.res, 200, { name: `Sandbox user ${adId}`, email });
	});
}
