import { describe, expect, it } from '@jest/globals';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { GreenFluxChargeAssistTrigger } from '../../nodes/GreenFluxChargeAssistTrigger/GreenFluxChargeAssistTrigger.node';
import { CA_PUSH_EVENTS, STATUS_EVENTS } from '../../nodes/GreenFluxChargeAssistTrigger/events';
import { answerLikeN8n, type RecordedResponse } from './n8nAnswer';

// A hand-written IWebhookFunctions fake, as in trigger.test.ts: the request as n8n 2.41 hands it to
// webhook() (express request with `path`, lower-cased headers, `rawBody` and `contentType`;
// getBodyData() = what n8n's parseBody made of the body).

const TOKEN = 'example-ca-push-token-0123456789';
const WEBHOOK_ID = '0f6c2a4e-9b1d-4c3e-8e57-ca0000000001';
const trigger = new GreenFluxChargeAssistTrigger();
const defaults = Object.fromEntries(trigger.description.properties.map((p) => [p.name, p.default]));

interface PushOptions {
	body?: unknown;
	contentType?: string | null;
	/** Authorization header value; default `Token <TOKEN>`; null = no header. */
	authorization?: string | null;
	credentialToken?: string;
	parameters?: IDataObject;
	staticData?: IDataObject;
}

interface PushResult {
	result: IWebhookResponseData;
	status?: number;
	answeredBy?: 'node' | 'n8n';
	headers: Record<string, string>;
	envelope?: { status_code: number; status_message: string; timestamp: string };
	items: IDataObject[];
	staticData: IDataObject;
	logs: string[];
}

function parsedBody(text: string, contentType: string): unknown {
	if (text.length === 0) return undefined;
	if (contentType === 'application/json') return JSON.parse(text) as unknown;
	if (contentType === 'text/plain') return text;
	return undefined;
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
	const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
	const headers: Record<string, string> = {};
	if (contentType !== null) headers['content-type'] = contentType;
	const authorization =
		options.authorization === undefined ? `Token ${TOKEN}` : options.authorization;
	if (authorization !== null) headers.authorization = authorization;
	const mediaType = contentType?.split(';')[0].trim();
	const request = {
		method,
		path: `/webhook/${WEBHOOK_ID}${subPath}`,
		url: `/webhook/${WEBHOOK_ID}${subPath}`,
		headers,
		contentType: mediaType,
		rawBody: Buffer.from(text, 'utf8'),
	};
	const staticData = options.staticData ?? {};
	const parameters = { ...defaults, ...options.parameters };
	const response: RecordedResponse = { status: undefined, headers: {}, body: undefined };
	const res = {
		headersSent: false,
		writeHead(status: number, responseHeaders: Record<string, string>) {
			response.status = status;
			response.headers = responseHeaders;
			this.headersSent = true;
		},
		end(body: string) {
			response.body = body;
		},
	};
	const logs: string[] = [];
	const log = (message: string) => {
		logs.push(message);
	};
	const fns = {
		logger: { error: log, warn: log, info: log, debug: log },
		getWorkflow: () => ({ id: 'wf-ca', name: 'CA pushes', active: true }),
		getRequestObject: () => request,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: () => parsedBody(text, mediaType ?? ''),
		getParamsData: () => ({}),
		getQueryData: () => ({}),
		getWebhookName: () => 'default',
		getMode: () => 'webhook',
		getNode: () => ({
			id: 'n1',
			name: 'GreenFlux Charge Assist Trigger',
			type: 'n8n-nodes-greenflux.greenFluxChargeAssistTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters,
			webhookId: WEBHOOK_ID,
		}),
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async (type: string) => {
			if (type !== 'greenFluxPushApi') throw new Error(`unexpected credential ${type}`);
			return { token: options.credentialToken ?? TOKEN };
		},
		getWorkflowStaticData: () => staticData,
	} as unknown as IWebhookFunctions;
	const result = await trigger.webhook.call(fns);
	answerLikeN8n(result, response, res.headersSent);
	return {
		result,
		status: response.status,
		answeredBy: response.answeredBy,
		headers: response.headers,
		envelope: response.body === undefined ? undefined : JSON.parse(response.body),
		items: (result.workflowData?.[0] ?? []).map((item: INodeExecutionData) => item.json),
		staticData,
		logs,
	};
}

