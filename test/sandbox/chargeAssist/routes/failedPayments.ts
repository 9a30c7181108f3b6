import type { Router } from '../../http';
import { registeredToken } from '../accountModels';
import { CaError, invalid } from '../errors';
import { sendPage } from '../paging';
import type { CaFailedPayment } from '../records';
import { bodyOf, caRoute, okEmpty, optionalText, requireText, STYLES } from '../routing';
import { clockView } from '../sessionClock';
import { statusResponse } from '../sessionModels';
import { type CaStore, findPaymentMethod } from '../store';

const WEBHOOK_STATUSES = ['Pending', 'Success', 'Error'];

/**
 * SessionFailedPayments (ValidationResponseV2 errors; the continuation token is a QUERY parameter here)
 * and the inbound PSP webhook POST /webhooks/paymentstatus (ValidationResponse errors).
 */
export function registerFailedPaymentRoutes(router: Router, store: CaStore): void {
	caRoute(router, 'GET', '/sessionfailedpayments/:appToken', STYLES.v2, (ctx) => {
		const token = registeredToken(store, ctx.params.appToken);
		const pmId = ctx.query.paymentMethodId || undefined;
		const items = store.failedPayments.filter(
			(f) => f.appToken === token.appToken && (!pmId || f.paymentMethodId === pmId),
		);
		sendPage(ctx, items, { defaultPageSize: 25, tokenIn: 'query' });
	});

	// Retries every failed payment of the app token with the given (direct) payment method: they succeed.
	caRoute(router, 'POST', '/sessionfailedpayments/initiate', STYLES.v2, (ctx) => {
		const body = bodyOf(ctx);
		const token = registeredToken(store, requireText(body, 'appToken'));
		const pmId = requireText(body, 'paymentMethodId');
		const pm = findPaymentMethod(store, token.appToken, pmId);
		if (!pm) throw new CaError(404, `Payment method '${pmId}' not found.`, 'paymentMethodId');
		if (pm.type === 'CHARGE_CARD' || pm.type === 'EXTERNAL')
			throw invalid('paymentMethodId', `of type ${pm.type} cannot pay failed sessions.`);
		const failed = store.failedPayments.filter(
			(f) => f.appToken === token.appToken && f.paymentStatus === 'ERROR',
		);
		if (failed.length === 0)
			throw new CaError(404, 'No failed payments to retry.', 'appToken', 'NO_FAILED_PAYMENTS');
		const now = new Date().toISOString();
		for (const payment of failed) {
			Object.assign(payment, {
				paymentStatus: 'SUCCESS',
				paymentMethodId: pm.id,
				lastAttemptedTime: now,
				error: null,
			});
			const session = store.sessions.get(payment.chargeSessionId);
			if (session)
				session.payment = { ...session.payment, status: 'Success', confirmationTime: now };
		}
		okEmpty(ctx);
	});

	caRoute(router, 'POST', '/webhooks/paymentstatus', STYLES.validation, (ctx) => {
		const body = bodyOf(ctx);
		const cdrId = requireText(body, 'externalCdrId');
		const status = optionalText(body, 'paymentStatus') ?? 'Success';
		if (!WEBHOOK_STATUSES.includes(status))
			throw invalid('paymentStatus', `must be one of ${WEBHOOK_STATUSES.join(', ')}.`);
		const time = optionalText(body, 'transactionTime');
		if (time !== undefined && Number.isNaN(Date.parse(time)))
			throw invalid('transactionTime', 'must be an ISO 8601 date-time.');
		const now = Date.now();
		const session = [...store.sessions.values()].find(
			(s) =>
				s.externalCdrId === cdrId && clockView(s, store.clockMs, now).status === 'CDR_AVAILABLE',
		);
		if (!session) throw new CaError(404, `CDR '${cdrId}' not found.`, 'externalCdrId');
		const at = time ?? new Date(now).toISOString();
		session.payment = {
			...session.payment,
			status,
			confirmationTime: status === 'Success' ? at : null,
		};
		const known = store.failedPayments.find((f) => f.chargeSessionId === session.id);
		if (status === 'Error') {
			const entry: CaFailedPayment = known ?? {
				chargeSessionId: session.id,
				appToken: session.appToken,
				paymentMethodId: session.paymentMethodId,
				paymentStatus: 'ERROR',
				totalCost: Number(statusResponse(store, session, now).totalCosts ?? 0),
				transactionTime: at,
				lastAttemptedTime: null,
				error: null,
			};
			Object.assign(entry, {
				paymentStatus: 'ERROR',
				lastAttemptedTime: at,
				error: optionalText(body, 'error') ?? 'payment failed',
			});
			if (!known) store.failedPayments.push(entry);
		} else if (known) {
			known.paymentStatus = status === 'Success' ? 'SUCCESS' : 'PENDING';
			known.lastAttemptedTime = at;
		}
		okEmpty(ctx);
	});
}
