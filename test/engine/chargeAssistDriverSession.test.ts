import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import {
	freeChargeAssistEvses,
	KEYS,
	runChargeAssist,
	sandboxControl,
	useSandbox,
} from './helpers';

// 100 ms per session step: start → CHARGING in ~0.2 s, stop → CDR_AVAILABLE in ~0.3 s.
const sandbox = useSandbox({ chargeAssistClockMs: 100 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

/** Waiting parameters small enough for the sandbox clock. */
const FAST_WAIT = { waitForStatus: true, pollInterval: 0.05, waitTimeout: 10 };

/** Seeded session history lies in the 90 days before the anchor (2026-11-01). */
const HISTORY_RANGE = { dateTimeFrom: '2026-07-01T00:00:00Z', dateTimeTo: '2026-11-01T00:00:00Z' };

const sessionsOf = async (appToken: string) =>
	await sandboxControl<IDataObject[]>(
		sandbox(),
		`/__sandbox/chargeassist/sessions?appToken=${appToken}`,
	);

const historyOf = async (appToken: string) =>
	await sandboxControl<IDataObject[]>(
		sandbox(),
		`/__sandbox/chargeassist/sessions?appToken=${appToken}&include=history`,
	);

/** GET /v2.1/token/{appToken}/sessions walked page by page with the continuationToken header (no node). */
async function historyByHand(appToken: string): Promise<{ items: IDataObject[]; pages: number }> {
	const items: IDataObject[] = [];
	const query = new URLSearchParams({
		'filter.dateTimeFrom': HISTORY_RANGE.dateTimeFrom,
		'filter.dateTimeTo': HISTORY_RANGE.dateTimeTo,
	});
	let token: string | undefined;
	let pages = 0;
	do {
		const response = await request(`${sandbox().url}/v2.1/token/${appToken}/sessions?${query}`, {
			headers: {
				authorization: `ApiKey ${KEYS.chargeAssist}`,
				...(token ? { continuationToken: token } : {}),
			},
		});
		const body = (await response.body.json()) as {
			data: IDataObject[];
			meta: { hasMoreData?: boolean; continuationToken?: string | null };
		};
		pages++;
		items.push(...body.data);
		token = body.meta.hasMoreData ? (body.meta.continuationToken ?? undefined) : undefined;
	} while (token);
	return { items, pages };
}

/** Starts a session on a free EVSE (of a location that passes `test`) with the demo VISA and waits until it charges. */
async function chargingSession(
	test?: (location: IDataObject) => boolean,
): Promise<{ chargeSessionId: string; evseUid: string }> {
	const { appTokens, paymentMethods } = fixtures();
	const [evse] = await freeChargeAssistEvses(sandbox(), 1, test);
	const run = await runChargeAssist(sandbox(), {
		resource: 'session',
		operation: 'start',
		appToken: appTokens.demo,
		...evse,
		paymentMethodId: paymentMethods.demoVisa!,
		...FAST_WAIT,
	});
	expect(run.json[0]?.status).toBe('CHARGING');
	return { chargeSessionId: String(run.json[0].chargeSessionId), evseUid: evse.evseUid };
}

describe('Charge Assist › Session (start and stop with waiting)', () => {
	it('Start with Wait for Status ends CHARGING: the final status with the immediate answer', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			...evse,
			paymentMethodId: paymentMethods.demoVisa!,
			...FAST_WAIT,
		});
		expect(run.error).toBeUndefined();
		const [out] = run.json;
		expect(out).toMatchObject({
			status: 'CHARGING',
			succeeded: true,
			timedOut: false,
			evseUid: evse.evseUid,
			immediateAnswer: {
				chargeSessionId: out.chargeSessionId,
				nextStatusCall: expect.any(String),
				messageId: expect.any(String),
			},
		});
		expect(out.sessionId).toBe(out.chargeSessionId);
		expect(out.polls).toBeGreaterThanOrEqual(1);
		const stored = (await sessionsOf(appTokens.demo)).find(
			(s) => s.sessionId === out.chargeSessionId,
		);
		expect(stored).toMatchObject({ status: 'CHARGING', evseUid: evse.evseUid });
		expect(run.requests[0]).toMatchObject({ method: 'POST', path: '/session/start' });
		const polls = run.requests.slice(1);
		expect(polls).toHaveLength(out.polls as number);
		for (const poll of polls) {
			expect(poll).toMatchObject({
				method: 'GET',
				path: '/session/status',
				query: { appToken: appTokens.demo, chargeSessionId: out.chargeSessionId },
				status: 200,
			});
		}
	});

	it('Start on v2.1 polls the v2.1 status route', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			apiVersion: '2.1',
			appToken: appTokens.demo,
			...evse,
			paymentMethodId: paymentMethods.demoVisa!,
			...FAST_WAIT,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({ status: 'CHARGING', succeeded: true });
		expect(new Set(run.requests.map((r) => r.path))).toEqual(
			new Set(['/v2.1/session/start', '/v2.1/session/status']),
		);
	});

	it("Start on an unavailable EVSE ends REJECTED with GreenFlux's error as an output item", async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.unavailable!.locationId,
			evseUid: evses.unavailable!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
			...FAST_WAIT,
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			status: 'REJECTED',
			succeeded: false,
			timedOut: false,
			error: 'EVSE_NOT_AVAILABLE',
			errorMessage: 'The EVSE is not available.',
		});
		const stored = (await sessionsOf(appTokens.demo)).find(
			(s) => s.sessionId === run.json[0].chargeSessionId,
		);
		expect(stored).toMatchObject({ status: 'REJECTED', error: 'EVSE_NOT_AVAILABLE' });
	});

	it('Start on an unavailable EVSE with Fail on Rejection is a NodeApiError carrying the error', async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.unavailable!.locationId,
			evseUid: evses.unavailable!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
			...FAST_WAIT,
			failOnRejection: true,
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			'The charging session did not start: REJECTED: The EVSE is not available. (code EVSE_NOT_AVAILABLE)',
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/choose another EVSE/,
		);
	});

	it('Start with a blocked charge card ends REJECTED, INVALID_TOKEN', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			...evse,
			paymentMethodId: paymentMethods.demoBlockedCard!,
			...FAST_WAIT,
		});
		expect(run.json[0]).toMatchObject({
			status: 'REJECTED',
			succeeded: false,
			error: 'INVALID_TOKEN',
		});
	});

	it('Start at an offline charge station ends TIMEOUT (COMMAND_TIMED_OUT)', async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.timeout!.locationId,
			evseUid: evses.timeout!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
			...FAST_WAIT,
		});
		expect(run.json[0]).toMatchObject({
			status: 'TIMEOUT',
			succeeded: false,
			error: 'COMMAND_TIMED_OUT',
		});
	});

	it('Start that has not charged by the timeout is timedOut, and an error with Fail on Rejection', async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.timeout!.locationId,
			evseUid: evses.timeout!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
			waitForStatus: true,
			pollInterval: 0.05,
			waitTimeout: 0.15,
		});
		expect(run.json[0]).toMatchObject({ status: 'STARTING', succeeded: false, timedOut: true });
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const failing = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			...evse,
			paymentMethodId: paymentMethods.demoVisa!,
			waitForStatus: true,
			pollInterval: 0.02,
			waitTimeout: 0.05,
			failOnRejection: true,
		});
		expect(failing.error?.name).toBe('NodeApiError');
		expect(failing.error?.message).toBe(
			'The session was still REQUESTED after 0.05 seconds (waiting for CHARGING)',
		);
		expect(String((failing.error as { description?: string }).description)).toMatch(
			/Raise "Timeout \(Seconds\)", or follow the session later with Session › Get Status \(charge session ID [0-9a-f-]{36}\)/,
		);
	});

	it('Start with a blocked app token: 403 "Invalid token used" explained for session start', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const [evse] = await freeChargeAssistEvses(sandbox(), 1);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.blocked,
			...evse,
			paymentMethodId: paymentMethods.blockedDriverCard!,
			...FAST_WAIT,
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			'GreenFlux refused POST /session/start (HTTP 403): Invalid token used.',
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/^GreenFlux does not let this app token start sessions\. "Invalid token used" means.*App Token › Register on API version 2\.1/,
		);
		expect(run.requests).toHaveLength(1);
	});

	it('Stop with Wait for Status ends CDR_AVAILABLE with the costs', async () => {
		const { appTokens } = fixtures();
		const { chargeSessionId } = await chargingSession();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'stop',
			appToken: appTokens.demo,
			chargeSessionId,
			...FAST_WAIT,
		});
		expect(run.error).toBeUndefined();
		const [out] = run.json;
		expect(out).toMatchObject({
			sessionId: chargeSessionId,
			status: 'CDR_AVAILABLE',
			succeeded: true,
			timedOut: false,
			totalCosts: expect.any(Number),
			totalVat: expect.any(Number),
			immediateAnswer: { sessionId: chargeSessionId, status: 'STOPPING' },
		});
		const stored = (await sessionsOf(appTokens.demo)).find((s) => s.sessionId === chargeSessionId);
		expect(stored).toMatchObject({ status: 'CDR_AVAILABLE', totalCosts: out.totalCosts });
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/session/stop',
			query: { appToken: appTokens.demo },
		});
	});

	it("Stop waits as GreenFlux's nextStatusCall suggests: few polls even with a tiny Poll Interval", async () => {
		const { appTokens } = fixtures();
		const { chargeSessionId } = await chargingSession();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'stop',
			appToken: appTokens.demo,
			chargeSessionId,
			...FAST_WAIT,
			pollInterval: 0.005,
		});
		expect(run.json[0]).toMatchObject({ status: 'CDR_AVAILABLE', succeeded: true });
		// STOPPING → COMPLETED (+100 ms) → CDR_AVAILABLE (+300 ms): a 5 ms interval alone would poll ~60 times.
		expect(run.json[0].polls).toBeLessThanOrEqual(6);
	});

	it('Stop on v2.1 waiting until COMPLETED', async () => {
		const { appTokens } = fixtures();
		const { chargeSessionId } = await chargingSession();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'stop',
			apiVersion: '2.1',
			appToken: appTokens.demo,
			chargeSessionId,
			...FAST_WAIT,
			waitUntil: 'COMPLETED',
		});
		expect(run.error).toBeUndefined();
		expect(['COMPLETED', 'CDR_AVAILABLE']).toContain(run.json[0].status);
		expect(run.json[0].succeeded).toBe(true);
		expect(new Set(run.requests.map((r) => r.path))).toEqual(
			new Set(['/v2.1/session/stop', '/v2.1/session/status']),
		);
	});

	it('Stop without waiting answers the status right after the stop request', async () => {
		const { appTokens } = fixtures();
		const { chargeSessionId } = await chargingSession();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'stop',
			appToken: appTokens.demo,
			chargeSessionId,
		});
		expect(run.json).toEqual([
			expect.objectContaining({ sessionId: chargeSessionId, status: 'STOPPING' }),
		]);
		expect(run.requests).toHaveLength(1);
	});
});