/** A StatusResponse as GET /session/status answers it. */
const status = (
	value: string,
	sessionId = 'be7da89d-e68e-47b1-a8ed-ef2fe372fe82',
): IDataObject => ({
	sessionId,
	appToken: 'ca-demo-driver',
	externalSessionId: null,
	locationId: 'nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
	evseUid: 'NL-CAT-ECAT2LZ-1',
	connectorId: '1',
	status: value,
	energyInKwh: value === 'CHARGING' ? 1.25 : null,
	totalCosts: value === 'CDR_AVAILABLE' ? 2.17 : null,
	error: value === 'REJECTED' ? 'EVSE_NOT_AVAILABLE' : null,
});

/** Accepted: n8n answers (after registering the execution) HTTP 200 with the node's OCPI envelope. */
function expectAccepted(outcome: PushResult) {
	expect(outcome.status).toBe(200);
	expect(outcome.answeredBy).toBe('n8n');
	expect(outcome.result.webhookResponse).toEqual(outcome.envelope);
	expect(outcome.envelope).toEqual({
		status_code: 1000,
		status_message: 'Success',
		timestamp: expect.any(String),
	});
	expect(outcome.result.noWebhookResponse).toBeUndefined();
}

function expectRefused(outcome: PushResult, httpStatus: number, message: RegExp) {
	expect(outcome.status).toBe(httpStatus);
	expect(outcome.answeredBy).toBe('node');
	expect(outcome.envelope?.status_message).toMatch(message);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.items).toEqual([]);
}

describe('GreenFlux Charge Assist Trigger: one event per session status', () => {
	const cases: Array<[string, string]> = [
		['REQUESTED', 'session.requested'],
		['STARTING', 'session.started'],
		['CHARGING', 'session.charging'],
		['PARKING', 'session.parking'],
		['STOPPING', 'session.stopping'],
		['COMPLETED', 'session.completed'],
		['CDR_AVAILABLE', 'session.costs_available'],
		['REJECTED', 'session.failed'],
		['TIMEOUT', 'session.failed'],
		['CANCELLED', 'session.failed'],
		['ERROR', 'session.failed'],
		['WAITING_FOR_CAR', 'session.other_status'],
	];

	it.each(cases)('%s → %s, HTTP 200, the object as sent', async (value, event) => {
		const object = status(value);
		const outcome = await push('POST', '/sessions', { body: object });
		expectAccepted(outcome);
		expect(outcome.items).toEqual([
			{
				event,
				module: 'sessions',
				method: 'POST',
				receivedAt: expect.any(String),
				object,
				chargeSessionId: object.sessionId,
				status: value,
				previousStatus: null,
			},
		]);
		expect(Date.parse(String(outcome.items[0].receivedAt))).not.toBeNaN();
	});

	it('every status of the OpenAPI enum has its event, and every event is selectable and selected by default', () => {
		expect(Object.keys(STATUS_EVENTS).sort()).toEqual(
			[
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
			].sort(),
		);
		expect(defaults.events).toEqual([...CA_PUSH_EVENTS]);
		const options = trigger.description.properties.find((p) => p.name === 'events')!.options!;
		expect(options.map((o) => (o as { value: string }).value).sort()).toEqual(
			[...CA_PUSH_EVENTS].sort(),
		);
	});

	it('a status in lower case is read in upper case; chargeSessionId is also accepted as the ID', async () => {
		const outcome = await push('PUT', '/sessions', {
			body: { chargeSessionId: 'cs-1', status: 'charging' },
		});
		expectAccepted(outcome);
		expect(outcome.items[0]).toEqual(
			expect.objectContaining({
				event: 'session.charging',
				method: 'PUT',
				chargeSessionId: 'cs-1',
				status: 'CHARGING',
			}),
		);
	});
});

describe('bodies: bare, wrapped in data, POST or PUT', () => {
	it('a body wrapped in {data} (with or without envelope fields) is the same push as a bare one', async () => {
		const object = status('CHARGING');
		const bare = await push('POST', '/sessions', { body: object });
		const wrapped = await push('PUT', '/sessions', { body: { data: object } });
		const enveloped = await push('POST', '/sessions', {
			body: { data: object, status_code: 1000, timestamp: '2026-11-01T10:00:00Z' },
		});
		const oneElementArray = await push('POST', '/sessions', { body: { data: [object] } });
		for (const outcome of [bare, wrapped, enveloped, oneElementArray]) {
			expectAccepted(outcome);
			expect(outcome.items).toEqual([
				expect.objectContaining({ event: 'session.charging', object, status: 'CHARGING' }),
			]);
		}
		expect(wrapped.items[0].method).toBe('PUT');
	});

	it('a JSON body sent as text/plain or without a content type is read from the raw body', async () => {
		for (const contentType of ['text/plain', null]) {
			const outcome = await push('POST', '/sessions', { body: status('PARKING'), contentType });
			expectAccepted(outcome);
			expect(outcome.items[0].event).toBe('session.parking');
		}
	});
});

