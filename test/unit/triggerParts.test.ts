import { describe, expect, it } from '@jest/globals';
import {
	NodeHelpers,
	NodeOperationError,
	Workflow,
	type ICredentialTestFunctions,
	type IHookFunctions,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookDescription,
} from 'n8n-workflow';

import { GreenFluxTrigger } from '../../nodes/GreenFluxTrigger/GreenFluxTrigger.node';
import {
	checkAuthorization,
	MIN_TOKEN_LENGTH,
	pushTokenProblem,
	tokenFromHeaders,
} from '../../nodes/shared/push/auth';
import { unwrapPushEnvelope } from '../../nodes/shared/push/body';
import { routePush, splitPushPath } from '../../nodes/shared/push/routing';
import { EVENT_OPTIONS, PUSH_EVENTS, PUSH_MODULES } from '../../nodes/GreenFluxTrigger/events';
import { PUSH_RULES, PUSH_URLS } from '../../nodes/GreenFluxTrigger/modules';
import { MAX_TRACKED_EVSES, PushTracker } from '../../nodes/GreenFluxTrigger/tracker';

const trigger = new GreenFluxTrigger();
const GOOD_TOKEN = 'example_Token.0123456789';

describe('push token rules (credential test and activation)', () => {
	const test = trigger.methods.credentialTest.greenFluxPushTokenTest;
	const run = async (token: unknown) =>
		await test.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'push',
			type: 'greenFluxPushApi',
			data: { token } as never,
		});

	it('accepts a long printable token without HTTP, and says how GreenFlux must send it', async () => {
		await expect(run(GOOD_TOKEN)).resolves.toEqual({
			status: 'OK',
			message: expect.stringContaining('"Authorization: Token <token>"'),
		});
	});

	it.each([
		['', /empty/],
		[undefined, /empty/],
		['short-token', /has 11 characters; use at least 16/],
		['has a space in the middle!', /space or line break/],
		[` ${GOOD_TOKEN}`, /space or line break/],
		[`${GOOD_TOKEN}\n`, /space or line break/],
		['tökén-with-ümlauts-0123', /ASCII/],
	])('refuses %j with a clear message', async (token, message) => {
		const result = await run(token);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(pushTokenProblem(token)).toMatch(message);
	});

	it('the minimum is 16 characters', () => {
		expect(MIN_TOKEN_LENGTH).toBe(16);
		expect(pushTokenProblem('x'.repeat(15))).toBeDefined();
		expect(pushTokenProblem('x'.repeat(16))).toBeUndefined();
	});

	it('the node declares the test on its credential entry (lint: credential-test-required)', () => {
		expect(trigger.description.credentials).toEqual([
			{ name: 'greenFluxPushApi', required: true, testedBy: 'greenFluxPushTokenTest' },
		]);
	});
});

describe('webhook lifecycle (GreenFlux configures pushes by hand)', () => {
	const hooks = (token: unknown) =>
		({
			getCredentials: async () => ({ token }),
			getNode: () => ({ name: 'GreenFlux Trigger' }) as INode,
		}) as unknown as IHookFunctions;

	it('checkExists passes with a usable token; create and delete have nothing to do', async () => {
		const { checkExists, create, delete: remove } = trigger.webhookMethods.default;
		await expect(checkExists.call(hooks(GOOD_TOKEN))).resolves.toBe(true);
		await expect(create.call(hooks(GOOD_TOKEN))).resolves.toBe(true);
		await expect(remove.call(hooks(GOOD_TOKEN))).resolves.toBe(true);
	});

	it('publishing (or listening for a test event) fails loudly when the token is unusable', async () => {
		const error = await trigger.webhookMethods.default.checkExists
			.call(hooks('short'))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(
			/^GreenFlux Push API credential: The push token has 5 characters/,
		);
	});
});

