import { type Router, sendJson } from '../../http';
import type { Json } from '../../seed';
import { registeredToken } from '../accountModels';
import { CaError, invalid } from '../errors';
import type { CaSession } from '../records';
import { bodyOf, caRoute, optionalText, requireText, STYLES } from '../routing';
import { clockView } from '../sessionClock';
import { type CaStore, findLocation } from '../store';

/** The sandbox's rating options (sessions), in its own words. */
const SESSION_OPTIONS = [
	{ key: 'FAST_START', description: 'The session started quickly' },
	{ key: 'SLOW_CHARGING', description: 'Charging was slower than expected' },
	{ key: 'COST_UNCLEAR', description: 'The costs were not clear' },
	{ key: 'STOP_PROBLEM', description: 'Stopping the session did not work' },
	{ key: 'OTHER', description: 'Something else' },
];

/** The sandbox's rating options (locations), each with sub-options. */
const LOCATION_OPTIONS = [
	{
		key: 'ACCESS',
		description: 'Finding and reaching the charger',
		subRatingOptions: [
			{ key: 'HARD_TO_FIND', description: 'Hard to find' },
			{ key: 'BLOCKED_BY_CAR', description: 'Blocked by a non-charging car' },
		],
	},
	{
		key: 'CHARGER',
		description: 'The charger itself',
		subRatingOptions: [
			{ key: 'BROKEN', description: 'Out of order' },
			{ key: 'DAMAGED_CABLE', description: 'Damaged cable or socket' },
		],
	},
	{
		key: 'SURROUNDINGS',
		description: 'Facilities around the location',
		subRatingOptions: [
			{ key: 'GOOD_FACILITIES', description: 'Good facilities nearby' },
			{ key: 'UNSAFE', description: 'Felt unsafe' },
		],
	},
];

interface SessionRatingRequest {
	appToken: string;
	session: CaSession;
}

/** A rateable session of the app token (COMPLETED or CDR_AVAILABLE). */
function rateable(store: CaStore, body: Json): SessionRatingRequest {
	const token = registeredToken(store, requireText(body, 'appToken'));
	const sessionId = requireText(body, 'sessionId');
	const session = store.sessions.get(sessionId);
	if (!session || session.appToken !== token.appToken)
		throw new CaError(404, `Session '${sessionId}' not found.`, 'sessionId');
	const status = clockView(session, store.clockMs, Date.now()).status;
	if (status !== 'COMPLETED' && status !== 'CDR_AVAILABLE')
		throw invalid('sessionId', `is ${status}: only finished sessions can be rated.`);
	return { appToken: token.appToken, session };
}

function starRating(body: Json): number | null {
	const stars = body.starRating;
	if (stars === undefined || stars === null) return null;
	if (!Number.isInteger(stars) || (stars as number) < 1 || (stars as number) > 5)
		throw invalid('starRating', 'must be a whole number from 1 to 5.');
	return stars as number;
}

function ratingOptions(body: Json): string[] | undefined {
	const options = body.ratingOptions;
	if (options === undefined || options === null) return undefined;
	if (!Array.isArray(options)) throw invalid('ratingOptions', 'must be a list of option keys.');
	for (const key of options)
		if (!SESSION_OPTIONS.some((o) => o.key === key))
			throw invalid('ratingOptions', `contains an unknown option: ${String(key)}.`);
	return options as string[];
}

/** Merges the given parts into the session's rating. */
function rate(store: CaStore, request: SessionRatingRequest, parts: Json): Json {
	const id = request.session.id;
	const rating = {
		sessionId: id,
		appToken: request.appToken,
		ratingOptions: [] as string[],
		feedbackText: null as string | null,
		starRating: null as number | null,
		...store.sessionRatings.get(id),
		...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)),
	};
	store.sessionRatings.set(id, rating);
	return rating;
}

