/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test file: waits for the sandbox's session clock with setTimeout */
import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { GreenFluxChargeAssistTrigger } from '../../nodes/GreenFluxChargeAssistTrigger/GreenFluxChargeAssistTrigger.node';
import { eventOfStatus } from '../../nodes/GreenFluxChargeAssistTrigger/events';
import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import type { PushRecord } from '../sandbox/chargeAssist/push';
import { startTriggerHost, type TriggerHost } from '../sandbox/push/triggerHost';
import { KEYS, sandboxControl, useSandbox } from './helpers';

// The GreenFlux Charge Assist Trigger driven by the SANDBOX's own session pushes: the sandbox POSTs every
// status change of its Charge Assist sessions (the body of GET /session/status at that moment, with
// `Authorization: Token …`) to a loopback host that runs the trigger's webhook() as n8n would. Sessions
// are started and stopped over the Charge Assist API so that every status the sandbox produces is pushed:
// REQUESTED, STARTING, CHARGING, PARKING, STOPPING, COMPLETED, CDR_AVAILABLE, REJECTED, TIMEOUT, CANCELLED.

const CLOCK_MS = 100;
const PUSH_TOKEN = 'example-ca-sandbox-push-token-0123';
const FINAL = new Set(['CDR_AVAILABLE', 'REJECTED', 'TIMEOUT', 'CANCELLED', 'ERROR']);

