import { type RouteContext, sendJson } from '../http';
import { CaError, invalid } from './errors';

/**
 * Charge Assist lists: `{ data, meta: { count, hasMoreData, continuationToken } }` (geo lists start with
 * `boundingBox`). Pages hold `pageSize` items (1–100, default per route); the next page is asked for with
 * the `continuationToken` REQUEST HEADER carrying `meta.continuationToken` (the failed-payments route takes
 * it as a query parameter). A token only fits the query it came from (same path and filters).
 */
export interface PageOptions {
	defaultPageSize: number;
	/** Where the client sends the continuation token (default the header). */
	tokenIn?: 'header' | 'query';
	/** Geo lists: the box the answer covers (null when unknown). */
	boundingBox?: unknown;
}

export const meta = (count: number, continuationToken: string | null = null) => ({
	count,
	hasMoreData: continuationToken !== null,
	continuationToken,
});

/** A complete (unpaged) list. */
export function sendList(ctx: RouteContext, items: unknown[], boundingBox?: unknown): void {
	sendJson(ctx.res, 200, {
		...(boundingBox === undefined ? {} : { boundingBox }),
		data: items,
		meta: meta(items.length),
	});
}

export function pageSizeOf(ctx: RouteContext, fallback: number): number {
	const raw = ctx.query.pageSize;
	if (raw === undefined || raw === '') return fallback;
	const size = Number(raw);
	if (!Number.isInteger(size) || size < 1 || size > 100)
		throw invalid('pageSize', 'must be between 1 and 100.');
	return size;
}

/** One page of `items`, positioned by the continuation token the client sent. */
export function sendPage(ctx: RouteContext, items: unknown[], options: PageOptions): void {
	const pageSize = pageSizeOf(ctx, options.defaultPageSize);
	const offset = offsetOf(ctx, options.tokenIn ?? 'header');
	const page = items.slice(offset, offset + pageSize);
	const next =
		offset + pageSize < items.length ? encodeToken(offset + pageSize, fingerprint(ctx)) : null;
	sendJson(ctx.res, 200, {
		...(options.boundingBox === undefined ? {} : { boundingBox: options.boundingBox }),
		data: page,
		meta: meta(page.length, next),
	});
}

function tokenOf(ctx: RouteContext, tokenIn: 'header' | 'query'): string | undefined {
	if (tokenIn === 'query') return ctx.query.continuationToken || undefined;
	const header = ctx.req.headers.continuationtoken;
	return (Array.isArray(header) ? header[0] : header) || undefined;
}

function offsetOf(ctx: RouteContext, tokenIn: 'header' | 'query'): number {
	const token = tokenOf(ctx, tokenIn);
	if (token === undefined) return 0;
	const position = decodeToken(token);
	if (!position || position.f !== fingerprint(ctx))
		throw new CaError(
			400,
			'The continuation token is not valid for this request.',
			'continuationToken',
			'INVALID_CONTINUATION_TOKEN',
		);
	return position.o;
}

function encodeToken(offset: number, print: string): string {
	return Buffer.from(JSON.stringify({ o: offset, f: print })).toString('base64url');
}

function decodeToken(token: string): { o: number; f: string } | undefined {
	try {
		const position = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			o: unknown;
			f: unknown;
		};
		return Number.isInteger(position.o) && typeof position.f === 'string'
			? { o: position.o as number, f: position.f }
			: undefined;
	} catch {
		return undefined;
	}
}

/** FNV-1a over the path and the filters (not the page size or the token). */
function fingerprint(ctx: RouteContext): string {
	const url = new URL(ctx.req.url ?? '/', 'http://sandbox');
	const filters = [...url.searchParams.entries()]
		.filter(([key]) => key !== 'pageSize' && key !== 'continuationToken')
		.map(([key, value]) => `${key}=${value}`)
		.sort();
	const text = [url.pathname.toLowerCase(), ...filters].join('&');
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return (hash >>> 0).toString(36);
}