describe('Authorization header', () => {
	it('reads `Token <token>` (scheme case-insensitive); other forms give an empty token', () => {
		expect(tokenFromHeaders({ authorization: `Token ${GOOD_TOKEN}` })).toBe(GOOD_TOKEN);
		expect(tokenFromHeaders({ authorization: ` TOKEN\t${GOOD_TOKEN} ` })).toBe(GOOD_TOKEN);
		expect(tokenFromHeaders({ authorization: `Bearer ${GOOD_TOKEN}` })).toBe('');
		expect(tokenFromHeaders({ authorization: 'Token a b' })).toBe('');
		expect(tokenFromHeaders({})).toBeUndefined();
	});

	it('compares digests, so tokens of any length compare without throwing (timingSafeEqual needs equal lengths)', () => {
		expect(checkAuthorization({ authorization: 'Token x' }, GOOD_TOKEN)).toBe('invalid');
		expect(
			checkAuthorization({ authorization: `Token ${GOOD_TOKEN.repeat(50)}` }, GOOD_TOKEN),
		).toBe('invalid');
		expect(checkAuthorization({ authorization: `Token ${GOOD_TOKEN}` }, GOOD_TOKEN)).toBe('ok');
		expect(checkAuthorization({}, GOOD_TOKEN)).toBe('missing');
	});
});

describe('push paths', () => {
	const id = '0ad14bed-cf33-445b-8378-db0cc41a165b';

	it('takes the module from the segment after the webhookId, whatever the URL prefix', () => {
		expect(splitPushPath(`/webhook/${id}/sessions/NL/GFX/s1`, id, PUSH_MODULES)).toEqual({
			module: 'sessions',
			segments: ['NL', 'GFX', 's1'],
		});
		expect(splitPushPath(`/n8n/webhook-test/${id}/CDRS`, id, PUSH_MODULES)).toEqual({
			module: 'cdrs',
			segments: [],
		});
		expect(splitPushPath(`/webhook/${id}/`, id, PUSH_MODULES)).toBeUndefined();
		// without the webhookId in the path: the first segment naming a module
		expect(splitPushPath('/webhook/locations/NL/GFX/l1/e1', undefined, PUSH_MODULES)).toEqual({
			module: 'locations',
			segments: ['NL', 'GFX', 'l1', 'e1'],
		});
		expect(splitPushPath('/webhook/other/x', undefined, PUSH_MODULES)).toBeUndefined();
	});

	it('accepts exactly the GreenFlux URL shapes per module', () => {
		const ok = (method: string, path: string) =>
			!('httpStatus' in routePush(method, `/webhook/${id}${path}`, id, PUSH_RULES, PUSH_URLS));
		expect(ok('POST', '/cdrs')).toBe(true);
		expect(ok('PUT', '/sessions/NL/GFX/s')).toBe(true);
		expect(ok('PATCH', '/sessions/NL/GFX/s')).toBe(true);
		expect(ok('POST', '/sessions/NL/GFX/s')).toBe(false);
		for (const suffix of ['/NL/GFX/l', '/NL/GFX/l/e', '/NL/GFX/l/e/c']) {
			expect(ok('PUT', `/locations${suffix}`)).toBe(true);
			expect(ok('PATCH', `/locations${suffix}`)).toBe(true);
		}
		expect(ok('PATCH', '/locations/NL/GFX')).toBe(false);
		for (const suffix of ['', '/a', '/a/b', '/a/b/c'])
			expect(ok('PUT', `/notifications${suffix}`)).toBe(true);
		expect(ok('PUT', '/notifications/a/b/c/d')).toBe(false);
	});

	it('unwraps `{data}` envelopes only when nothing else is in the object', () => {
		expect(unwrapPushEnvelope({ data: [{ id: 1 }] })).toEqual([{ id: 1 }]);
		expect(
			unwrapPushEnvelope({
				data: { id: 1 },
				status_code: 1000,
				status_message: 'Success',
				timestamp: 't',
			}),
		).toEqual({ id: 1 });
		expect(unwrapPushEnvelope({ id: 'x', data: { a: 1 } })).toEqual({ id: 'x', data: { a: 1 } });
	});
});