describe('previousStatus from the trigger memory', () => {
	it("follows each session's statuses; other sessions do not interfere", async () => {
		const staticData: IDataObject = {};
		const sequence = [
			'REQUESTED',
			'STARTING',
			'CHARGING',
			'STOPPING',
			'COMPLETED',
			'CDR_AVAILABLE',
		];
		const seen: Array<[unknown, unknown]> = [];
		for (const value of sequence) {
			const outcome = await push('POST', '/sessions', { body: status(value, 's-a'), staticData });
			await push('POST', '/sessions', { body: status('REJECTED', 's-b'), staticData });
			seen.push([outcome.items[0].previousStatus, outcome.items[0].status]);
		}
		expect(seen).toEqual([
			[null, 'REQUESTED'],
			['REQUESTED', 'STARTING'],
			['STARTING', 'CHARGING'],
			['CHARGING', 'STOPPING'],
			['STOPPING', 'COMPLETED'],
			['COMPLETED', 'CDR_AVAILABLE'],
		]);
		expect(Object.keys(staticData.sessionStatuses as IDataObject)).toEqual(['s-a/', 's-b/']);
	});

	it('pushes of events not selected still update the memory', async () => {
		const staticData: IDataObject = {};
		const parameters = { events: ['session.costs_available'] };
		const first = await push('POST', '/sessions', {
			body: status('COMPLETED', 's-c'),
			staticData,
			parameters,
		});
		expect(first.items).toEqual([]);
		const second = await push('POST', '/sessions', {
			body: status('CDR_AVAILABLE', 's-c'),
			staticData,
			parameters,
		});
		expect(second.items[0]).toEqual(expect.objectContaining({ previousStatus: 'COMPLETED' }));
	});
});

describe('event filter', () => {
	it('a push of an event that is not selected is acknowledged (200) without an execution', async () => {
		const parameters = { events: ['session.completed', 'session.failed'] };
		const charging = await push('POST', '/sessions', { body: status('CHARGING'), parameters });
		expectAccepted(charging);
		expect(charging.result.workflowData).toBeUndefined();
		const failed = await push('POST', '/sessions', { body: status('TIMEOUT'), parameters });
		expectAccepted(failed);
		expect(failed.items.map((i) => i.event)).toEqual(['session.failed']);
	});

	it('no event selected: every push is acknowledged, none starts the workflow', async () => {
		const outcome = await push('POST', '/sessions', {
			body: status('REQUESTED'),
			parameters: { events: [] },
		});
		expectAccepted(outcome);
		expect(outcome.result.workflowData).toBeUndefined();
	});
});

