import { describe, expect, it } from '@jest/globals';
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { bodyObjects } from '../../nodes/shared/push/body';
import { pushItem } from '../../nodes/shared/push/item';
import { PushMemory } from '../../nodes/shared/push/memory';
import { receivePush, type PushSpec } from '../../nodes/shared/push/receive';
import { answerLikeN8n, type RecordedResponse } from './n8nAnswer';

// A second, made-up push trigger built from the shared parts only: one module (`sessions`, POST or
// PUT on the base URL, a bare session or one in `{data}`), events by the session's `status`, the
// last status per session remembered in static data. Driven through receivePush with a fake
// IWebhookFunctions the way test/unit/trigger.test.ts drives the GreenFlux Trigger.

type Module = 'sessions';
type Event = 'session.started' | 'session.stopped';

const TOKEN = 'example-second-trigger-token-0123';
const WEBHOOK_ID = '7c4e2a10-5d6b-4f3e-9a8b-1c2d3e4f5a6b';

const spec: PushSpec<Module, Event> = {
	triggerName: 'Example Trigger',
	credential: { type: 'examplePushApi', displayName: 'Example Push API' },
	rules: { sessions: { methods: ['POST', 'PUT'], minSegments: 0, maxSegments: 0, suffix: '' } },
	urls: '<webhook URL>/sessions',
	objectsOf: (route, body) => bodyObjects(route.module, body, { name: 'session', many: false }),
	classify(route, [session], staticData, receivedAt) {
		const memory = new PushMemory(staticData, { lastStatus: 2 });
		const id = `session-${String(session.id)}`;
		const status = String(session.status);
		const previousStatus = memory.get('lastStatus', id) ?? null;
		memory.remember('lastStatus', id, status);
		memory.save();
		const event: Event = status === 'STOPPED' ? 'session.stopped' : 'session.started';
		return { items: [{ ...pushItem(route, receivedAt, session, event), previousStatus }] };
	},
	select(items) {
		const events = this.getNodeParameter('events', []) as string[];
		return items.filter((item) => events.includes(item.event));
	},
};

interface PushOptions {
	body?: unknown;
	contentType?: string;
	/** Authorization header value; default `Token <TOKEN>`; null = no header. */
	authorization?: string | null;
	credentialToken?: string;
	events?: Event[];
	staticData?: IDataObject;
}

interface PushResult {
	result: IWebhookResponseData;
	status?: number;
	answeredBy?: 'node' | 'n8n';
	headers: Record<string, string>;
	envelope: { status_code: number; status_message: string; timestamp: string };
	items: IDataObject[];
	request: IDataObject;
}

async function push(
	method: string,
	subPath: string,
	options: PushOptions = {},
): Promise<PushResult> {
	const text =
		options.body === undefined
			? ''
			: typeof options.body === 'string'
				? options.body
				: JSON.stringify(options.body);
	const contentType = options.contentType ?? 'application/json';
	const headers: Record<string, string> = { 'content-type': contentType };
	const authorization =
		options.authorization === undefined ? `Token ${TOKEN}` : options.authorization;
	if (authorization !== null) headers.authorization = authorization;
	const path = `/webhook/${WEBHOOK_ID}${subPath}`;
	const request: IDataObject = {
		method,
		path,
		url: path,
		headers,
		contentType,
		rawBody: Buffer.from(text, 'utf8'),
	};
	const bodyData =
		contentType === 'application/json' && text !== '' ? (JSON.parse(text) as unknown) : text;
	const parameters: IDataObject = {
		events: options.events ?? ['session.started', 'session.stopped'],
	};
	const staticData = options.staticData ?? {};
	const response: RecordedResponse = { status: undefined, headers: {}, body: undefined };
	const res = {
		headersSent: false,
		writeHead(status: number, responseHeaders: Record<string, string>) {
			response.status = status;
			response.headers = responseHeaders;
			res.headersSent = true;
		},
		end(body: string) {
			response.body = body;
		},
	};
	const fns = {
		getRequestObject: () => request,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: () => bodyData,
		getNode: () => ({ name: 'Example Trigger', parameters, webhookId: WEBHOOK_ID }),
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async (type: string) => {
			if (type !== 'examplePushApi') throw new Error(`unexpected credential ${type}`);
			return { token: options.credentialToken ?? TOKEN };
		},
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
	} as unknown as IWebhookFunctions;
	const result = await receivePush.call(fns, spec);
	answerLikeN8n(result, response, res.headersSent);
	return {
		result,
		status: response.status,
		answeredBy: response.answeredBy,
		headers: response.headers,
		envelope: JSON.parse(response.body ?? '') as PushResult['envelope'],
		items: (result.workflowData?.[0] ?? []).map((item: INodeExecutionData) => item.json),
		request,
	};
}

function expectRefused(outcome: PushResult, status: number, ocpiCode: number, message: RegExp) {
	expect(outcome.status).toBe(status);
	expect(outcome.answeredBy).toBe('node');
	expect(outcome.envelope.status_code).toBe(ocpiCode);
	expect(outcome.envelope.status_message).toMatch(message);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.result.workflowData).toBeUndefined();
}