describe('remembered state is bounded', () => {
	it('keeps the newest entries; touching an entry makes it newest', () => {
		const staticData = {};
		const tracker = new PushTracker(staticData, { evses: 3, locations: 2 });
		for (const uid of ['e1', 'e2', 'e3']) tracker.rememberEvseStatus('l', uid, 'AVAILABLE');
		tracker.rememberEvseStatus('l', 'e1', 'CHARGING');
		tracker.rememberEvseStatus('l', 'e4', 'OUTOFORDER');
		for (const location of ['10', '11', '12']) tracker.rememberLocation(location, 't');
		tracker.save();
		expect(staticData).toEqual({
			evseStatuses: { 'l/e3': 'AVAILABLE', 'l/e1': 'CHARGING', 'l/e4': 'OUTOFORDER' },
			knownLocations: { '11/': 't', '12/': 't' },
		});
		const reloaded = new PushTracker(staticData);
		expect(reloaded.evseStatus('l', 'e1')).toBe('CHARGING');
		expect(reloaded.evseStatus('l', 'e2')).toBeUndefined();
		expect(reloaded.knowsLocation('10')).toBe(false);
		expect(reloaded.knowsLocation('12')).toBe(true);
	});

	it('defaults to 2,000 EVSEs and ignores foreign values in static data', () => {
		expect(MAX_TRACKED_EVSES).toBe(2000);
		const staticData = {
			evseStatuses: { 'l/e1': 'AVAILABLE', 'l/e2': 7 },
			knownLocations: 'garbage',
		};
		const tracker = new PushTracker(staticData);
		expect(tracker.evseStatus('l', 'e1')).toBe('AVAILABLE');
		expect(tracker.evseStatus('l', 'e2')).toBeUndefined();
		tracker.save(); // nothing changed: static data untouched (n8n then has nothing to save)
		expect(staticData.knownLocations).toBe('garbage');
		const staticTotal = {};
		const big = new PushTracker(staticTotal);
		for (let i = 0; i < MAX_TRACKED_EVSES + 50; i++)
			big.rememberEvseStatus('l', `e${i}`, 'AVAILABLE');
		big.save();
		expect(Object.keys((staticTotal as { evseStatuses: object }).evseStatuses)).toHaveLength(
			MAX_TRACKED_EVSES,
		);
	});
});

