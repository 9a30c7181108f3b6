import { dateRange, ocpiError, type Router } from '../http';
import { pageCacheOf, versionedList } from '../pageCache';
import type { SandboxState } from '../state';

function encodeToken(position: Record<string, string | number>): string {
	return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeToken(token: string): Record<string, string> | undefined {
	try {
		return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * GET /api/{1.0|2.0}/cdrs: v1 offset + Link, v2 continuation_token + Link; limit capped at 1000.
 * The v2 token holds the date filters and the offset into the CDRs they select.
 */
export function registerCdrRoutes(router: Router, state: SandboxState): void {
	const cache = pageCacheOf(state);
	const cdrsIn = (filters: Record<string, string>) =>
		cache.between(
			versionedList(state, 'cdrs', 'cdrs', () => state.visibleCdrs()),
			'last_updated',
			...dateRange(filters),
		);

	router.add('GET', '/api/:version/cdrs', { module: 'cdr' }, (ctx) => {
		const version = ctx.params.version;
		if (version !== '1.0' && version !== '2.0')
			return ocpiError(ctx, 2001, `Unsupported versionNumber ${version}`, 400);
		if (version === '1.0') {
			return cache.sendByOffset(ctx, cdrsIn(ctx.query), {
				defaultLimit: 1000,
				maxLimit: 1000,
				path: '/api/1.0/cdrs',
			});
		}
		let filters: Record<string, string> = {
			date_from: ctx.query.date_from ?? '',
			date_to: ctx.query.date_to ?? '',
		};
		let offset = 0;
		if (ctx.query.continuation_token) {
			const position = decodeToken(ctx.query.continuation_token);
			if (!position) return ocpiError(ctx, 2001, 'Invalid continuation_token');
			filters = { date_from: position.date_from, date_to: position.date_to };
			offset = Number(position.offset);
		}
		const limit = Math.min(Math.max(Number(ctx.query.limit ?? 1000) || 1000, 1), 1000);
		const cdrs = cdrsIn(filters);
		const headers: Record<string, string> = {};
		if (offset + limit < cdrs.end - cdrs.start) {
			const token = encodeToken({ ...filters, offset: offset + limit });
			headers.Link = `</api/2.0/cdrs?continuation_token=${token}&limit=${limit}>; rel="next"`;
		}
		cache.send(ctx, cdrs, offset, offset + limit, headers);
	});
}