/** Accepted: n8n answers (after registering the execution) HTTP 200 with the node's OCPI envelope. */
function expectSuccess(outcome: PushResult) {
	expect(outcome.status).toBe(200);
	expect(outcome.answeredBy).toBe('n8n');
	expect(outcome.result.webhookResponse).toEqual(outcome.envelope);
	expect(outcome.envelope).toEqual({
		status_code: 1000,
		status_message: 'Success',
		timestamp: expect.any(String),
	});
	expect(outcome.headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
	expect(outcome.result.noWebhookResponse).toBeUndefined();
}

describe('a second push trigger built from nodes/shared/push', () => {
	it('a selected event → one item with the shared fields and its own, static data remembered', async () => {
		const staticData: IDataObject = {};
		const started = await push('POST', '/sessions', {
			body: { id: 's1', status: 'ACTIVE' },
			staticData,
		});
		expectSuccess(started);
		expect(started.items).toEqual([
			{
				event: 'session.started',
				module: 'sessions',
				method: 'POST',
				receivedAt: expect.any(String),
				object: { id: 's1', status: 'ACTIVE' },
				previousStatus: null,
			},
		]);
		expect(staticData).toEqual({ lastStatus: { 'session-s1': 'ACTIVE' } });
		expect((started.request as Record<symbol, unknown>)[Symbol.for('n8n.consumedAuth')]).toEqual([
			'authorization',
		]);

		const stopped = await push('PUT', '/sessions', {
			body: { data: { id: 's1', status: 'STOPPED' } },
			staticData,
		});
		expectSuccess(stopped);
		expect(stopped.items).toEqual([
			expect.objectContaining({
				event: 'session.stopped',
				method: 'PUT',
				object: { id: 's1', status: 'STOPPED' },
				previousStatus: 'ACTIVE',
			}),
		]);
	});

	it('an unselected event is acknowledged (200) and starts nothing, but is still remembered', async () => {
		const staticData: IDataObject = {};
		const outcome = await push('PUT', '/sessions', {
			body: { id: 's2', status: 'ACTIVE' },
			events: ['session.stopped'],
			staticData,
		});
		expectSuccess(outcome);
		expect(outcome.result.workflowData).toBeUndefined();
		expect(staticData).toEqual({ lastStatus: { 'session-s2': 'ACTIVE' } });
	});

	it('without a token or with a wrong one → 401 + WWW-Authenticate, no execution', async () => {
		const missing = await push('POST', '/sessions', {
			body: { id: 's1', status: 'ACTIVE' },
			authorization: null,
		});
		expectRefused(missing, 401, 2000, /missing "Authorization: Token <push token>"/);
		expect(missing.headers['WWW-Authenticate']).toBe('Token');
		const wrong = await push('POST', '/sessions', {
			body: { id: 's1', status: 'ACTIVE' },
			authorization: 'Token not-the-right-token-00000',
		});
		expectRefused(wrong, 401, 2000, /invalid push token/);
		expect(wrong.headers['WWW-Authenticate']).toBe('Token');
	});

	it('a credential without a token → 500 naming this trigger and its credential', async () => {
		expectRefused(
			await push('POST', '/sessions', { body: { id: 's1' }, credentialToken: '' }),
			500,
			3000,
			/^The Example Trigger has no push token: set one in its Example Push API credential$/,
		);
	});

	it('bodies: not JSON → 400; more than one session → 400 naming the module', async () => {
		expectRefused(
			await push('POST', '/sessions', { body: '{broken', contentType: 'text/plain' }),
			400,
			2001,
			/not valid JSON/,
		);
		expectRefused(
			await push('POST', '/sessions', { body: [{ id: 'a' }, { id: 'b' }] }),
			400,
			2001,
			/^A sessions push carries one session object, not an array of 2$/,
		);
	});

	it('routing by its own rules: other modules and extra segments → 404, other methods → 405', async () => {
		const body = { id: 's1', status: 'ACTIVE' };
		expectRefused(
			await push('POST', '/cdrs', { body }),
			404,
			2000,
			/the trigger receives <webhook URL>\/sessions$/,
		);
		expectRefused(
			await push('PUT', '/sessions/NL/GFX/s1', { body }),
			404,
			2000,
			/expected nothing after \/sessions/,
		);
		expectRefused(
			await push('PATCH', '/sessions', { body }),
			405,
			2000,
			/sessions pushes use POST or PUT, not PATCH/,
		);
	});
});

describe('PushMemory', () => {
	it('keeps each map bounded, newest last, and saves only after a change', () => {
		const staticData: IDataObject = { a: { x: '1', y: 2 }, b: 'garbage' };
		const memory = new PushMemory(staticData, { a: 2, b: 1 });
		expect(memory.get('a', 'x')).toBe('1');
		expect(memory.has('a', 'y')).toBe(false);
		expect(memory.has('a', 'constructor')).toBe(false);
		memory.save();
		expect(staticData.b).toBe('garbage');
		memory.remember('a', 'z', '3');
		memory.remember('a', 'x', '4');
		memory.remember('a', 'w', '5');
		memory.remember('b', 'k', 'v');
		memory.save();
		expect(staticData).toEqual({ a: { x: '4', w: '5' }, b: { k: 'v' } });
		expect(Object.keys(staticData.a as IDataObject)).toEqual(['x', 'w']);
	});
});