const sandbox = useSandbox({ chargeAssistClockMs: CLOCK_MS });
const fixtures = () => chargeAssistFixtures(sandbox().state);
const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function caPost(path: string, body: IDataObject): Promise<IDataObject> {
	const response = await request(`${sandbox().url}${path}`, {
		method: 'POST',
		headers: { authorization: `ApiKey ${KEYS.chargeAssist}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.body.json()) as IDataObject;
	if (response.statusCode !== 200)
		throw new Error(`${path}: ${response.statusCode} ${JSON.stringify(json)}`);
	return json;
}

async function sessionStatus(id: string): Promise<string> {
	const sessions = await sandboxControl<IDataObject[]>(
		sandbox(),
		'/__sandbox/chargeassist/sessions',
	);
	return String(sessions.find((s) => s.sessionId === id)?.status);
}

async function waitFor(
	what: string,
	done: () => Promise<boolean>,
	timeoutMs = 20_000,
): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
		await pause(CLOCK_MS / 2);
	}
}

/**
 * Four sessions that together go through every status the sandbox has: one charges until PARKING and is
 * stopped (→ STOPPING, COMPLETED, CDR_AVAILABLE), one is REJECTED, one times out, one is stopped before
 * charging (CANCELLED). Resolves once each is final, its final status was pushed and every push was answered.
 */
async function playSessions(): Promise<string[]> {
	const { appTokens, paymentMethods, evses } = fixtures();
	const start = async (evse: { locationId: string; evseUid: string }) =>
		String(
			(
				await caPost(`/session/start?appToken=${appTokens.demo}`, {
					locationId: evse.locationId,
					evseUid: evse.evseUid,
					paymentMethodId: paymentMethods.demoVisa!,
				})
			).chargeSessionId,
		);
	const stop = async (id: string) =>
		await caPost(`/session/stop?appToken=${appTokens.demo}`, { chargeSessionId: id });

	// Stopped at once, well before CHARGING (two clock steps after the start).
	const cancelled = await start(evses.dc!);
	await stop(cancelled);
	const charged = await start(evses.available!);
	const rejected = await start(evses.unavailable!);
	const timedOut = await start(evses.timeout!);
	await waitFor('PARKING', async () => (await sessionStatus(charged)) === 'PARKING');
	await stop(charged);
	const ids = [charged, rejected, timedOut, cancelled];
	await waitFor('final statuses', async () => {
		for (const id of ids) if (!FINAL.has(await sessionStatus(id))) return false;
		return true;
	});
	// The push timer notices a status a moment after the session reaches it: wait for each final push.
	await waitFor('final pushes, all answered', async () => {
		const records = await pushesOf(ids);
		const finalPushed = ids.every((id) =>
			records.some((r) => r.sessionId === id && FINAL.has(r.status)),
		);
		return finalPushed && records.every((r) => r.httpStatus !== undefined || r.error !== undefined);
	});
	return ids;
}

async function pushesOf(ids: string[]): Promise<PushRecord[]> {
	const records = await sandboxControl<PushRecord[]>(sandbox(), '/__sandbox/chargeassist/pushes');
	return records.filter((r) => ids.includes(r.sessionId));
}

/** Per session, in order: `status` of each push (records) or each item (trigger output). */
function bySession(
	entries: Array<{ sessionId: string; status: string }>,
): Record<string, string[]> {
	const grouped: Record<string, string[]> = {};
	for (const { sessionId, status } of entries) (grouped[sessionId] ??= []).push(status);
	return grouped;
}

async function withHost<T>(events: string[] | undefined, body: (host: TriggerHost) => Promise<T>) {
	const host = await startTriggerHost({
		token: PUSH_TOKEN,
		trigger: new GreenFluxChargeAssistTrigger(),
		...(events ? { parameters: { events } } : {}),
	});
	try {
		await sandboxControl(sandbox(), '/__sandbox/chargeassist/push-target', {
			url: `${host.webhookBase}/sessions`,
			token: PUSH_TOKEN,
		});
		return await body(host);
	} finally {
		await request(`${sandbox().url}/__sandbox/chargeassist/push-target`, { method: 'DELETE' });
		await host.close();
	}
}

describe('GreenFlux Charge Assist Trigger × the sandbox session pushes', () => {
	it('every event selected: one execution per push, items equal to the pushes, previousStatus chained', async () => {
		await withHost(undefined, async (host) => {
			const ids = await playSessions();
			const records = await pushesOf(ids);
			const statuses = new Set(records.map((r) => r.status));
			for (const status of ['REQUESTED', 'STARTING', 'CHARGING', 'PARKING', 'STOPPING'])
				expect(statuses).toContain(status);
			for (const status of ['COMPLETED', 'CDR_AVAILABLE', 'REJECTED', 'TIMEOUT', 'CANCELLED'])
				expect(statuses).toContain(status);
			expect(records.filter((r) => r.httpStatus !== 200)).toEqual([]);

			expect(host.executions.every((items) => items.length === 1)).toBe(true);
			const items = host.executions.map((execution) => execution[0]);
			expect(items).toHaveLength(records.length);
			expect(
				bySession(
					items.map((i) => ({ sessionId: String(i.chargeSessionId), status: String(i.status) })),
				),
			).toEqual(bySession(records));
			for (const item of items) {
				expect(item).toEqual(
					expect.objectContaining({
						event: eventOfStatus(String(item.status)),
						module: 'sessions',
						method: 'POST',
						object: expect.objectContaining({
							sessionId: item.chargeSessionId,
							status: item.status,
						}),
					}),
				);
			}
			// The sandbox pushes one session's statuses one after the other, so the memory sees each.
			for (const [sessionId, statuses] of Object.entries(bySession(records))) {
				const previous = items
					.filter((i) => i.chargeSessionId === sessionId)
					.map((i) => i.previousStatus);
				expect(previous).toEqual([null, ...statuses.slice(0, -1)]);
			}
			const charged = items.filter((i) => i.chargeSessionId === ids[0]);
			expect(charged.at(-1)).toEqual(
				expect.objectContaining({
					event: 'session.costs_available',
					object: expect.objectContaining({ totalCosts: expect.any(Number) }),
				}),
			);
		});
	});

	it('some events selected: their items equal exactly the pushes of those events; the others are acknowledged', async () => {
		const selected = ['session.charging', 'session.costs_available', 'session.failed'];
		await withHost(selected, async (host) => {
			const ids = await playSessions();
			const records = await pushesOf(ids);
			expect(records.filter((r) => r.httpStatus !== 200)).toEqual([]);
			expect(host.requests.map((r) => r.status)).toEqual(records.map(() => 200));
			const items = host.executions.flat();
			expect(items.every((i) => selected.includes(String(i.event)))).toBe(true);
			for (const event of selected) {
				const expected = records.filter((r) => eventOfStatus(r.status) === event);
				expect(expected.length).toBeGreaterThan(0);
				const got = items
					.filter((i) => i.event === event)
					.map((i) => ({ sessionId: String(i.chargeSessionId), status: String(i.status) }));
				expect(bySession(got)).toEqual(bySession(expected));
			}
			expect(
				items
					.filter((i) => i.event === 'session.failed')
					.map((i) => i.status)
					.sort(),
			).toEqual(['CANCELLED', 'REJECTED', 'TIMEOUT']);
		});
	});
});
