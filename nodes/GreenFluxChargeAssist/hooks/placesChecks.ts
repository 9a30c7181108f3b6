import { invalidInput } from '../../shared/errors';
import type { ParameterValues, Validator } from '../../shared/operations';

/** Charge Assist pages hold 1 to 100 locations (GreenFlux answers 400 otherwise). */
export const MAX_PAGE_SIZE = 100;

/** Why a value is not a number in [min, max] (a whole one when `whole`), or undefined when it is. */
function rangeProblem(
	value: unknown,
	min: number,
	max: number,
	whole: boolean,
): string | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value))
		return `must be a number (got ${JSON.stringify(value) ?? 'nothing'})`;
	if (whole && !Number.isInteger(value)) return `must be a whole number (got ${value})`;
	if (value < min || value > max) return `must be between ${min} and ${max} (got ${value})`;
	return undefined;
}

/** A value (top level, or `collection.option`) that must lie in [min, max]; absent values pass. */
export function requireRange(
	key: string,
	label: string,
	min: number,
	max: number,
	options: { whole?: boolean; fix?: string } = {},
): Validator {
	return function (context) {
		const value = context.values[key];
		if (value === undefined) return;
		const problem = rangeProblem(value, min, max, options.whole ?? false);
		if (problem) throw invalidInput.call(this, context, `${label}: ${problem}`, options.fix);
	};
}

const DEGREES_FIX =
	'Give WGS 84 coordinates in decimal degrees, e.g. latitude 52.09, longitude 5.12.';

export const requireLatitude = (key: string, label: string) =>
	requireRange(key, label, -90, 90, { fix: DEGREES_FIX });

export const requireLongitude = (key: string, label: string) =>
	requireRange(key, label, -180, 180, { fix: DEGREES_FIX });

/** A point given as two optional values: both or neither (GreenFlux needs the pair). */
export function requirePair(
	latitude: { key: string; label: string },
	longitude: { key: string; label: string },
): Validator[] {
	const pair: Validator = function (context) {
		const hasLatitude = context.values[latitude.key] !== undefined;
		if (hasLatitude === (context.values[longitude.key] !== undefined)) return;
		const [given, missing] = hasLatitude ? [latitude, longitude] : [longitude, latitude];
		throw invalidInput.call(
			this,
			context,
			`${missing.label}: is required with ${given.label}`,
			'Set both coordinates of the point, or neither.',
		);
	};
	return [
		requireLatitude(latitude.key, latitude.label),
		requireLongitude(longitude.key, longitude.label),
		pair,
	];
}

/** The four corners of a bounding box: in range, bottom-left not above top-right. */
export const boundingBoxChecks: Validator[] = [
	requireLatitude('bottomLeftLatitude', 'Bottom Left Latitude'),
	requireLongitude('bottomLeftLongitude', 'Bottom Left Longitude'),
	requireLatitude('topRightLatitude', 'Top Right Latitude'),
	requireLongitude('topRightLongitude', 'Top Right Longitude'),
	function (context) {
		const bottom = context.values.bottomLeftLatitude as number | undefined;
		const top = context.values.topRightLatitude as number | undefined;
		if (bottom === undefined || top === undefined || bottom <= top) return;
		throw invalidInput.call(
			this,
			context,
			`Bottom Left Latitude: must not be north of Top Right Latitude (${bottom} > ${top})`,
			'The box runs from its south-west (bottom left) corner to its north-east (top right) corner.',
		);
	},
];

/** The Options collection's Page Size, as the executor reads it. */
export const PAGE_SIZE_KEY = 'options.pageSize';

/**
 * Page Size (1–100) of a Charge Assist list sent as `pageSize`; without one the node asks for as many as
 * Limit needs (Return All: 100 per page). Every page of a list has the same size, because GreenFlux's
 * continuation token belongs to the query it came from. `sendsPageSize` says whether the chosen route
 * takes the parameter at all (v1 Get Nearby does not: it answers at most 25 locations, unpaged).
 */
export function pageSize(sendsPageSize: (values: ParameterValues) => boolean = () => true) {
	const check = requireRange(PAGE_SIZE_KEY, 'Options → Page Size', 1, MAX_PAGE_SIZE, {
		whole: true,
		fix: 'GreenFlux serves 1 to 100 locations per request; the node requests the next pages itself.',
	});
	const send: Validator = function (context) {
		const { values, request } = context;
		const qs = request.qs ?? {};
		request.qs = qs;
		if (!sendsPageSize(values)) {
			delete qs.pageSize;
			return;
		}
		const chosen = values[PAGE_SIZE_KEY] as number | undefined;
		const wanted = values.returnAll === true ? MAX_PAGE_SIZE : (values.limit as number);
		qs.pageSize = chosen ?? Math.min(MAX_PAGE_SIZE, Math.max(1, wanted || MAX_PAGE_SIZE));
	};
	return [check, send];
}

/** Location › Search: GreenFlux's v1 route needs a query (`q`); v2.1 lists every location without one. */
export const searchQueryForV1: Validator = function (context) {
	if (context.values.apiVersion === '2.1' || context.values.searchQuery !== undefined) return;
	throw invalidInput.call(
		this,
		context,
		'Search Query: is required with API version 1',
		'Give a text to look for, or choose API version 2.1 to list every location.',
	);
};
