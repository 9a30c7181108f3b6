import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { chargeAssistFixtures } from '../sandbox/chargeAssist/fixtures';
import { KEYS, runChargeAssist, serialised, useSandbox } from './helpers';

const sandbox = useSandbox({ chargeAssistClockMs: 200, scale: 2 });
const fixtures = () => chargeAssistFixtures(sandbox().state);

/** The sandbox's /locations list, walked page by page with the continuationToken header (no node involved). */
async function locationsByHand(query = ''): Promise<{ items: IDataObject[]; pages: number }> {
	const items: IDataObject[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const response = await request(`${sandbox().url}/locations${query}`, {
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
		token =
			body.meta.hasMoreData === false ? undefined : (body.meta.continuationToken ?? undefined);
	} while (token);
	return { items, pages };
}

describe('GreenFlux Charge Assist node (Charge Assist profile)', () => {
	it('Service Status › Get: available while GreenFlux answers 200', async () => {
		const run = await runChargeAssist(sandbox(), { resource: 'serviceStatus', operation: 'get' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ available: true, httpCode: 200 })]);
	});

	it('Service Status › Get: a 503 is an output (available false), asked once, not retried', async () => {
		sandbox().faults.add({ kind: 'status', status: 503, path: '/servicestatus', times: 1 });
		const run = await runChargeAssist(sandbox(), { resource: 'serviceStatus', operation: 'get' });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ available: false, httpCode: 503 })]);
		expect(run.requests).toHaveLength(1);
	});

	it('Location › Get Many: Return All follows meta.continuationToken in the request header over every page', async () => {
		const expected = await locationsByHand();
		expect(expected.pages).toBeGreaterThanOrEqual(3);
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(expected.items);
		expect(run.requests).toHaveLength(expected.pages);
		expect(run.requests.every((r) => r.path === '/locations' && r.status === 200)).toBe(true);
	});

	it('Location › Get Many: Limit stops after the page that reaches it', async () => {
		const expected = await locationsByHand();
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			limit: 30,
		});
		expect(run.json).toEqual(expected.items.slice(0, 30));
		expect(run.requests).toHaveLength(2);
	});

	it('Location › Get Many: Location IDs go as a repeated filter.locationIds parameter', async () => {
		const all = (await locationsByHand()).items;
		const ids = [String(all[4].id), String(all[9].id)];
		const run = await runChargeAssist(sandbox(), {
			resource: 'location',
			operation: 'getAll',
			returnAll: true,
			filters: { locationIds: ids.join(', ') },
		});
		expect(run.error).toBeUndefined();
		expect(run.json.map((l) => l.id).sort()).toEqual([...ids].sort());
	});

	it('Session › Start answers the new session ID, and the sandbox holds the session', async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			expect.objectContaining({
				chargeSessionId: expect.any(String),
				nextStatusCall: expect.any(String),
			}),
		]);
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/session/start',
				query: { appToken: appTokens.demo },
				status: 200,
			}),
		]);
		const sessions = (await (
			await request(`${sandbox().url}/__sandbox/chargeassist/sessions?appToken=${appTokens.demo}`)
		).body.json()) as IDataObject[];
		expect(sessions.map((s) => s.sessionId)).toContain(run.json[0].chargeSessionId);
	});

	it("Session › Start: a Charge Assist validation error carries GreenFlux's message and code (v1)", async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.demo,
			locationId: evses.available!.locationId,
			evseUid: 'NO-SUCH-EVSE',
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error?.message).toBe(
			"GreenFlux answered HTTP 400 to POST /session/start: The request is not valid. 'evseUid' NO-SUCH-EVSE is not an EVSE of this location. (code NOT_FOUND)",
		);
		expect(run.requests).toHaveLength(1);
	});

	it('Session › Start on v2.1: the ValidationResponseV2 message and code are surfaced', async () => {
		const { appTokens, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			apiVersion: '2.1',
			appToken: appTokens.demo,
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
			paymentMethodId: 'no-such-payment-method',
		});
		expect(run.requests.map((r) => r.path)).toEqual(['/v2.1/session/start']);
		expect(run.error?.message).toBe(
			"GreenFlux answered HTTP 400 to POST /v2.1/session/start: 'paymentMethodId' no-such-payment-method is not in the wallet of this app token. (code NOT_FOUND) [paymentMethodId]",
		);
	});

	it('Session › Start with an app token GreenFlux does not know says to register it first (404)', async () => {
		const { appTokens, paymentMethods, evses } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: appTokens.unregistered,
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error?.message).toMatch(
			/^GreenFlux found nothing at POST \/session\/start \(HTTP 404\)/,
		);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/register the app token first/,
		);
	});

	it('a wrong Charge Assist key is a 401 naming the Charge Assist credential, without the key', async () => {
		const run = await runChargeAssist(
			sandbox(),
			{ resource: 'serviceStatus', operation: 'get' },
			{ key: KEYS.wrong },
		);
		expect(run.error?.message).toBe(`Key rejected by the custom URL (${sandbox().url}) (HTTP 401)`);
		expect(String((run.error as { description?: string }).description)).toMatch(
			/"GreenFlux Charge Assist API" credential/,
		);
		expect(serialised(run.error)).not.toContain(KEYS.wrong);
	});

	it('a missing app token fails before any request', async () => {
		const { evses, paymentMethods } = fixtures();
		const run = await runChargeAssist(sandbox(), {
			resource: 'session',
			operation: 'start',
			appToken: '={{ "" }}',
			locationId: evses.available!.locationId,
			evseUid: evses.available!.evseUid,
			paymentMethodId: paymentMethods.demoVisa!,
		});
		expect(run.error?.message).toBe('App Token: is required');
		expect(run.requests).toHaveLength(0);
	});
});
