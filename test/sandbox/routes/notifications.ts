import { notFound, ocpiError, type Query, type RouteContext, type Router } from '../http';
import { pageCacheOf, versionedList, type Window } from '../pageCache';
import type { Json } from '../seed';
import { notificationsOf } from '../seeds/cpoData';
import type { SandboxState } from '../state';

const QUERY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAX_WINDOW_MS = 72 * 3_600_000;

export interface WindowRules {
	/** Query parameters GreenFlux requires. */
	required: string[];
	/** Bounds of `limit` (inclusive). */
	limit?: { min: number; max: number };
	/** Reject date_to − date_from ≥ 72 h. */
	window?: boolean;
}

/**
 * GreenFlux's rules for the date-ranged endpoints (notifications, meter values, sessions): required
 * parameters, dates as yyyy-MM-ddTHH:mm:ssZ, date_from before date_to, windows under 72 hours and limit
 * bounds. A violation is answered like GreenFlux answers business errors: HTTP 200 + status_code 2001.
 * Returns false when it answered.
 */
export function checkQuery(ctx: RouteContext, rules: WindowRules): boolean {
	const { query } = ctx;
	const fail = (message: string) => {
		ocpiError(ctx, 2001, message);
		return false;
	};
	for (const name of rules.required) {
		if (query[name] === undefined || query[name] === '') return fail(`'${name}' must be specified`);
	}
	for (const name of ['date_from', 'date_to']) {
		if (
			query[name] !== undefined &&
			!(QUERY_DATE.test(query[name]) && !Number.isNaN(Date.parse(query[name])))
		) {
			return fail(
				`'${name}' must be a UTC date-time formatted as yyyy-MM-ddTHH:mm:ssZ (got '${query[name]}')`,
			);
		}
	}
	if (query.date_from && query.date_to) {
		const span = Date.parse(query.date_to) - Date.parse(query.date_from);
		if (span <= 0) return fail("'date_to' must be after 'date_from'");
		if (rules.window && span >= MAX_WINDOW_MS)
			return fail("The difference between 'date_from' and 'date_to' must be less than 72 hours");
	}
	if (rules.limit && query.limit !== undefined) {
		const limit = Number(query.limit);
		if (!Number.isInteger(limit) || limit < rules.limit.min || limit > rules.limit.max) {
			return fail(
				`'limit' must be between ${rules.limit.min} and ${rules.limit.max} (got '${query.limit}')`,
			);
		}
	}
	if (query.offset !== undefined && !/^\d+$/.test(query.offset))
		return fail(`'offset' must be 0 or more (got '${query.offset}')`);
	return true;
}

/** Case-insensitive equality filters: query parameter → object field. */
export function matchesFilters(query: Query, filters: Record<string, string>) {
	const wanted = Object.entries(filters)
		.filter(([param]) => query[param] !== undefined && query[param] !== '')
		.map(([param, field]) => [field, query[param].toLowerCase()] as const);
	return (item: Json) =>
		wanted.every(([field, value]) => String(item[field] ?? '').toLowerCase() === value);
}

/** Names the filters matchesFilters applies, for cache keys ('' when none applies). */
export function filtersKey(query: Query, params: string[]): string {
	const wanted = params
		.filter((param) => query[param] !== undefined && query[param] !== '')
		.map((param) => [param, query[param].toLowerCase()]);
	return wanted.length > 0 ? JSON.stringify(wanted) : '';
}

interface StationPosition {
	offset: number;
	station: string;
	from: string;
	to: string;
}

const encodeToken = (position: StationPosition) =>
	Buffer.from(JSON.stringify(position)).toString('base64url');

