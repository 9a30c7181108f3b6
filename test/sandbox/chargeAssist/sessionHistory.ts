import type { RouteContext } from '../http';
import { invalid } from './errors';
import type { CaSession } from './records';
import { queryAll, queryBoolean, queryDate, queryEnum } from './routing';
import { type CaStore } from './store';

export const SESSION_STATUSES = [
	'REQUESTED',
	'REJECTED',
	'STARTING',
	'CHARGING',
	'STOPPING',
	'COMPLETED',
	'CDR_AVAILABLE',
	'PARKING',
	'TIMEOUT',
	'CANCELLED',
	'ERROR',
];

/** Start of the current month (UTC): GreenFlux's default `filter.dateTimeFrom`. */
const firstOfMonth = (now: number) => {
	const date = new Date(now);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
};

/**
 * An app token's sessions filtered like GET /token/{appToken}/sessions: started within
 * `filter.dateTimeFrom` (default the 1st of this month) – `filter.dateTimeTo` (default now), payment
 * method ids and type, session id, OCPI session id and statuses; newest first unless `sortDesc=false`.
 */
export function sessionHistory(
	store: CaStore,
	ctx: RouteContext,
	appToken: string,
	statusOf: (session: CaSession) => string,
	now = Date.now(),
): CaSession[] {
	const from = queryDate(ctx, 'filter.dateTimeFrom') ?? firstOfMonth(now);
	const to = queryDate(ctx, 'filter.dateTimeTo') ?? now;
	const paymentMethodIds = queryAll(ctx, 'filter.paymentMethodIds');
	const chargeSessionId = ctx.query['filter.chargeSessionId'] || undefined;
	const ocpiSessionId = ctx.query['filter.ocpiSessionId'] || undefined;
	const type = queryEnum(ctx, 'filter.paymentMethodType', ['CHARGE_CARD', 'OTHER']);
	const statuses = queryAll(ctx, 'filter.sessionStatus').map((s) => s.toUpperCase());
	for (const status of statuses)
		if (!SESSION_STATUSES.includes(status))
			throw invalid('filter.sessionStatus', `contains an unknown status: ${status}.`);
	const sortDesc = queryBoolean(ctx, 'sortDesc') ?? true;
	const typeOf = (s: CaSession) =>
		store.paymentMethods.find((p) => p.id === s.paymentMethodId)?.type === 'CHARGE_CARD'
			? 'CHARGE_CARD'
			: 'OTHER';
	const found = [...store.sessions.values()].filter(
		(s) =>
			s.appToken === appToken &&
			s.createdAt >= from &&
			s.createdAt <= to &&
			(paymentMethodIds.length === 0 || paymentMethodIds.includes(s.paymentMethodId)) &&
			(!chargeSessionId || s.id === chargeSessionId) &&
			(!ocpiSessionId || s.externalSessionId === ocpiSessionId) &&
			(!type || typeOf(s) === type) &&
			(statuses.length === 0 || statuses.includes(statusOf(s))),
	);
	found.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	return sortDesc ? found.reverse() : found;
}
