import { beforeEach, describe, expect, it } from '@jest/globals';
import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { GreenFluxTrigger } from '../../nodes/GreenFluxTrigger/GreenFluxTrigger.node';
import { PUSH_EVENTS } from '../../nodes/GreenFluxTrigger/events';
import { answerLikeN8n, type RecordedResponse } from './n8nAnswer';

// A hand-written IWebhookFunctions fake (the pattern of n8n's testWebhookTriggerNode, without
// jest-mock-extended): the request is built the way n8n 2.41 hands it to webhook() — express request
// with `path`, lower-cased headers, `rawBody` (Buffer) and `contentType`, and getBodyData() = what
// n8n's parseBody made of the body (JSON for application/json, text for text/plain, a form object for
// application/x-www-form-urlencoded, nothing otherwise).

const TOKEN = 'example-push-token-0123456789';
const WEBHOOK_ID = '5b0c3c7e-8f3a-4d61-9d3e-2a7c1f00beef';
const trigger = new GreenFluxTrigger();
const defaults = Object.fromEntries(trigger.description.properties.map((p) => [p.name, p.default]));

interface PushOptions {
	/** Body text as sent on the wire (objects are JSON-encoded). */
	body?: unknown;
	contentType?: string | null;
	/** Authorization header value; default `Token <TOKEN>`; null = no header. */
	authorization?: string | null;
	credentialToken?: string;
	parameters?: IDataObject;
	staticData?: IDataObject;
	/** Skip the raw body (like a fake that only offers getBodyData()). */
	noRawBody?: boolean;
	/** What getParamsData() reports (the handler must not depend on it). */
	params?: IDataObject;
	/** URL prefix before the webhookId (`/webhook` live, `/webhook-test` test URL). */
	prefix?: string;
}

interface PushResult {
	result: IWebhookResponseData;
	status?: number;
	/** Who wrote the answer: the node (refusals) or n8n (accepted pushes, see answerLikeN8n). */
	answeredBy?: 'node' | 'n8n';
	responseHeaders: Record<string, string>;
	envelope?: { status_code: number; status_message: string; timestamp: string };
	items: IDataObject[];
	staticData: IDataObject;
	request: IDataObject;
	/** What the node logged through n8n's logger (`this.logger`). */
	logs: LogEntry[];
}

interface LogEntry {
	level: string;
	message: string;
	metadata?: IDataObject;
}