describe('webhook descriptions as n8n 2.41 registers them', () => {
	const webhooks = trigger.description.webhooks as IWebhookDescription[];
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	const nodeWith = (webhookId: string): INode => ({
		id: webhookId,
		name: 'GreenFlux Trigger',
		type: 'n8n-nodes-greenflux.greenFluxTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId,
	});
	/** What n8n stores in webhook_entity.webhookPath for each description (WebhookService.getNodeWebhooks). */
	function registered(webhookId: string) {
		const node = nodeWith(webhookId);
		const workflow = new Workflow({
			id: 'wf1',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		return webhooks.flatMap((description) => {
			const rawPath = String(
				workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {}),
			);
			const path = NodeHelpers.getNodeWebhookPath(
				'wf1',
				node,
				rawPath,
				description.isFullPath === true,
			);
			const url = NodeHelpers.getNodeWebhookUrl(
				'https://n8n.example.com/webhook',
				'wf1',
				node,
				rawPath,
				description.isFullPath === true,
			);
			return String(description.httpMethod)
				.split(',')
				.map((method) => ({ method, path, url, description }));
		});
	}
	const A = '11111111-1111-4111-8111-111111111111';
	const B = '22222222-2222-4222-8222-222222222222';

	it('every description answers onReceived with the node writing its own response body', () => {
		for (const description of webhooks) {
			expect(description).toMatchObject({
				name: 'default',
				responseMode: 'onReceived',
				responseData: '',
			});
		}
	});

	it('the editor shows exactly the four base URLs to give GreenFlux (test and production alike)', () => {
		const visible = registered(A).filter((row) => !row.description.ndvHideUrl);
		expect(visible.map((row) => row.url)).toEqual([
			`https://n8n.example.com/webhook/${A}/cdrs`,
			`https://n8n.example.com/webhook/${A}/sessions`,
			`https://n8n.example.com/webhook/${A}/locations`,
			`https://n8n.example.com/webhook/${A}/notifications`,
		]);
	});

	it('path-parameter templates are unique per node, so two workflows never share a webhook_entity key', () => {
		const a = registered(A);
		const b = registered(B);
		const keys = (rows: typeof a) => rows.map((row) => `${row.method} ${row.path}`);
		expect(new Set(keys(a)).size).toBe(a.length);
		expect(keys(a).filter((key) => keys(b).includes(key))).toEqual([]);
		const dynamic = a.filter((row) => row.path.includes('/:'));
		expect(dynamic.length).toBe(11);
		for (const row of dynamic) {
			expect(row.description.isFullPath).toBe(true);
			expect(row.path.endsWith(`_${A}`)).toBe(true);
			expect(row.path.startsWith(A)).toBe(false); // isFullPath: no webhookId prefix, so the URL has it once
		}
	});

	it('every GreenFlux URL shape matches one template of the right module (n8n: webhookId + method + segment count, then most static segments)', () => {
		const rows = registered(A);
		// WebhookService.findCached: static row by exact path, else dynamic rows with the same webhookId,
		// method and segment count whose static segments all occur in the request (most static segments win).
		const match = (method: string, path: string) => {
			const exact = rows.find((row) => row.method === method && row.path === path);
			if (exact) return exact.path;
			const [uuid, ...segments] = path.split('/');
			const candidates = rows.filter(
				(row) =>
					row.path.includes('/:') &&
					uuid === A &&
					row.method === method &&
					row.path.split('/').length === segments.length,
			);
			const statics = (row: (typeof rows)[number]) =>
				row.path.split('/').filter((s) => !s.startsWith(':'));
			const eligible = candidates.filter((row) => statics(row).every((s) => segments.includes(s)));
			eligible.sort((x, y) => statics(y).length - statics(x).length);
			return eligible[0]?.path;
		};
		expect(match('POST', `${A}/cdrs`)).toBe(`${A}/cdrs`);
		expect(match('PUT', `${A}/notifications`)).toBe(`${A}/notifications`);
		expect(match('PUT', `${A}/sessions/NL/GFX/s1`)).toMatch(
			/^sessions\/:countryCode\/:partyId\/:sessionId_/,
		);
		expect(match('PATCH', `${A}/sessions/NL/GFX/s1`)).toMatch(/^sessions\//);
		expect(match('PUT', `${A}/locations/NL/GFX/l1`)).toMatch(
			/^locations\/:countryCode\/:partyId\/:locationId_/,
		);
		expect(match('PATCH', `${A}/locations/NL/GFX/l1/e1`)).toMatch(/^locations\/.*\/:evseUid_/);
		expect(match('PATCH', `${A}/locations/NL/GFX/l1/e1/c1`)).toMatch(/\/:connectorId_/);
		expect(match('PUT', `${A}/notifications/NL/GFX/n1`)).toMatch(
			/^notifications\/:segment1\/:segment2\/:segment3_/,
		);
		expect(match('PATCH', `${A}/notifications/NL/GFX/n1`)).toBeUndefined();
		expect(match('GET', `${A}/cdrs`)).toBeUndefined();
	});

	it('event options are sorted by name and cover every event once', () => {
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
		expect(EVENT_OPTIONS.map((option) => option.value).sort()).toEqual([...PUSH_EVENTS].sort());
	});
});
