import { dateRange, ocpiError, type Router } from '../http';
import { pageCacheOf, versionedList } from '../pageCache';
import { sessionRetentionStart, sessionsOf } from '../seeds/cpoData';
import type { SandboxState } from '../state';
import { checkQuery } from './notifications';

/**
 * GET /api/1.0/sessions — date_from required (else HTTP 200 + 2001), date_to optional, on last_updated;
 * only COMPLETED sessions, and only those of the last month before the anchor (GreenFlux keeps sessions
 * about a month); offset paging (default limit 100, larger values capped at 1000) with Link headers.
 */
export function registerSessionRoutes(router: Router, state: SandboxState): void {
	router.add('GET', '/api/:version/sessions', { module: 'sessions' }, (ctx) => {
		if (ctx.params.version !== '1.0')
			return ocpiError(ctx, 2001, `Unsupported versionNumber ${ctx.params.version}`, 400);
		if (
			!checkQuery(ctx, { required: ['date_from'], limit: { min: 1, max: Number.MAX_SAFE_INTEGER } })
		)
			return;
		const kept = sessionRetentionStart(state);
		const completed = versionedList(state, 'sessions', 'sessions', () =>
			sessionsOf(state).filter((s) => s.status === 'COMPLETED' && String(s.last_updated) >= kept),
		);
		const cache = pageCacheOf(state);
		cache.sendByOffset(ctx, cache.between(completed, 'last_updated', ...dateRange(ctx.query)), {
			defaultLimit: 100,
			maxLimit: 1000,
			path: '/api/1.0/sessions',
		});
	});
}
