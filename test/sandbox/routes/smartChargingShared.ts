import { type Query, type RouteContext, sendJson, sendText } from '../http';
import type { Json } from '../seed';
import { type CapacityGroup, findCapacityGroup } from '../seeds/smartCharging';
import type { SandboxState } from '../state';

/**
 * Smart Charging: helpers shared by the capacity group, settings and reporting routes.
 * Responses are NOT enveloped: bare arrays and objects, the new capacity group id as a bare JSON string,
 * PUT/DELETE/POST-priority 200 with an empty body. Paging with `limit` (default 100, capped at 1000) and
 * `offset`, no Link headers. The OpenAPI document declares only 200 answers; errors follow ASP.NET Core (the
 * text/plain + text/json content types are its signature): HTTP 400 with a validation problem
 * `{type, title, status: 400, errors: {<field>: [message]}}`, HTTP 404 with `{type, title, status: 404, detail}`,
 * both `application/problem+json`.
 */

export class SmartChargingError extends Error {
	constructor(
		readonly status: 400 | 404,
		message: string,
		/** The request field the message is about (400). */
		readonly field = '$',
	) {
		super(message);
	}
}

export const invalid = (field: string, message: string) =>
	new SmartChargingError(400, message, field);

function sendProblem(ctx: RouteContext, error: SmartChargingError): void {
	const body =
		error.status === 404
			? {
					type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
					title: 'Not Found',
					status: 404,
					detail: error.message,
				}
			: {
					type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
					title: 'One or more validation errors occurred.',
					status: 400,
					errors: { [error.field]: [error.message] },
				};
	sendText(ctx.res, error.status, JSON.stringify(body), 'application/problem+json; charset=utf-8');
}

/** Runs a handler: versionNumber must be 1.0; SmartChargingError → problem answer; anything else → 500. */
export function answeringBare(handler: (ctx: RouteContext) => void): (ctx: RouteContext) => void {
	return (ctx) => {
		try {
			if (ctx.params.version !== '1.0')
				throw invalid('versionNumber', `Unsupported versionNumber ${ctx.params.version}; use 1.0`);
			handler(ctx);
		} catch (error) {
			if (error instanceof SmartChargingError) return sendProblem(ctx, error);
			sendJson(ctx.res, 500, {
				title: 'Sandbox error',
				status: 500,
				detail: (error as Error).message,
			});
		}
	};
}

export const sendBare = (ctx: RouteContext, body: unknown) => sendJson(ctx.res, 200, body);

export function sendEmpty(ctx: RouteContext): void {
	ctx.res.writeHead(200, { 'Content-Length': '0' });
	ctx.res.end();
}

export function groupOf(state: SandboxState, id: string): CapacityGroup {
	const group = findCapacityGroup(state, id);
	if (!group) throw new SmartChargingError(404, `Capacity group '${id}' not found`);
	return group;
}

export function requireAlgorithm(group: CapacityGroup, algorithm: string): void {
	if (group.algorithm !== algorithm)
		throw invalid(
			'capacity_group_id',
			`Capacity group '${group.id}' uses algorithm ${group.algorithm}, not ${algorithm}`,
		);
}

// ---------------------------------------------------------------------------------------------
// Query and body parsing
// ---------------------------------------------------------------------------------------------

/** limit (default 100, 1 or more, capped at 1000) and offset (0 or more). */
export function pagingOf(query: Query): { limit: number; offset: number } {
	const limit = query.limit === undefined ? 100 : Number(query.limit);
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(limit) || limit < 1)
		throw invalid(
			'limit',
			`The value '${query.limit}' is not valid for limit (a whole number of 1 or more).`,
		);
	if (!Number.isInteger(offset) || offset < 0)
		throw invalid(
			'offset',
			`The value '${query.offset}' is not valid for offset (a whole number of 0 or more).`,
		);
	return { limit: Math.min(limit, 1000), offset };
}

export function page<T>(items: T[], query: Query): T[] {
	const { limit, offset } = pagingOf(query);
	return items.slice(offset, offset + limit);
}

/** An enum value, matched case-insensitively like ASP.NET model binding; undefined when absent. */
export function enumOf(
	value: unknown,
	field: string,
	allowed: readonly string[],
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const match = allowed.find((a) => a.toLowerCase() === String(value).toLowerCase());
	if (!match)
		throw invalid(
			field,
			`The value '${String(value)}' is not valid for ${field} (one of ${allowed.join(', ')}).`,
		);
	return match;
}

/** Every value of a repeated query parameter (`a=1&a=2`), also comma-separated. */
export function queryList(ctx: RouteContext, name: string): string[] {
	const params = new URL(ctx.req.url ?? '/', 'http://sandbox').searchParams;
	return params
		.getAll(name)
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter(Boolean);
}

/** Sorts by the `order_by_<field>` parameters (ASC|DESC) in the order the query gives them. */
export function orderBy<T>(
	items: T[],
	query: Query,
	fields: Record<string, (item: T) => string>,
): T[] {
	const keys = Object.keys(query).filter(
		(key) => key.startsWith('order_by_') && fields[key.slice(9)],
	);
	if (!keys.length) return items;
	const orders = keys.map((key) => ({
		value: fields[key.slice(9)],
		sign: enumOf(query[key], key, ['ASC', 'DESC']) === 'DESC' ? -1 : 1,
	}));
	return [...items].sort((a, b) => {
		for (const { value, sign } of orders) {
			const x = value(a);
			const y = value(b);
			if (x !== y) return (x < y ? -1 : 1) * sign;
		}
		return 0;
	});
}

/** Required date-time query parameters date_from < date_to (ms). */
export function dateRangeOf(query: Query): { from: number; to: number } {
	const parse = (key: string) => {
		if (query[key] === undefined || query[key] === '')
			throw invalid(key, `The ${key} field is required.`);
		const at = Date.parse(query[key]);
		if (Number.isNaN(at)) throw invalid(key, `The value '${query[key]}' is not valid for ${key}.`);
		return at;
	};
	const from = parse('date_from');
	const to = parse('date_to');
	if (from >= to) throw invalid('date_to', 'date_to must be later than date_from.');
	return { from, to };
}

export function objectBody(ctx: RouteContext): Json {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body))
		throw invalid('$', 'A non-empty JSON object request body is required.');
	return body as Json;
}

export function arrayBody(ctx: RouteContext): Json[] {
	if (!Array.isArray(ctx.body)) throw invalid('$', 'A JSON array request body is required.');
	return ctx.body as Json[];
}

/** A number ≥ min, or undefined when absent/null (unless required). */
export function numberOf(
	body: Json,
	field: string,
	options: { min?: number; required?: boolean; prefix?: string } = {},
): number | undefined {
	const name = `${options.prefix ?? ''}${field}`;
	const value = body[field];
	if (value === undefined || value === null) {
		if (options.required) throw invalid(name, `The ${name} field is required.`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw invalid(name, `${name} must be a number (got ${JSON.stringify(value)}).`);
	if (options.min !== undefined && value < options.min)
		throw invalid(name, `${name} must be ${options.min} or more (got ${value}).`);
	return value;
}

export function stringOf(body: Json, field: string, required = false): string | undefined {
	const value = body[field];
	if (value === undefined || value === null || value === '') {
		if (required) throw invalid(field, `The ${field} field is required.`);
		return undefined;
	}
	if (typeof value !== 'string') throw invalid(field, `${field} must be a string.`);
	return value;
}
