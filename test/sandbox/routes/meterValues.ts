import { ocpiError, type Router } from '../http';
import { pageCacheOf, versionedList } from '../pageCache';
import type { Json } from '../seed';
import { meterValuesOf } from '../seeds/cpoData';
import type { SandboxState } from '../state';
import { checkQuery, filtersKey, matchesFilters } from './notifications';

/** meter_type is 0/1 in GreenFlux's schema but "EVSE" in its example: 0 ↔ EVSE, 1 ↔ S0 (an assumption). */
const METER_TYPES: Record<string, string> = { '0': 'evse', '1': 's0', evse: 'evse', s0: 's0' };

/**
 * GET /api/1.0/metervalues — date_from, date_to (< 72 h apart) and limit (10,000–100,000) required (else
 * HTTP 200 + 2001); offset paging with Link / X-Total-Count / X-Limit; date range on `created`; case-insensitive
 * filters phase, measurand, context, unit and meter_type.
 */
export function registerMeterValueRoutes(router: Router, state: SandboxState): void {
	router.add('GET', '/api/:version/metervalues', { module: 'meterValues' }, (ctx) => {
		if (ctx.params.version !== '1.0')
			return ocpiError(ctx, 2001, `Unsupported versionNumber ${ctx.params.version}`, 400);
		if (
			!checkQuery(ctx, {
				required: ['date_from', 'date_to', 'limit'],
				limit: { min: 10_000, max: 100_000 },
				window: true,
			})
		)
			return;
		const meterType = ctx.query.meter_type;
		if (meterType !== undefined && !METER_TYPES[meterType.toLowerCase()]) {
			return ocpiError(ctx, 2001, `'meter_type' must be 0 or 1 (got '${meterType}')`);
		}
		const cache = pageCacheOf(state);
		const created = cache.between(
			versionedList(state, 'meterValues', 'meterValues', () => meterValuesOf(state)),
			'created',
			Date.parse(ctx.query.date_from),
			Date.parse(ctx.query.date_to),
		);
		const filters = { phase: 'phase', measurand: 'measurand', context: 'context', unit: 'unit' };
		const matches = matchesFilters(ctx.query, filters);
		const wantedType = meterType === undefined ? undefined : METER_TYPES[meterType.toLowerCase()];
		const items = cache.where(
			created,
			filtersKey({ ...ctx.query, meter_type: wantedType ?? '' }, [
				...Object.keys(filters),
				'meter_type',
			]),
			(m: Json) =>
				matches(m) &&
				(wantedType === undefined ||
					METER_TYPES[String(m.meter_type).toLowerCase()] === wantedType),
		);
		cache.sendByOffset(ctx, items, {
			defaultLimit: 10_000,
			maxLimit: 100_000,
			path: '/api/1.0/metervalues',
		});
	});
}
