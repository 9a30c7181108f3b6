import { ocpiError, ok, type Router } from '../http';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/** Country-party codes of the seeded CPOs (the scopes a token entry applies in). */
export const CPO_SCOPES: Record<string, string> = { NLGFXDEMO: 'NL-GFX', NLGFXCITY: 'NL-CTY' };

/**
 * The entries GreenFlux would return for a seeded token: active at both CPOs, except every fourth token
 * (index 3, 7, …), which is active at NL-GFX and expired at NL-CTY (two entries).
 */
export function entriesFor(token: Json, index: number): Json[] {
	const ids = { uid: token.uid, auth_id: token.auth_id, visual_number: token.visual_number };
	if (index % 4 === 3) {
		return [
			{ state: 'active', ...ids, scopes: { country_party_codes: ['NL-GFX'] } },
			{ state: 'expired', ...ids, scopes: { country_party_codes: ['NL-CTY'] } },
		];
	}
	return [{ state: 'active', ...ids, scopes: { country_party_codes: ['NL-GFX', 'NL-CTY'] } }];
}

/**
 * GET /api/1.0/tokens?token_id=…[&charge_station_id=…] — looks the token up by uid, auth_id or visual number
 * (case-insensitive); one entry per match. Missing token_id → HTTP 200 + 2001 "'token_id' must be specified"
 * (no data); no match → 1000 with one entry `{state: "unknown", uid: null, …}`. charge_station_id narrows the
 * entries to the scope of that station's CPO (an unknown station matches nothing).
 */
export function registerTokenRoutes(router: Router, state: SandboxState): void {
	router.add('GET', '/api/:version/tokens', { module: 'tokens' }, (ctx) => {
		if (ctx.params.version !== '1.0')
			return ocpiError(ctx, 2001, `Unsupported versionNumber ${ctx.params.version}`, 400);
		const tokenId = ctx.query.token_id;
		if (tokenId === undefined || tokenId.trim() === '')
			return ocpiError(ctx, 2001, "'token_id' must be specified");
		const wanted = tokenId.trim().toLowerCase();
		let entries = state.seed.tokens.flatMap((token, index) =>
			[token.uid, token.auth_id, token.visual_number].some(
				(id) => String(id).toLowerCase() === wanted,
			)
				? entriesFor(token, index)
				: [],
		);
		const stationId = ctx.query.charge_station_id;
		if (stationId) {
			const station = state.seed.chargeStations.find(
				(s) => String(s.charge_station_id).toLowerCase() === stationId.toLowerCase(),
			);
			const scope = station ? CPO_SCOPES[String(station.cpo_id)] : undefined;
			entries = entries
				.filter(
					(e) =>
						scope !== undefined &&
						((e.scopes as Json).country_party_codes as string[]).includes(scope),
				)
				.map((e) => ({ ...e, scopes: { country_party_codes: [scope] } }));
		}
		if (entries.length === 0)
			entries = [{ state: 'unknown', uid: null, auth_id: null, visual_number: null }];
		ok(ctx, { token_id: tokenId, tokens: entries });
	});
}