describe('refusals: 401, 400, 404, 405, 500 without an execution', () => {
	it('wrong token, missing header, other scheme → 401 with WWW-Authenticate', async () => {
		for (const authorization of [
			'Token wrong-token-0123456789',
			null,
			`Bearer ${TOKEN}`,
			'Token',
		]) {
			const outcome = await push('POST', '/sessions', { body: status('CHARGING'), authorization });
			expectRefused(outcome, 401, /^Unauthorized/);
			expect(outcome.headers).toEqual(expect.objectContaining({ 'WWW-Authenticate': 'Token' }));
			expect(outcome.logs.join('\n')).not.toContain(TOKEN);
		}
	});

	it('the token is checked before anything else: a bad body with a wrong token is a 401', async () => {
		const outcome = await push('POST', '/nowhere', {
			body: '{not json',
			contentType: 'text/plain',
			authorization: 'Token nope-nope-nope-nope',
		});
		expectRefused(outcome, 401, /invalid push token/);
	});

	const malformed: Array<[string, PushOptions, RegExp]> = [
		['invalid JSON', { body: '{"sessionId": "x", ', contentType: 'text/plain' }, /not valid JSON/],
		['an empty body', { body: undefined }, /empty/],
		['a JSON string', { body: '"CHARGING"', contentType: 'text/plain' }, /JSON object/],
		[
			'two status objects',
			{ body: [status('CHARGING', 'a'), status('CHARGING', 'b')] },
			/one Charge Assist session status object, not an array of 2/,
		],
		['no status', { body: { sessionId: 's-1' } }, /with sessionId and status/],
		['no session ID', { body: { status: 'CHARGING' } }, /with sessionId and status/],
		[
			'a status that is not text',
			{ body: { sessionId: 's-1', status: 3 } },
			/with sessionId and status/,
		],
		[
			'data holding a list of numbers',
			{ body: { data: [1, 2] } },
			/must be a Charge Assist session status object/,
		],
	];
	it.each(malformed)('malformed body (%s) → 400', async (_name, options, message) => {
		const outcome = await push('POST', '/sessions', options);
		expectRefused(outcome, 400, message);
		expect(outcome.envelope?.status_code).toBe(2001);
	});

	it('another URL → 404 naming the one URL the trigger receives', async () => {
		for (const path of ['/cdrs', '/']) {
			const outcome = await push('POST', path, { body: status('CHARGING') });
			expectRefused(outcome, 404, /the trigger receives <webhook URL>\/sessions$/);
		}
		const appended = await push('POST', '/sessions/NL/GFX/abc', { body: status('CHARGING') });
		expectRefused(appended, 404, /expected nothing after \/sessions$/);
	});

	it('PATCH, GET or DELETE → 405 naming POST or PUT', async () => {
		for (const method of ['PATCH', 'GET', 'DELETE']) {
			const outcome = await push(method, '/sessions', { body: status('CHARGING') });
			expectRefused(outcome, 405, /use POST or PUT, not /);
		}
	});

	it('no push token in the credential → 500 saying so', async () => {
		const outcome = await push('POST', '/sessions', {
			body: status('CHARGING'),
			credentialToken: '',
		});
		expectRefused(outcome, 500, /has no push token/);
	});
});

describe('node description, credential test and webhook lifecycle', () => {
	it('is a trigger named as n8n wants, with one URL for POST and PUT', () => {
		const { description } = trigger;
		expect(description.name).toBe('greenFluxChargeAssistTrigger');
		expect(description.displayName).toBe('GreenFlux Charge Assist Trigger');
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([
			{ name: 'greenFluxPushApi', required: true, testedBy: 'greenFluxPushTokenTest' },
		]);
		expect(description.webhooks?.map((w) => [w.httpMethod, w.path, w.isFullPath ?? false])).toEqual(
			[
				['POST', 'sessions', false],
				['PUT', 'sessions', false],
			],
		);
		const notice = String(description.properties.find((p) => p.type === 'notice')?.displayName);
		expect(notice).toMatch(/Production URL/);
		expect(notice).toMatch(/Authorization: Token/);
		expect(notice).toMatch(/publishes no format/);
		expect(notice).toMatch(/POST or PUT, bare or wrapped in "data"/);
	});

	it('the credential test checks the token format only', async () => {
		const test = trigger.methods.credentialTest.greenFluxPushTokenTest;
		const run = async (token: string) =>
			await test.call(
				{} as ICredentialTestFunctions,
				{
					data: { token },
				} as unknown as ICredentialsDecrypted,
			);
		expect((await run(TOKEN)).status).toBe('OK');
		expect(await run('short')).toEqual({
			status: 'Error',
			message: expect.stringMatching(/at least 16/),
		});
	});

	it('checkExists fails loudly on an unusable token; create and delete have nothing to do', async () => {
		const hooks = (token: string) =>
			({
				getCredentials: async () => ({ token }),
				getNode: () => ({ name: 'GreenFlux Charge Assist Trigger' }),
			}) as unknown as IHookFunctions;
		const methods = trigger.webhookMethods.default;
		await expect(methods.checkExists.call(hooks(TOKEN))).resolves.toBe(true);
		await expect(methods.checkExists.call(hooks('has space in it 0123'))).rejects.toThrow(
			/GreenFlux Push API credential: The push token contains a space/,
		);
		await expect(methods.create.call(hooks(TOKEN))).resolves.toBe(true);
		await expect(methods.delete.call(hooks(TOKEN))).resolves.toBe(true);
	});
});