function n8nParsedBody(text: string, contentType: string): unknown {
	if (text.length === 0) return undefined;
	if (contentType === 'application/json') return JSON.parse(text.replace(/^\ufeff/, '')) as unknown; // n8n strips a BOM too
	if (contentType === 'text/plain') return text;
	if (contentType === 'application/x-www-form-urlencoded')
		return Object.fromEntries(new URLSearchParams(text));
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
	const request: IDataObject = {
		method,
		path: `${options.prefix ?? '/webhook'}/${WEBHOOK_ID}${subPath}`,
		url: `${options.prefix ?? '/webhook'}/${WEBHOOK_ID}${subPath}`,
		headers,
		contentType: mediaType,
	};
	if (!options.noRawBody) request.rawBody = Buffer.from(text, 'utf8');
	const bodyData =
		options.noRawBody && typeof options.body === 'object'
			? options.body
			: n8nParsedBody(text, mediaType ?? '');
	const staticData = options.staticData ?? {};
	const parameters = { ...defaults, ...options.parameters };
	const response: RecordedResponse & { headersSent: boolean } = {
		status: undefined,
		headers: {},
		body: undefined,
		headersSent: false,
	};
	const res = {
		get headersSent() {
			return response.headersSent;
		},
		writeHead(status: number, responseHeaders: Record<string, string>) {
			response.status = status;
			response.headers = responseHeaders;
			response.headersSent = true;
		},
		end(body: string) {
			response.body = body;
		},
	};
	const logs: LogEntry[] = [];
	const log =
		(level: string) =>
		(message: string, metadata?: IDataObject): void => {
			logs.push({ level, message, metadata });
		};
	const fns = {
		logger: {
			error: log('error'),
			warn: log('warn'),
			info: log('info'),
			debug: log('debug'),
		},
		getWorkflow: () => ({ id: 'wf-1', name: 'Pushes', active: true }),
		getRequestObject: () => request,
		getResponseObject: () => res,
		getHeaderData: () => headers,
		getBodyData: () => bodyData,
		getParamsData: () => options.params ?? {},
		getQueryData: () => ({}),
		getWebhookName: () => 'default',
		getMode: () => 'webhook',
		getNode: () => ({
			id: 'n1',
			name: 'GreenFlux Trigger',
			type: 'n8n-nodes-greenflux.greenFluxTrigger',
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
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
	} as unknown as IWebhookFunctions;
	const result = await trigger.webhook.call(fns);
	answerLikeN8n(result, response, response.headersSent);
	const items = (result.workflowData?.[0] ?? []).map((item: INodeExecutionData) => item.json);
	return {
		result,
		status: response.status,
		answeredBy: response.answeredBy,
		responseHeaders: response.headers,
		envelope:
			response.body === undefined
				? undefined
				: (JSON.parse(response.body) as PushResult['envelope']),
		items,
		staticData,
		request,
		logs,
	};
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
	expect(Date.parse(outcome.envelope!.timestamp)).not.toBeNaN();
	expect(outcome.result.noWebhookResponse).toBeUndefined();
	expect(outcome.responseHeaders['Content-Type']).toMatch(/^application\/json/);
}

function expectRefused(outcome: PushResult, status: number, ocpiCode: number, message: RegExp) {
	expect(outcome.status).toBe(status);
	expect(outcome.answeredBy).toBe('node');
	expect(outcome.envelope?.status_code).toBe(ocpiCode);
	expect(outcome.envelope?.status_message).toMatch(message);
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.result.workflowData).toBeUndefined();
}

const session = {
	id: 'NLGFX637561499213897595-ef07d',
	start_datetime: '2026-10-30T08:00:00Z',
	end_datetime: null,
	kwh: 0,
	auth_id: 'NL*GFX*0dd6AE*6',
	auth_method: 'WHITELIST',
	location: { id: 'loc-1', evses: [{ uid: 'NL-GFX-E0001-1', status: 'CHARGING' }] },
	meter_id: null,
	currency: 'EUR',
	charging_periods: null,
	status: 'ACTIVE',
	last_updated: '2026-10-30T08:00:00Z',
};
const SESSION_PATH = `/sessions/NL/GFX/${session.id}`;
const location = {
	id: 'loc-1',
	type: 'ON_STREET',
	name: 'Utrecht Oudegracht 12',
	address: 'Oudegracht 12',
	city: 'Utrecht',
	postal_code: '3511 AB',
	country: 'NLD',
	coordinates: { latitude: '52.090000', longitude: '5.120000' },
	evses: [
		{
			uid: 'NL-GFX-E0001-1',
			status: 'AVAILABLE',
			connectors: [{ id: '1', standard: 'IEC_62196_T2' }],
		},
		{
			uid: 'NL-GFX-E0001-2',
			status: 'OUTOFORDER',
			connectors: [{ id: '1', standard: 'IEC_62196_T2' }],
		},
	],
	last_updated: '2026-10-30T08:00:00Z',
};
const notification = (level: string, action: string, extra: IDataObject = {}) => ({
	charge_station_notification_id: `${action}-${level}`,
	charge_station_id: 'GFX-CS-0001',
	location_id: 'loc-1',
	evse_id: 'NL-GFX-E0001-1',
	charge_station_message_payload: JSON.stringify({
		connectorId: 1,
		errorCode: 'NoError',
		status: 'Charging',
	}),
	created: '2026-10-30T08:00:00Z',
	level,
	message_type: '2',
	message_action: action,
	direction: 'ToGsop',
	...extra,
});

describe('GreenFlux Trigger: classification and output', () => {
	it('CDR POST → cdr.created, HTTP 200 (answered by n8n), the CDR as sent, no path parameters', async () => {
		const cdr = { id: 'NLGFX638000000000000000', total_energy: 12.5, location: { id: 'loc-1' } };
		const outcome = await push('POST', '/cdrs', { body: cdr });
		expectSuccess(outcome);
		expect(outcome.items).toEqual([
			{
				event: 'cdr.created',
				module: 'cdrs',
				method: 'POST',
				receivedAt: expect.any(String),
				source: 'push',
				object: cdr,
			},
		]);
		expect(new Date(String(outcome.items[0].receivedAt)).toISOString()).toBe(
			outcome.items[0].receivedAt,
		);
	});

	it('CDR bodies: a bare array and an enveloped array give one item per CDR; an enveloped object one', async () => {
		const cdrs = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
		const bare = await push('POST', '/cdrs', { body: cdrs });
		expect(bare.items.map((i) => (i.object as IDataObject).id)).toEqual(['A', 'B', 'C']);
		const enveloped = await push('POST', '/cdrs', {
			body: {
				data: cdrs.slice(0, 2),
				status_code: 1000,
				status_message: 'Success',
				timestamp: '2026-10-30T08:00:00Z',
			},
		});
		expect(enveloped.items.map((i) => (i.object as IDataObject).id)).toEqual(['A', 'B']);
		const single = await push('POST', '/cdrs', { body: { data: { id: 'D' } } });
		expect(single.items.map((i) => i.object)).toEqual([{ id: 'D' }]);
		expectSuccess(single);
	});

	it('session PUT → session.started with country, party and session id from the path', async () => {
		const outcome = await push('PUT', SESSION_PATH, { body: session });
		expectSuccess(outcome);
		expect(outcome.items).toEqual([
			{
				event: 'session.started',
				module: 'sessions',
				method: 'PUT',
				countryCode: 'NL',
				partyId: 'GFX',
				objectId: session.id,
				receivedAt: expect.any(String),
				source: 'push',
				object: session,
			},
		]);
	});

	it('full and compact session PATCHes → session.updated (200); a compact PATCH is identified by the path', async () => {
		const full = {
			id: session.id,
			start_datetime: session.start_datetime,
			kwh: 3.2,
			charging_periods: [
				{ start_date_time: session.start_datetime, dimensions: [{ type: 'ENERGY', volume: 3.2 }] },
			],
			status: 'ACTIVE',
			last_updated: '2026-10-30T08:15:00Z',
		};
		const fullOutcome = await push('PATCH', SESSION_PATH, { body: full });
		expectSuccess(fullOutcome);
		expect(fullOutcome.items[0]).toMatchObject({
			event: 'session.updated',
			method: 'PATCH',
			objectId: session.id,
			object: full,
		});

		const compact = {
			start_datetime: session.start_datetime,
			kwh: 4.1,
			status: 'ACTIVE',
			last_updated: '2026-10-30T08:16:00Z',
		};
		const compactOutcome = await push('PATCH', '/sessions/BE/ABC/other-session-7', {
			body: compact,
		});
		expectSuccess(compactOutcome);
		expect(compactOutcome.items).toEqual([
			{
				event: 'session.updated',
				module: 'sessions',
				method: 'PATCH',
				countryCode: 'BE',
				partyId: 'ABC',
				objectId: 'other-session-7',
				receivedAt: expect.any(String),
				source: 'push',
				object: compact,
			},
		]);
	});

	it('status COMPLETED → session.completed, for the final PATCH and for a PUT (case-insensitive)', async () => {
		const patch = await push('PATCH', SESSION_PATH, {
			body: { kwh: 11.3, status: 'COMPLETED', end_datetime: '2026-10-30T10:00:00Z' },
		});
		expectSuccess(patch);
		expect(patch.items[0]).toMatchObject({ event: 'session.completed', objectId: session.id });
		const put = await push('PUT', SESSION_PATH, { body: { ...session, status: 'completed' } });
		expectSuccess(put);
		expect(put.items[0].event).toBe('session.completed');
	});

	describe('locations and EVSEs (state in the workflow static data)', () => {
		let staticData: IDataObject;
		beforeEach(() => {
			staticData = {};
		});

		it('PUT of a new location → location.created; the same location again → location.updated', async () => {
			const first = await push('PUT', '/locations/NL/GFX/loc-1', { body: location, staticData });
			expectSuccess(first);
			expect(first.items).toEqual([
				{
					event: 'location.created',
					module: 'locations',
					method: 'PUT',
					countryCode: 'NL',
					partyId: 'GFX',
					objectId: 'loc-1',
					receivedAt: expect.any(String),
					source: 'push',
					object: location,
				},
			]);
			expect(Object.keys(staticData.knownLocations as IDataObject)).toEqual(['loc-1/']);
			expect(staticData.evseStatuses).toEqual({
				'loc-1/NL-GFX-E0001-1': 'AVAILABLE',
				'loc-1/NL-GFX-E0001-2': 'OUTOFORDER',
			});

			const again = await push('PUT', '/locations/NL/GFX/loc-1', { body: location, staticData });
			expectSuccess(again);
			expect(again.items[0].event).toBe('location.updated');
		});

		it('EVSE PATCH with a status → evse.status_changed with the previous status; unknown EVSE → previousStatus null', async () => {
			await push('PUT', '/locations/NL/GFX/loc-1', { body: location, staticData });
			const charging = await push('PATCH', '/locations/NL/GFX/loc-1/NL-GFX-E0001-1', {
				body: { status: 'CHARGING' },
				staticData,
			});
			expectSuccess(charging);
			expect(charging.items).toEqual([
				{
					event: 'evse.status_changed',
					module: 'locations',
					method: 'PATCH',
					countryCode: 'NL',
					partyId: 'GFX',
					objectId: 'loc-1',
					evseUid: 'NL-GFX-E0001-1',
					status: 'CHARGING',
					previousStatus: 'AVAILABLE',
					receivedAt: expect.any(String),
					source: 'push',
					object: { status: 'CHARGING' },
				},
			]);
			const available = await push('PATCH', '/locations/NL/GFX/loc-1/NL-GFX-E0001-1', {
				body: { status: 'AVAILABLE', last_updated: 'x' },
				staticData,
			});
			expect(available.items[0]).toMatchObject({ status: 'AVAILABLE', previousStatus: 'CHARGING' });
			const unknown = await push('PATCH', '/locations/NL/GFX/loc-2/NL-GFX-E0099-1', {
				body: { status: 'OUTOFORDER' },
				staticData,
			});
			expect(unknown.items[0]).toMatchObject({
				event: 'evse.status_changed',
				previousStatus: null,
				status: 'OUTOFORDER',
			});
			// a location only known from an EVSE push is not "created" by a later PUT
			const put = await push('PUT', '/locations/NL/GFX/loc-2', {
				body: { ...location, id: 'loc-2' },
				staticData,
			});
			expect(put.items[0].event).toBe('location.updated');
			expect(put.status).toBe(200);
		});

		it('location PATCH, EVSE PATCH without status and connector pushes → location.updated (200)', async () => {
			const locationPatch = await push('PATCH', '/locations/NL/GFX/loc-1', {
				body: { name: 'Renamed', last_updated: 'x' },
				staticData,
			});
			expectSuccess(locationPatch);
			expect(locationPatch.items[0]).toMatchObject({
				event: 'location.updated',
				objectId: 'loc-1',
			});
			expect(locationPatch.items[0]).not.toHaveProperty('evseUid');

			const evsePatch = await push('PATCH', '/locations/NL/GFX/loc-1/NL-GFX-E0001-1', {
				body: { floor_level: '-1' },
				staticData,
			});
			expect(evsePatch.items[0]).toMatchObject({
				event: 'location.updated',
				evseUid: 'NL-GFX-E0001-1',
			});
			expect(evsePatch.items[0]).not.toHaveProperty('previousStatus');

			const connector = await push('PUT', '/locations/NL/GFX/loc-1/NL-GFX-E0001-1/2', {
				body: { id: '2', standard: 'IEC_62196_T2', status: 'X' },
				staticData,
			});
			expectSuccess(connector);
			expect(connector.items[0]).toMatchObject({
				event: 'location.updated',
				evseUid: 'NL-GFX-E0001-1',
				connectorId: '2',
			});
		});
	});

	it('notifications: one item each, with level, message action (any spelling), parsed payload and path suffix', async () => {
		const list = [
			notification('Info', 'StatusNotification'),
			{
				...notification('Error', 'StatusNotification'),
				message_action: undefined,
				MessageAction: 'BootNotification',
			},
			notification('Warning', 'Heartbeat', { charge_station_message_payload: 'not json' }),
		];
		const outcome = await push('PUT', '/notifications', { body: list });
		expectSuccess(outcome);
		expect(outcome.items).toHaveLength(3);
		expect(outcome.items[0]).toEqual({
			event: 'notification.received',
			module: 'notifications',
			method: 'PUT',
			receivedAt: expect.any(String),
			source: 'push',
			level: 'Info',
			messageAction: 'StatusNotification',
			messagePayload: { connectorId: 1, errorCode: 'NoError', status: 'Charging' },
			object: list[0],
		});
		expect(outcome.items[1]).toMatchObject({ level: 'Error', messageAction: 'BootNotification' });
		expect(outcome.items[2]).toMatchObject({
			level: 'Warning',
			messageAction: 'Heartbeat',
			messagePayload: null,
		});

		const single = await push('PUT', '/notifications/NL/GFX/n-1', {
			body: { data: notification('Info', 'Heartbeat') },
		});
		expect(single.items).toHaveLength(1);
		expect(single.items[0]).toMatchObject({ pathSuffix: 'NL/GFX/n-1', messageAction: 'Heartbeat' });
	});
});

describe('GreenFlux Trigger: event selection and notification filters', () => {
	it('the Events parameter defaults to every event', () => {
		expect(defaults.events).toEqual([...PUSH_EVENTS]);
	});

	it('pushes of unselected events are acknowledged (200 + OCPI success, by n8n at once) and start no execution', async () => {
		const parameters = { events: ['evse.status_changed'] };
		const cdr = await push('POST', '/cdrs', { body: { id: 'x' }, parameters });
		expectSuccess(cdr);
		expect(cdr.result.workflowData).toBeUndefined();
		const sessionPatch = await push('PATCH', SESSION_PATH, {
			body: { kwh: 1, status: 'ACTIVE' },
			parameters,
		});
		expectSuccess(sessionPatch);
		expect(sessionPatch.result.workflowData).toBeUndefined();
		const staticData: IDataObject = {};
		const location = await push('PUT', '/locations/NL/GFX/loc-1', {
			body: { id: 'loc-1', evses: [{ uid: 'E1', status: 'AVAILABLE' }] },
			parameters,
			staticData,
		});
		expectSuccess(location);
		expect(location.result.workflowData).toBeUndefined();
		// ...but the state is still tracked, so the selected event knows the previous status
		const evse = await push('PATCH', '/locations/NL/GFX/loc-1/E1', {
			body: { status: 'CHARGING' },
			parameters,
			staticData,
		});
		expect(evse.items).toEqual([
			expect.objectContaining({ event: 'evse.status_changed', previousStatus: 'AVAILABLE' }),
		]);
	});

	it('selecting only session.completed skips session.started and session.updated', async () => {
		const parameters = { events: ['session.completed'] };
		expect((await push('PUT', SESSION_PATH, { body: session, parameters })).items).toEqual([]);
		expect(
			(await push('PATCH', SESSION_PATH, { body: { kwh: 2, status: 'ACTIVE' }, parameters })).items,
		).toEqual([]);
		expect(
			(
				await push('PATCH', SESSION_PATH, { body: { kwh: 2, status: 'COMPLETED' }, parameters })
			).items.map((i) => i.event),
		).toEqual(['session.completed']);
	});

	const mixed = [
		notification('Info', 'StatusNotification'),
		notification('Warning', 'StatusNotification'),
		notification('Error', 'BootNotification'),
		notification('Info', 'Heartbeat'),
		notification('error', 'statusnotification'),
	];
	const keep = async (notificationFilters: IDataObject) =>
		(
			await push('PUT', '/notifications', { body: mixed, parameters: { notificationFilters } })
		).items.map((i) => `${i.level}/${i.messageAction}`);

	it('level filter (case-insensitive); none selected = every level', async () => {
		expect(await keep({ levels: ['Warning', 'Error'] })).toEqual([
			'Warning/StatusNotification',
			'Error/BootNotification',
			'error/statusnotification',
		]);
		expect(await keep({ levels: ['Info'] })).toEqual(['Info/StatusNotification', 'Info/Heartbeat']);
		expect(await keep({ levels: [] })).toHaveLength(5);
		expect(await keep({})).toHaveLength(5);
	});

	it('message action filter (comma-separated, case-insensitive) and both filters together', async () => {
		expect(await keep({ messageActions: ' statusNotification , Heartbeat' })).toEqual([
			'Info/StatusNotification',
			'Warning/StatusNotification',
			'Info/Heartbeat',
			'error/statusnotification',
		]);
		expect(await keep({ messageActions: 'StatusNotification', levels: ['Error'] })).toEqual([
			'error/statusnotification',
		]);
		const none = await push('PUT', '/notifications', {
			body: mixed,
			parameters: { notificationFilters: { messageActions: 'Authorize' } },
		});
		expectSuccess(none);
		expect(none.result.workflowData).toBeUndefined();
	});
});

describe('GreenFlux Trigger: authentication', () => {
	it('a wrong token → 401 + OCPI 2000, WWW-Authenticate, no execution', async () => {
		const outcome = await push('POST', '/cdrs', {
			body: { id: 'x' },
			authorization: 'Token not-the-right-token-0000000',
		});
		expectRefused(outcome, 401, 2000, /invalid push token/);
		expect(outcome.responseHeaders['WWW-Authenticate']).toBe('Token');
	});

	it('a missing header → 401 naming the header GreenFlux must send', async () => {
		expectRefused(
			await push('PUT', SESSION_PATH, { body: session, authorization: null }),
			401,
			2000,
			/missing "Authorization: Token <push token>"/,
		);
	});

	it('other schemes, an empty token and a token prefix are refused; the scheme is case-insensitive', async () => {
		for (const authorization of [
			`Bearer ${TOKEN}`,
			TOKEN,
			'Token ',
			`Token ${TOKEN.slice(0, -1)}`,
			`Token ${TOKEN}x`,
			`Token ${TOKEN} extra`,
		]) {
			expectRefused(
				await push('POST', '/cdrs', { body: { id: 'x' }, authorization }),
				401,
				2000,
				/Unauthorized/,
			);
		}
		expectSuccess(
			await push('POST', '/cdrs', { body: { id: 'x' }, authorization: `token   ${TOKEN} ` }),
		);
	});

	it('the token is checked before the URL and the body, so unauthenticated callers learn nothing', async () => {
		expectRefused(
			await push('GET', '/nothing/here', { authorization: 'Token wrong-wrong-wrong-wrong' }),
			401,
			2000,
			/invalid push token/,
		);
		expectRefused(
			await push('POST', '/cdrs', {
				body: '{broken',
				contentType: 'text/plain',
				authorization: null,
			}),
			401,
			2000,
			/missing/,
		);
	});

	it('a credential without a token refuses every push with 500 + OCPI 3000', async () => {
		expectRefused(
			await push('POST', '/cdrs', { body: { id: 'x' }, credentialToken: '' }),
			500,
			3000,
			/no push token/,
		);
	});

	it('the Authorization header never reaches the output, and n8n is told it was consumed', async () => {
		const outcomes = [
			await push('POST', '/cdrs', { body: [{ id: 'a' }, { id: 'b' }] }),
			await push('PUT', SESSION_PATH, { body: session }),
			await push('PATCH', '/locations/NL/GFX/loc-1/E1', { body: { status: 'CHARGING' } }),
			await push('PUT', '/notifications', { body: notification('Info', 'Heartbeat') }),
		];
		for (const outcome of outcomes) {
			const output = JSON.stringify(outcome.result.workflowData);
			expect(outcome.items.length).toBeGreaterThan(0);
			expect(output).not.toContain(TOKEN);
			expect(output.toLowerCase()).not.toContain('authorization');
			expect(outcome.items.every((item) => !('headers' in item))).toBe(true);
			expect((outcome.request as Record<symbol, unknown>)[Symbol.for('n8n.consumedAuth')]).toEqual([
				'authorization',
			]);
		}
	});
});

describe('GreenFlux Trigger: refused pushes are logged for the operator', () => {
	const WRONG = 'not-the-right-token-0000000';

	it('every refusal logs one warning with reason, module, method and path; accepted pushes log nothing', async () => {
		const cases: Array<[PushResult, number, string, string, string, RegExp]> = [
			[
				await push('POST', '/cdrs', { body: { id: 'x' }, authorization: `Token ${WRONG}` }),
				401,
				'cdrs',
				'POST',
				`/webhook/${WEBHOOK_ID}/cdrs`,
				/invalid push token/,
			],
			[
				await push('PUT', SESSION_PATH, { body: session, authorization: null }),
				401,
				'sessions',
				'PUT',
				`/webhook/${WEBHOOK_ID}${SESSION_PATH}`,
				/missing "Authorization: Token <push token>" header/,
			],
			[
				await push('PUT', '/cdrs', { body: { id: 'x' } }),
				405,
				'cdrs',
				'PUT',
				`/webhook/${WEBHOOK_ID}/cdrs`,
				/use POST/,
			],
			[
				await push('POST', '/tariffs', { body: { id: 'x' } }),
				404,
				'none',
				'POST',
				`/webhook/${WEBHOOK_ID}/tariffs`,
				/Not a GreenFlux push URL/,
			],
			[
				await push('POST', '/cdrs', { body: '{broken', contentType: 'text/plain' }),
				400,
				'cdrs',
				'POST',
				`/webhook/${WEBHOOK_ID}/cdrs`,
				/not valid JSON/,
			],
		];
		for (const [outcome, status, module, method, path, reason] of cases) {
			expect(outcome.status).toBe(status);
			expect(outcome.logs).toHaveLength(1);
			const [entry] = outcome.logs;
			expect(entry.level).toBe('warn');
			expect(entry.message).toContain(`GreenFlux Trigger refused a push with HTTP ${status}`);
			expect(entry.message).toMatch(reason);
			expect(entry.metadata).toEqual({
				reason: expect.stringMatching(reason),
				httpStatus: status,
				module,
				method,
				path,
				workflowId: 'wf-1',
			});
		}
		expect((await push('POST', '/cdrs', { body: { id: 'x' } })).logs).toEqual([]);
	});

	it('a trigger without a token logs an error; the query string is not logged', async () => {
		const outcome = await push('POST', '/cdrs', { body: { id: 'x' }, credentialToken: '' });
		expect(outcome.logs.map((l) => l.level)).toEqual(['error']);
		expect(outcome.logs[0].message).toMatch(/no push token/);
		const withQuery = await push('POST', '/cdrs?secret=abc', {
			body: { id: 'x' },
			authorization: `Token ${WRONG}`,
		});
		expect(withQuery.logs[0].metadata?.path).toBe(`/webhook/${WEBHOOK_ID}/cdrs`);
	});

	it('never logs the token, the presented token or the Authorization header, even when echoed in the path or body', async () => {
		const outcomes = [
			await push('POST', '/cdrs', { body: { id: 'x' }, authorization: `Token ${WRONG}` }),
			await push('POST', '/cdrs', { body: { id: 'x' }, authorization: `Bearer ${TOKEN}` }),
			await push('POST', `/cdrs/${TOKEN}`, { body: { id: 'x' } }),
			await push('POST', '/cdrs', { body: `{"token": "${TOKEN}"`, contentType: 'text/plain' }),
			await push('GET', `/${WRONG}`, { authorization: `Token ${WRONG}` }),
		];
		for (const outcome of outcomes) {
			expect(outcome.logs).toHaveLength(1);
			const logged = JSON.stringify(outcome.logs);
			expect(logged).not.toContain(TOKEN);
			expect(logged).not.toContain(WRONG);
			expect(logged.toLowerCase()).not.toContain('authorization:');
			expect(logged).not.toMatch(/Bearer /);
		}
	});
});

describe('GreenFlux Trigger: bodies', () => {
	it('a body that is not JSON → 400 + OCPI 2001, no execution (text/plain, no content type, XML)', async () => {
		expectRefused(
			await push('POST', '/cdrs', { body: '{"id": "broken', contentType: 'text/plain' }),
			400,
			2001,
			/not valid JSON/,
		);
		expectRefused(
			await push('PUT', SESSION_PATH, { body: '{"id": "broken', contentType: null }),
			400,
			2001,
			/not valid JSON/,
		);
		expectRefused(
			await push('PUT', '/notifications', { body: '<a>1</a>', contentType: 'application/xml' }),
			400,
			2001,
			/not valid JSON/,
		);
	});

	it('an empty body, a JSON scalar and objects of the wrong shape → 400 + OCPI 2001', async () => {
		expectRefused(await push('POST', '/cdrs', { body: '' }), 400, 2001, /empty/);
		expectRefused(
			await push('POST', '/cdrs', { body: '"text"' }),
			400,
			2001,
			/JSON object or an array/,
		);
		expectRefused(await push('POST', '/cdrs', { body: '[]' }), 400, 2001, /CDR object or an array/);
		expectRefused(
			await push('PUT', '/notifications', { body: [notification('Info', 'Heartbeat'), 42] }),
			400,
			2001,
			/notification object or an array/,
		);
		expectRefused(
			await push('PUT', SESSION_PATH, { body: [session, session] }),
			400,
			2001,
			/one session object, not an array of 2/,
		);
		expectRefused(
			await push('PATCH', '/locations/NL/GFX/loc-1', { body: { data: null } }),
			400,
			2001,
			/location, EVSE or connector object/,
		);
	});

	it('JSON sent as text/plain, without a content type, as application/*+json or form-encoded is read from the raw body', async () => {
		for (const contentType of [
			'text/plain',
			null,
			'application/vnd.ocpi+json',
			'application/x-www-form-urlencoded',
			'application/json; charset=utf-8',
		]) {
			const outcome = await push('POST', '/cdrs', {
				body: '\ufeff{"id":"RAW-1","total_energy":1.5}',
				contentType,
			});
			expectSuccess(outcome);
			expect(outcome.items.map((i) => i.object)).toEqual([{ id: 'RAW-1', total_energy: 1.5 }]);
		}
	});

	it('a one-element array is accepted for a session; a parsed body without raw bytes is used as is', async () => {
		expect((await push('PUT', SESSION_PATH, { body: [session] })).items[0].object).toEqual(session);
		const outcome = await push('PATCH', SESSION_PATH, {
			body: { kwh: 5, status: 'ACTIVE' },
			noRawBody: true,
			contentType: null,
		});
		expect(outcome.items[0].object).toEqual({ kwh: 5, status: 'ACTIVE' });
	});
});

describe('GreenFlux Trigger: push URLs', () => {
	it('answers 404/405 with an OCPI envelope for URLs and methods that are not push targets', async () => {
		expectRefused(await push('GET', '/cdrs'), 405, 2000, /cdrs pushes use POST, not GET/);
		expectRefused(
			await push('PATCH', '/notifications', { body: notification('Info', 'Heartbeat') }),
			405,
			2000,
			/use PUT, not PATCH/,
		);
		expectRefused(
			await push('PUT', '/sessions', { body: session }),
			404,
			2000,
			/\{country_code\}\/\{party_id\}\/\{session_id\} after \/sessions/,
		);
		expectRefused(
			await push('PATCH', '/sessions/NL/GFX', { body: session }),
			404,
			2000,
			/after \/sessions/,
		);
		expectRefused(
			await push('PUT', '/locations/NL/GFX/l/e/c/x', { body: location }),
			404,
			2000,
			/after \/locations/,
		);
		expectRefused(
			await push('POST', '/cdrs/extra', { body: { id: 'x' } }),
			404,
			2000,
			/nothing after \/cdrs/,
		);
		expectRefused(
			await push('PUT', '/tariffs/NL/GFX/t1', { body: {} }),
			404,
			2000,
			/Not a GreenFlux push URL/,
		);
	});

	it('reads module and ids from the request path, not from n8n route parameters (test URLs share one key per segment count)', async () => {
		const outcome = await push('PUT', SESSION_PATH, {
			body: session,
			prefix: '/webhook-test',
			params: { countryCode: 'XX', partyId: 'YYY', [`locationId_${WEBHOOK_ID}`]: 'wrong' },
		});
		expectSuccess(outcome);
		expect(outcome.items[0]).toMatchObject({
			event: 'session.started',
			module: 'sessions',
			countryCode: 'NL',
			partyId: 'GFX',
			objectId: session.id,
		});
	});

	it('decodes percent-encoded segments and ignores a query string', async () => {
		const outcome = await push('PATCH', '/locations/NL/GFX/loc%201/BE%2ABEC%2AE1?x=1', {
			body: { status: 'BLOCKED' },
		});
		expect(outcome.items[0]).toMatchObject({
			objectId: 'loc 1',
			evseUid: 'BE*BEC*E1',
			status: 'BLOCKED',
		});
	});
});
