/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ModuleId, Permission, Subscription } from './subscriptions';

export type Query = Record<string, string>;

export interface RouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON body, or the raw text/bytes for other content types. */
	body: unknown;
	rawBody: Buffer;
	subscription?: Subscription;
	/** Set by handlers for the request log (e.g. 2001 on a business error). */
	ocpiStatus?: number;
}

export type Handler = (ctx: RouteContext) => void | Promise<void>;

export interface Route {
	method: string;
	pattern: string;
	regex: RegExp;
	keys: string[];
	api: 'platform' | 'chargeAssist';
	module: ModuleId;
	permission: Permission;
	handler: Handler;
}

export class Router {
	readonly routes: Route[] = [];

	/** `pattern` like `/api/:version/cdrs/:emspId`; matched case-insensitively, like GreenFlux's ASP.NET back end. */
	add(
		method: string,
		pattern: string,
		options: { module: ModuleId; permission?: Permission; api?: Route['api'] },
		handler: Handler,
	): void {
		const keys: string[] = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				keys.push(segment.slice(1));
				return '([^/]+)';
			})
			.join('/');
		this.routes.push({
			method,
			pattern,
			regex: new RegExp(`^${source}/?$`, 'i'),
			keys,
			api: options.api ?? 'platform',
			module: options.module,
			permission:
				options.permission ??
				(method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write'),
			handler,
		});
	}

	/** Literal paths win over parameterised ones (e.g. `/ChargeStations/ChargestationTemplate`). */
	match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, string> } | undefined {
		const candidates = this.routes
			.filter((r) => r.method === method)
			.map((route) => ({ route, m: route.regex.exec(path) }))
			.filter((c) => c.m)
			.sort((a, b) => a.route.keys.length - b.route.keys.length);
		const first = candidates[0];
		if (!first?.m) return undefined;
		const params: Record<string, string> = {};
		first.route.keys.forEach((key, i) => {
			params[key] = decodeURIComponent(first.m![i + 1]);
		});
		return { route: first.route, params };
	}

	allowsPath(path: string): boolean {
		return this.routes.some((r) => r.regex.test(path));
	}
}

/** The whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export const timestamp = () => new Date().toISOString();

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendText(
	res: ServerResponse,
	status: number,
	text: string | Buffer,
	contentType: string,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/** OCPI success envelope. */
export function ok(ctx: RouteContext, data: unknown, headers: Record<string, string> = {}): void {
	ctx.ocpiStatus = 1000;
	sendJson(
		ctx.res,
		200,
		{ data, status_code: 1000, status_message: 'Success', timestamp: timestamp() },
		headers,
	);
}

/** OCPI business error (GreenFlux answers these with HTTP 200 unless told otherwise). */
export function ocpiError(
	ctx: RouteContext,
	code: number,
	message: string,
	httpStatus = 200,
	data?: unknown,
): void {
	ctx.ocpiStatus = code;
	const body: Record<string, unknown> = {
		status_code: code,
		status_message: message,
		timestamp: timestamp(),
	};
	if (data !== undefined) body.data = data;
	sendJson(ctx.res, httpStatus, body);
}

export function notFound(ctx: RouteContext, what: string): void {
	ocpiError(ctx, 2003, `${what} not found`, 404);
}

/** Offset paging: which part of `total` items to serve (slice bounds), with OCPI `Link`, `X-Total-Count` and `X-Limit` headers. */
export function offsetPaging(
	ctx: RouteContext,
	total: number,
	options: { defaultLimit: number; maxLimit: number; path: string },
): { from: number; to: number; headers: Record<string, string> } {
	const limit = Math.min(
		Math.max(Number(ctx.query.limit ?? options.defaultLimit) || options.defaultLimit, 1),
		options.maxLimit,
	);
	const offset = Math.max(Number(ctx.query.offset ?? 0) || 0, 0);
	const headers: Record<string, string> = {
		'X-Total-Count': String(total),
		'X-Limit': String(limit),
	};
	if (offset + limit < total) {
		const next = new URLSearchParams({
			...ctx.query,
			offset: String(offset + limit),
			limit: String(limit),
		});
		headers.Link = `<${options.path}?${next.toString()}>; rel="next"`;
	}
	return { from: offset, to: offset + limit, headers };
}

/** Offset paging over a list (see offsetPaging). */
export function pageByOffset(
	ctx: RouteContext,
	items: unknown[],
	options: { defaultLimit: number; maxLimit: number; path: string },
): void {
	const { from, to, headers } = offsetPaging(ctx, items.length, options);
	ok(ctx, items.slice(from, to), headers);
}

/** A date range as epoch ms, [from, to): a missing or empty bound is open; an invalid one is NaN (matches nothing). */
export function dateRange(
	query: Query,
	fromKey = 'date_from',
	toKey = 'date_to',
): [number, number] {
	return [
		query[fromKey] ? Date.parse(query[fromKey]) : Number.NEGATIVE_INFINITY,
		query[toKey] ? Date.parse(query[toKey]) : Number.POSITIVE_INFINITY,
	];
}

/** Filters on last_updated: date_from inclusive, date_to exclusive (GreenFlux semantics). */
export function inDateRange(
	query: Query,
	field = 'last_updated',
	fromKey = 'date_from',
	toKey = 'date_to',
) {
	const [from, to] = dateRange(query, fromKey, toKey);
	return (item: Record<string, unknown>) => {
		const at = Date.parse(String(item[field]));
		return at >= from && at < to;
	};
}

export function isValidDateParam(value: string | undefined): boolean {
	return value === undefined || !Number.isNaN(Date.parse(value));
}