describe('Charge Assist › Session (status, mileage, priority, CDR, history)', () => {
	it.each(['1', '2.1'])('Get Status (v%s) equals the sandbox session', async (apiVersion) => {
		const { appTokens } = fixtures();
		const { chargeSessionId } = await chargingSession();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getStatus',
			apiVersion,
			appToken: appTokens.demo,
			chargeSessionId,
			options: { maxDataPoints: 2 },
		});
		expect(run.error).toBeUndefined();
		const stored = (await sessionsOf(appTokens.demo)).find((s) => s.sessionId === chargeSessionId)!;
		expect(run.json[0]).toMatchObject({
			sessionId: chargeSessionId,
			status: 'CHARGING',
			locationId: stored.locationId,
			evseUid: stored.evseUid,
			paymentMethodId: stored.paymentMethodId,
		});
		expect(
			((run.json[0].usageSummary as IDataObject).dataPoints as unknown[]).length,
		).toBeLessThanOrEqual(2);
		expect(run.requests[0]).toMatchObject({
			path: apiVersion === '2.1' ? '/v2.1/session/status' : '/session/status',
			query: { appToken: appTokens.demo, chargeSessionId, maxDataPoints: '2' },
		});
	});

	it("Get Status of an unknown session: GreenFlux's 404 message", async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getStatus',
			apiVersion: '2.1',
			appToken: fixtures().appTokens.demo,
			chargeSessionId: 'no-such-session',
		});
		expect(run.error?.message).toBe(
			"GreenFlux found nothing at GET /v2.1/session/status (HTTP 404): Session 'no-such-session' not found. (code NOT_FOUND) [chargeSessionId]",
		);
	});

	it.each(['1', '2.1'])(
		"Set Mileage (v%s) stores the mileage as GreenFlux's string",
		async (apiVersion) => {
			const { appTokens } = fixtures();
			const { chargeSessionId } = await chargingSession();
			const run = await runChargeAssist(sandbox(), {
				resource: 'session',
				operation: 'setMileage',
				apiVersion,
				appToken: appTokens.demo,
				chargeSessionId,
				mileage: 48250.5,
			});
			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([
				{ success: true, appToken: appTokens.demo, chargeSessionId, mileage: '48250.5' },
			]);
			const stored = (await sessionsOf(appTokens.demo)).find(
				(s) => s.sessionId === chargeSessionId,
			);
			expect(stored?.mileage).toBe('48250.5');
			expect(run.requests[0]).toMatchObject({
				method: 'POST',
				path: `${apiVersion === '2.1' ? '/v2.1' : ''}/session/${appTokens.demo}/mileage`,
				body: { chargeSessionId, mileage: '48250.5' },
			});
		},
	);

	it.each(['1', '2.1'])(
		'Request High Priority (v%s) is APPROVED for a session charging with smart charging',
		async (apiVersion) => {
			const { appTokens } = fixtures();
			const { chargeSessionId } = await chargingSession((l) => l.smartChargingEnabled === true);
			const run = await runChargeAssist(sandbox(), {
				resource: 'session',
				operation: 'requestHighPriority',
				apiVersion,
				appToken: appTokens.demo,
				chargeSessionId,
			});
			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([{ status: 'APPROVED' }]);
			const after = (await sessionsOf(appTokens.demo)).find((s) => s.sessionId === chargeSessionId);
			expect(after?.prioritySessionStatus).toBe('ON');
			expect(run.requests[0]).toMatchObject({
				path: `${apiVersion === '2.1' ? '/v2.1' : ''}/session/highpriority`,
				query: { appToken: appTokens.demo },
				body: { chargeSessionId },
			});
		},
	);

	it("Request High Priority where the location has no smart charging: GreenFlux's 400 (v2.1)", async () => {
		const { chargeSessionId } = await chargingSession((l) => l.smartChargingEnabled === false);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'requestHighPriority',
			apiVersion: '2.1',
			chargeSessionId,
		});
		expect(run.error?.message).toBe(
			'GreenFlux answered HTTP 400 to POST /v2.1/session/highpriority: Smart charging is not enabled for this location. (code SMART_CHARGING_DISABLED) [chargeSessionId]',
		);
		expect(run.requests[0].query).toEqual({});
	});

	it('Get External CDR finds the session of a seeded CDR', async () => {
		const { appTokens } = fixtures();
		const history = await historyOf(appTokens.demo);
		const done = history.find((s) => s.status === 'CDR_AVAILABLE' && s.transactionDetails)!;
		const cdrId = String((done.transactionDetails as IDataObject).externalCdrId);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getExternalCdr',
			cdrId,
			authId: String(done.authId),
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			appToken: appTokens.demo,
			sessionId: done.sessionId,
			externalSessionId: done.externalSessionId,
			locationId: done.locationId,
			receiptNumber: done.receiptNumber,
			transactionDetails: { externalCdrId: cdrId },
		});
	});

	it('Get History (v2.1) with Return All follows the continuationToken header over every page', async () => {
		const { appTokens } = fixtures();
		const expected = await historyByHand(appTokens.demo);
		expect(expected.pages).toBeGreaterThanOrEqual(2);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getHistory',
			apiVersion: '2.1',
			appToken: appTokens.demo,
			returnAll: true,
			filters: HISTORY_RANGE,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected.items);
		expect(run.requests).toHaveLength(expected.pages);
		expect(run.requests[1].query).toEqual({
			'filter.dateTimeFrom': '2026-07-01T00:00:00Z',
			'filter.dateTimeTo': '2026-11-01T00:00:00Z',
		});
		// The sandbox's own list: every seeded session of the driver in the range, newest first.
		const seeded = (await historyOf(appTokens.demo))
			.filter((s) => String(s.startTime) < '2026-11-01')
			.map((s) => s.sessionId);
		expect(run.json.map((s) => s.chargeSessionId).sort()).toEqual([...seeded].sort());
		const starts = run.json.map((s) => String(s.startTime));
		expect(starts).toEqual([...starts].sort().reverse());
	});

	it('Get History (v2.1) with a Limit stops after the page that reaches it', async () => {
		const { appTokens } = fixtures();
		const expected = await historyByHand(appTokens.demo);
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getHistory',
			appToken: appTokens.demo,
			limit: 10,
			filters: HISTORY_RANGE,
		});
		expect(run.json).toEqual(expected.items.slice(0, 10));
		expect(run.requests).toHaveLength(1);
	});

	it('Get History (v1) with filters: status, payment method type, oldest first', async () => {
		const { appTokens, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getHistory',
			apiVersion: '1',
			appToken: appTokens.demo,
			returnAll: true,
			filters: {
				...HISTORY_RANGE,
				paymentMethodType: 'OTHER',
				sessionStatus: ['CDR_AVAILABLE', 'COMPLETED'],
				sortDesc: false,
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.json.length).toBeGreaterThan(0);
		for (const session of run.json) {
			expect((session.paymentMethod as IDataObject).id).toBe(paymentMethods.demoVisa);
			expect(session.status).toBe('CDR_AVAILABLE');
			expect(session.location).toEqual(expect.objectContaining({ id: expect.any(String) }));
		}
		const starts = run.json.map((s) => String(s.startTime));
		expect(starts).toEqual([...starts].sort());
		expect(run.requests).toEqual([
			expect.objectContaining({
				path: `/token/${appTokens.demo}/sessions`,
				query: {
					'filter.dateTimeFrom': '2026-07-01T00:00:00Z',
					'filter.dateTimeTo': '2026-11-01T00:00:00Z',
					'filter.paymentMethodType': 'OTHER',
					// Sent repeated (the log keeps the last); only CDR_AVAILABLE matches, so results prove both went.
					'filter.sessionStatus': 'COMPLETED',
					sortDesc: 'false',
				},
			}),
		]);
	});

	it('Get History of an unregistered app token says to register it first', async () => {
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'getHistory',
			appToken: fixtures().appTokens.unregistered,
			returnAll: true,
		});
		expect(run.error?.message).toBe(
			"GreenFlux found nothing at GET /v2.1/token/ca-unregistered-driver/sessions (HTTP 404): Not Found: Token not registered: 'ca-unregistered-driver'.",
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/register the app token first \(App Token › Register\)/,
		);
	});
});
