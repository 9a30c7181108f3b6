import type { RouteContext, Router } from '../http';
import type { Json } from '../seed';
import { CaError, type ErrorStyles, invalid, required, sendCaError } from './errors';

export type CaHandler = (ctx: RouteContext) => void | Promise<void>;

/** Error shapes shared by many routes (each route still names its own). */
export const STYLES = {
	/** v1: 400 ValidationResponse; 403, 404 and 502 plain strings. */
	v1: { default: 'validation', 403: 'text', 404: 'text', 502: 'text' },
	/** Every error a ValidationResponse. */
	validation: { default: 'validation' },
	/** Every error a plain string. */
	text: { default: 'text' },
	/** Every error a ValidationResponseV2. */
	v2: { default: 'validationV2' },
	/** Every error ProblemDetails. */
	problem: { default: 'problem' },
} satisfies Record<string, ErrorStyles>;

/** A Charge Assist route: module `chargeAssist`, CA keys, errors rendered in the route's shapes. */
export function caRoute(
	router: Router,
	method: string,
	pattern: string,
	styles: ErrorStyles,
	handler: CaHandler,
): void {
	router.add(method, pattern, { module: 'chargeAssist', api: 'chargeAssist' }, async (ctx) => {
		try {
			if (ctx.body === Symbol.for('invalid-json'))
				throw new CaError(400, 'The request body is not valid JSON.', 'body', 'INVALID_JSON');
			await handler(ctx);
		} catch (error) {
			if (error instanceof CaError)
				return sendCaError(ctx, styles[error.status] ?? styles.default, error);
			sendCaError(ctx, 'text', new CaError(500, `Sandbox error: ${(error as Error).message}`));
		}
	});
}

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** The JSON object body (an absent body counts as `{}` where `optional`). */
export function bodyOf(ctx: RouteContext, optional = false): Json {
	if (ctx.body === undefined && optional) return {};
	if (!isObject(ctx.body)) throw new CaError(400, 'A JSON object body is required.', 'body');
	return ctx.body;
}

export const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A required non-empty string field. */
export function requireText(source: Json | Record<string, string>, field: string): string {
	const value = source[field];
	if (!isGiven(value)) throw required(field);
	if (typeof value !== 'string') throw invalid(field, 'must be a string.');
	return value;
}

/** An optional string field. */
export function optionalText(source: Json, field: string): string | undefined {
	const value = source[field];
	if (!isGiven(value)) return undefined;
	if (typeof value !== 'string') throw invalid(field, 'must be a string.');
	return value;
}

/** Every value of a query parameter: repeated (`a=1&a=2`), bracketed (`a[]=1`, `a[0]=1`) or comma-separated. */
export function queryAll(ctx: RouteContext, name: string): string[] {
	const params = new URL(ctx.req.url ?? '/', 'http://sandbox').searchParams;
	const values: string[] = [];
	params.forEach((value, key) => {
		if (key === name || key === `${name}[]` || new RegExp(`^${escape(name)}\\[\\d+\\]$`).test(key))
			values.push(...value.split(','));
	});
	return values.map((v) => v.trim()).filter(Boolean);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function queryBoolean(ctx: RouteContext, name: string): boolean | undefined {
	const value = ctx.query[name];
	if (value === undefined || value === '') return undefined;
	if (/^true$/i.test(value)) return true;
	if (/^false$/i.test(value)) return false;
	throw invalid(name, 'must be true or false.');
}

export function queryNumber(
	ctx: RouteContext,
	name: string,
	options: { required?: boolean; integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
	const value = ctx.query[name];
	if (value === undefined || value === '') {
		if (options.required) throw required(name);
		return undefined;
	}
	const number = Number(value);
	if (!Number.isFinite(number) || (options.integer && !Number.isInteger(number)))
		throw invalid(name, `must be ${options.integer ? 'an integer' : 'a number'}.`);
	if (
		(options.min !== undefined && number < options.min) ||
		(options.max !== undefined && number > options.max)
	)
		throw invalid(name, `must be between ${options.min} and ${options.max}.`);
	return number;
}

export function queryEnum(
	ctx: RouteContext,
	name: string,
	allowed: readonly string[],
): string | undefined {
	const value = ctx.query[name];
	if (value === undefined || value === '') return undefined;
	const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
	if (!match) throw invalid(name, `must be one of ${allowed.join(', ')}.`);
	return match;
}

/** An ISO date-time query parameter, as epoch milliseconds. */
export function queryDate(ctx: RouteContext, name: string): number | undefined {
	const value = ctx.query[name];
	if (value === undefined || value === '') return undefined;
	const at = Date.parse(value);
	if (Number.isNaN(at)) throw invalid(name, 'must be an ISO 8601 date-time.');
	return at;
}

/** 204 No Content. */
export function noContent(ctx: RouteContext): void {
	ctx.res.writeHead(204);
	ctx.res.end();
}

/** 200 with an empty body (ASP.NET's `Ok()`). */
export function okEmpty(ctx: RouteContext): void {
	ctx.res.writeHead(200, { 'Content-Length': 0 });
	ctx.res.end();
}
