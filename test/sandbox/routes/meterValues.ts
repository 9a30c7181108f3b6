import { ocpiError, pageByOffset, type Router } from '../http';
import type { Json } from '../seed';
import { meterValuesOf } from '../seeds/cpoData';
import type { SandboxState } from '../state';
import { checkQuery, matchesFilters } from './notifications';

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
		const from = Date.parse(ctx.query.date_from);
		const to = Date.parse(ctx.query.date_to);
		const items = meterValuesOf(state)
			.filter((m) => {
				const at = Date.parse(String(m.created));
				return at >= from && at < to;
			})
			.filter(
				matchesFilters(ctx.query, {
					phase: 'phase',
					measurand: 'measurand',
					context: 'context',
					unit: 'unit',
				}),
			)
			.filter(
				(m: Json) =>
					meterType === undefined ||
					METER_TYPES[String(m.meter_type).toLowerCase()] === METER_TYPES[meterType.toLowerCase()],
			);
		pageByOffset(ctx, items, {
			defaultLimit: 10_000,
			maxLimit: 100_000,
			path: '/api/1.0/metervalues',
		});
	});
}
