import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { freeChargeAssistEvses, runChargeAssist, sandboxControl, useSandbox } from './helpers';

const sandbox = useSandbox({ chargeAssistClockMs: 100 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

const failedPayments = async (appToken: string) =>
	(await sandboxControl<IDataObject[]>(sandbox(), '/__sandbox/chargeassist/failedpayments')).filter(
		(f) => f.appToken === appToken,
	);

const tokenOf = async (appToken: string) =>
	(await sandboxControl<IDataObject[]>(sandbox(), '/__sandbox/chargeassist/tokens')).find(
		(t) => t.appToken === appToken,
	)!;

/** The seeded (finished) sessions of a driver with their CDR IDs, oldest first. */
const seededSessions = async (appToken: string) =>
	(
		await sandboxControl<IDataObject[]>(
			sandbox(),
			`/__sandbox/chargeassist/sessions?appToken=${appToken}&include=history`,
		)
	)
		.filter((s) => s.status === 'CDR_AVAILABLE' && s.transactionDetails)
		.map((s) => ({
			sessionId: String(s.sessionId),
			cdrId: String((s.transactionDetails as IDataObject).externalCdrId),
		}));

describe('Charge Assist › Autocharge', () => {
	let chargeSessionId = '';
	let mastercardId = '';

	it('Register maps the vehicle ID of a charging session to the driver', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const start = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			...evse,
			paymentMethodId: paymentMethods.demoVisa!,
			waitForStatus: true,
			pollInterval: 0.05,
		});
		expect(start.json[0].status).toBe('CHARGING');
		chargeSessionId = String(start.json[0].chargeSessionId);

		const run = await runChargeAssist(sandbox(), {
			resource: 'autocharge',
			operation: 'register',
			appToken: appTokens.demo,
			chargeSessionId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			vid: expect.stringMatching(/^VID:/),
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa,
		});
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: `/vid/${appTokens.demo}/register`,
			body: { sessionId: chargeSessionId },
		});
		expect((await tokenOf(appTokens.demo)).vidMapping).toMatchObject({
			vid: run.json[0].vid,
			paymentMethodId: paymentMethods.demoVisa,
		});
	});

	it('Change Payment Method pays Autocharge sessions with another card', async () => {
		const { appTokens } = fixtures();
		const card = await runChargeAssist(sandbox(), {
			resource: 'paymentMethod',
			operation: 'addPsp',
			appToken: appTokens.demo,
			pspSource: 'Stripe',
			pspPaymentMethodId: 'pm_n8n_mastercard',
			additionalFields: { cardType: 'MASTER_CARD', cardNumberHint: '4444' },
		});
		mastercardId = String(card.json[0].id);
		const run = await runChargeAssist(sandbox(), {
			resource: 'autocharge',
			operation: 'changePaymentMethod',
			appToken: appTokens.demo,
			paymentMethodId: mastercardId,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ appToken: appTokens.demo, paymentMethodId: mastercardId });
		expect(run.requests[0].body).toEqual({ paymentMethodId: mastercardId });
		expect(((await tokenOf(appTokens.demo)).vidMapping as IDataObject).paymentMethodId).toBe(
			mastercardId,
		);
	});

	it('Change Payment Method to a charge card: the v1 validation message', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'autocharge',
			operation: 'changePaymentMethod',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoChargeCard!,
		});
		expect(run.error?.message).toBe(
			"GreenFlux answered HTTP 400 to POST /vid/ca-demo-driver/changepaymentmethod: The request is not valid. 'paymentMethodId' uses a CHARGE_CARD payment method; Autocharge takes VISA or MASTER_CARD. (code INVALID)",
		);
	});

	it('Deregister switches Autocharge off', async () => {
		const { appTokens } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'autocharge',
			operation: 'deregister',
			appToken: appTokens.demo,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ appToken: appTokens.demo, paymentMethodId: mastercardId });
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: `/vid/${appTokens.demo}/deregister`,
		});
		expect(run.requests[0].body).toBeUndefined();
		expect((await tokenOf(appTokens.demo)).vidMapping).toBeNull();
	});
});