/** SessionRating and LocationRating. */
export function registerRatingRoutes(router: Router, store: CaStore): void {
	const v1 = STYLES.v1;
	caRoute(router, 'GET', '/sessionrating/ratingoptions', v1, (ctx) =>
		sendJson(ctx.res, 200, SESSION_OPTIONS),
	);
	caRoute(router, 'GET', '/locationrating/ratingoptions', v1, (ctx) =>
		sendJson(ctx.res, 200, LOCATION_OPTIONS),
	);
	caRoute(router, 'POST', '/sessionrating', v1, (ctx) => {
		const body = bodyOf(ctx);
		const request = rateable(store, body);
		const parts = {
			starRating: starRating(body) ?? undefined,
			ratingOptions: ratingOptions(body),
			feedbackText: optionalText(body, 'feedbackText'),
		};
		sendJson(ctx.res, 200, rate(store, request, parts));
	});
	caRoute(router, 'POST', '/sessionrating/rating', v1, (ctx) => {
		const body = bodyOf(ctx);
		const request = rateable(store, body);
		const stars = starRating(body);
		if (stars === null)
			throw new CaError(400, "'starRating' is required.", 'starRating', 'REQUIRED');
		sendJson(ctx.res, 200, rate(store, request, { starRating: stars }));
	});
	caRoute(router, 'POST', '/sessionrating/feedback', v1, (ctx) => {
		const body = bodyOf(ctx);
		const request = rateable(store, body);
		const parts = {
			ratingOptions: ratingOptions(body),
			feedbackText: optionalText(body, 'feedbackText'),
		};
		sendJson(ctx.res, 200, rate(store, request, parts));
	});
	caRoute(router, 'GET', '/sessionrating/:chargeSessionId', v1, (ctx) => {
		const session = store.sessions.get(ctx.params.chargeSessionId);
		if (!session) throw new CaError(404, `Session '${ctx.params.chargeSessionId}' not found.`);
		sendJson(
			ctx.res,
			200,
			store.sessionRatings.get(session.id) ?? {
				sessionId: session.id,
				appToken: session.appToken,
				ratingOptions: [],
				feedbackText: null,
				starRating: null,
			},
		);
	});

	caRoute(router, 'POST', '/locationrating', v1, (ctx) => {
		const body = bodyOf(ctx);
		const token = registeredToken(store, requireText(body, 'appToken'));
		const locationId = requireText(body, 'locationId');
		const location = findLocation(store, locationId);
		if (!location) throw invalid('locationId', 'is not a known location.');
		const evseUid = optionalText(body, 'evseUid') ?? null;
		if (evseUid && !location.evses.some((e) => e.uid === evseUid))
			throw invalid('evseUid', 'is not an EVSE of this location.');
		const feedbacks = body.ratingOptionFeedbacks ?? [];
		if (!Array.isArray(feedbacks))
			throw invalid('ratingOptionFeedbacks', 'must be a list of option feedbacks.');
		for (const feedback of feedbacks as Json[]) {
			const option = LOCATION_OPTIONS.find((o) => o.key === feedback?.ratingOptionKey);
			if (!option)
				throw invalid(
					'ratingOptionFeedbacks',
					`has an unknown ratingOptionKey: ${String(feedback?.ratingOptionKey)}.`,
				);
			const subs = (feedback.subRatingOptions ?? []) as unknown[];
			if (
				!Array.isArray(subs) ||
				subs.some((s) => !option.subRatingOptions.some((o) => o.key === s))
			)
				throw invalid('ratingOptionFeedbacks', `has an unknown sub-option for ${option.key}.`);
		}
		const rating = {
			id: store.random.uuid(),
			appToken: token.appToken,
			locationId: location.id,
			evseUid,
			ratingOptionFeedbacks: (feedbacks as Json[]).map((f) => ({
				ratingOptionKey: f.ratingOptionKey,
				subRatingOptions: f.subRatingOptions ?? [],
				feedbackText: f.feedbackText ?? null,
			})),
			feedbackText: optionalText(body, 'feedbackText') ?? null,
		};
		store.locationRatings.push(rating);
		sendJson(ctx.res, 200, rating);
	});
}