function decodeToken(token: string): StationPosition | undefined {
	try {
		const position = JSON.parse(
			Buffer.from(token, 'base64url').toString('utf8'),
		) as StationPosition;
		return Number.isInteger(position.offset) ? position : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Charge Station Notifications:
 * - GET /api/1.0/chargestationnotifications — date_from, date_to (< 72 h) and limit (10,000–100,000) required;
 *   offset paging with Link / X-Total-Count / X-Limit; filter message_action.
 * - GET /api/1.0/chargestationnotifications/{chargeStationId} — date_from, date_to (< 72 h) and limit (1–100)
 *   required; the next page is announced in `Link: <…?continuationToken=…>; rel="next"` (self-contained: it
 *   repeats the query), only when there is more; filters message_action, charge_station_notification_id,
 *   message_type, direction and level. Unknown station → HTTP 404.
 * Filters are case-insensitive (GreenFlux's own example filters on direction `toGSOP`).
 */
export function registerNotificationRoutes(router: Router, state: SandboxState): void {
	const cache = pageCacheOf(state);
	/** Notifications created in [date_from, date_to). */
	const createdIn = (query: Query): Window =>
		cache.between(
			versionedList(state, 'notifications', 'notifications', () => notificationsOf(state)),
			'created',
			Date.parse(query.date_from),
			Date.parse(query.date_to),
		);
	const supported = (ctx: RouteContext) => {
		if (ctx.params.version === '1.0') return true;
		ocpiError(ctx, 2001, `Unsupported versionNumber ${ctx.params.version}`, 400);
		return false;
	};

	router.add(
		'GET',
		'/api/:version/chargestationnotifications',
		{ module: 'notifications' },
		(ctx) => {
			if (!supported(ctx)) return;
			if (
				!checkQuery(ctx, {
					required: ['date_from', 'date_to', 'limit'],
					limit: { min: 10_000, max: 100_000 },
					window: true,
				})
			)
				return;
			const items = cache.where(
				createdIn(ctx.query),
				filtersKey(ctx.query, ['message_action']),
				matchesFilters(ctx.query, { message_action: 'message_action' }),
			);
			cache.sendByOffset(ctx, items, {
				defaultLimit: 10_000,
				maxLimit: 100_000,
				path: '/api/1.0/chargestationnotifications',
			});
		},
	);

	router.add(
		'GET',
		'/api/:version/chargestationnotifications/:chargeStationId',
		{ module: 'notifications' },
		(ctx) => {
			if (!supported(ctx)) return;
			const stationId = ctx.params.chargeStationId;
			const station = state.seed.chargeStations.find(
				(s) => String(s.charge_station_id).toLowerCase() === stationId.toLowerCase(),
			);
			if (!station) return notFound(ctx, `Charge station ${stationId}`);
			if (
				!checkQuery(ctx, {
					required: ['date_from', 'date_to', 'limit'],
					limit: { min: 1, max: 100 },
					window: true,
				})
			)
				return;
			let offset = 0;
			if (ctx.query.continuationToken !== undefined) {
				const position = decodeToken(ctx.query.continuationToken);
				if (!position) return ocpiError(ctx, 2001, 'Invalid continuationToken');
				if (
					position.station !== station.charge_station_id ||
					position.from !== ctx.query.date_from ||
					position.to !== ctx.query.date_to
				) {
					return ocpiError(
						ctx,
						2001,
						'The continuationToken belongs to another charge station or date range',
					);
				}
				offset = position.offset;
			}
			const limit = Number(ctx.query.limit);
			const filters = {
				message_action: 'message_action',
				charge_station_notification_id: 'charge_station_notification_id',
				message_type: 'message_type',
				direction: 'direction',
				level: 'level',
			};
			const matches = matchesFilters(ctx.query, filters);
			const items = cache.where(
				createdIn(ctx.query),
				JSON.stringify([station.charge_station_id, filtersKey(ctx.query, Object.keys(filters))]),
				(n) => n.charge_station_id === station.charge_station_id && matches(n),
			);
			const headers: Record<string, string> = {};
			if (offset + limit < items.end - items.start) {
				const token = encodeToken({
					offset: offset + limit,
					station: String(station.charge_station_id),
					from: ctx.query.date_from,
					to: ctx.query.date_to,
				});
				const next = new URLSearchParams({ ...ctx.query, continuationToken: token });
				headers.Link = `</api/1.0/chargestationnotifications/${encodeURIComponent(String(station.charge_station_id))}?${next.toString()}>; rel="next"`;
			}
			cache.send(ctx, items, offset, offset + limit, headers);
		},
	);
}