describe('Charge Assist › Failed Payment and Payment Status', () => {
	it('Failed Payment › Get Many equals the sandbox list of the driver', async () => {
		const { appTokens } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'failedPayment',
			operation: 'getAll',
			appToken: appTokens.demo,
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(await failedPayments(appTokens.demo));
		expect(run.json).toHaveLength(2);
		expect(run.requests).toEqual([
			expect.objectContaining({ path: `/sessionfailedpayments/${appTokens.demo}`, query: {} }),
		]);
	});

	it('Payment Status › Report Success settles a failed payment', async () => {
		const { appTokens } = fixtures();
		const [failed] = await failedPayments(appTokens.demo);
		const cdrId = (await seededSessions(appTokens.demo)).find(
			(s) => s.sessionId === failed.chargeSessionId,
		)!.cdrId;
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentStatus',
			operation: 'report',
			externalCdrId: cdrId,
			paymentStatus: 'Success',
			additionalFields: { transactionTime: '2026-11-02T10:00:00Z' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				success: true,
				externalCdrId: cdrId,
				paymentStatus: 'Success',
				transactionTime: '2026-11-02T10:00:00Z',
			},
		]);
		expect(run.requests[0]).toMatchObject({ method: 'POST', path: '/webhooks/paymentstatus' });
		const after = (await failedPayments(appTokens.demo)).find(
			(f) => f.chargeSessionId === failed.chargeSessionId,
		);
		expect(after).toMatchObject({
			paymentStatus: 'SUCCESS',
			lastAttemptedTime: '2026-11-02T10:00:00Z',
		});
	});

	it("Payment Status › Report for an unknown CDR: GreenFlux's 404 message", async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'paymentStatus',
			operation: 'report',
			externalCdrId: 'NO-SUCH-CDR',
			paymentStatus: 'Error',
		});
		// A ValidationResponse 404 (message and validation message alike): GreenFlux's text and code.
		expect(run.error?.message).toMatch(
			/^GreenFlux found nothing at POST \/webhooks\/paymentstatus \(HTTP 404\): CDR 'NO-SUCH-CDR' not found\..*\(code NOT_FOUND\)$/,
		);
	});

	it('Payment Status › Report Error for many CDRs (one per input item) adds failed payments', async () => {
		const { appTokens } = fixtures();
		const sessions = (await seededSessions(appTokens.demo)).slice(0, 30);
		expect(sessions).toHaveLength(30);
		const run = await runChargeAssist(
			sandbox(),
			{
				resource: 'paymentStatus',
				operation: 'report',
				externalCdrId: '={{ $json.cdrId }}',
				paymentStatus: 'Error',
				additionalFields: { error: 'insufficient_funds' },
			},
			{ inputItems: sessions },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(
			sessions.map((s) => ({
				success: true,
				externalCdrId: s.cdrId,
				paymentStatus: 'Error',
				error: 'insufficient_funds',
			})),
		);
		const failed = await failedPayments(appTokens.demo);
		expect(failed.length).toBeGreaterThan(25);
		for (const session of sessions) {
			expect(failed.find((f) => f.chargeSessionId === session.sessionId)).toMatchObject({
				paymentStatus: 'ERROR',
				error: 'insufficient_funds',
			});
		}
	});

	it('Failed Payment › Get Many with Return All follows the continuation token as a QUERY parameter', async () => {
		const { appTokens } = fixtures();
		const expected = await failedPayments(appTokens.demo);
		const run = await runChargeAssist(sandbox(), {
			resource: 'failedPayment',
			operation: 'getAll',
			appToken: appTokens.demo,
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected);
		expect(run.requests.length).toBeGreaterThanOrEqual(2);
		expect(run.requests[0].query).toEqual({});
		expect(run.requests[1].query).toEqual({ continuationToken: expect.any(String) });
		expect(run.requests.every((r) => r.status === 200)).toBe(true);
	});

	it('Failed Payment › Get Many with a Limit and a payment method filter', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const expected = (await failedPayments(appTokens.demo)).filter(
			(f) => f.paymentMethodId === paymentMethods.demoChargeCard,
		);
		expect(expected.length).toBeGreaterThan(3);
		const run = await runChargeAssist(sandbox(), {
			resource: 'failedPayment',
			operation: 'getAll',
			appToken: appTokens.demo,
			limit: 3,
			filters: { paymentMethodId: paymentMethods.demoChargeCard! },
		});
		expect(run.json).toEqual(expected.slice(0, 3));
		expect(run.requests).toEqual([
			expect.objectContaining({ query: { paymentMethodId: paymentMethods.demoChargeCard } }),
		]);
	});

	it('Failed Payment › Retry pays every failed payment with the chosen card', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'failedPayment',
			operation: 'retry',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{ success: true, appToken: appTokens.demo, paymentMethodId: paymentMethods.demoVisa },
		]);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/sessionfailedpayments/initiate',
			body: { appToken: appTokens.demo, paymentMethodId: paymentMethods.demoVisa },
		});
		const after = await failedPayments(appTokens.demo);
		expect(after.every((f) => f.paymentStatus === 'SUCCESS')).toBe(true);
	});

	it("Failed Payment › Retry when nothing failed: GreenFlux's v2.1 message and code", async () => {
		const { appTokens, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'failedPayment',
			operation: 'retry',
			appToken: appTokens.demo,
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error?.message).toBe(
			'GreenFlux found nothing at POST /sessionfailedpayments/initiate (HTTP 404): No failed payments to retry. (code NO_FAILED_PAYMENTS) [appToken]',
		);
	});
});
