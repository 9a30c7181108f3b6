/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { GreenFluxTrigger } from '../../../nodes/GreenFluxTrigger/GreenFluxTrigger.node';
import { readBody } from '../http';

/**
 * Hosts a push trigger node's webhook() (the GreenFlux Trigger unless `trigger` names another, e.g. the
 * GreenFlux Charge Assist Trigger) on a loopback HTTP server WITHOUT n8n, handing it the
 * request the way n8n 2.41 does (express-like request with `path`, `rawBody`, `contentType`; the body
 * parsed by content type, invalid JSON under application/json refused with 422 before the node runs),
 * so the push emitter can be checked against the node's real classification in a unit test. The real
 * n8n path (webhook registration, executions) is covered by the end-to-end suite.
 */

/** A push trigger node: its description and its webhook(). */
export type PushTriggerNode = INodeType & {
	webhook(this: IWebhookFunctions): Promise<IWebhookResponseData>;
};

export interface TriggerHostOptions {
	/** The push token configured in the trigger's credential. */
	token: string;
	/** The trigger node to host (default: the GreenFlux Trigger). */
	trigger?: PushTriggerNode;
	/** Node parameters (events, notificationFilters); defaults from the node description. */
	parameters?: IDataObject;
	webhookId?: string;
}

export interface TriggerHostRequest {
	method: string;
	path: string;
	status: number;
}

export interface TriggerHost {
	url: string;
	/** `<url>/webhook/<webhookId>`: the base the trigger's module URLs start with (`<base>/cdrs`, `<base>/sessions`…). */
	webhookBase: string;
	/** Output items of every push that started an "execution", in order. */
	executions: IDataObject[][];
	requests: TriggerHostRequest[];
	staticData: IDataObject;
	close(): Promise<void>;
}

/** What n8n 2.41's parseBody makes of a body (middlewares/body-parser.js). */
function n8nBody(raw: Buffer, contentType: string | undefined): { body?: unknown; error?: string } {
	if (raw.length === 0) return {};
	const text = raw.toString('utf8').replace(/^\ufeff/, '');
	try {
		if (contentType === 'application/json') return { body: JSON.parse(text) as unknown };
		if (contentType === 'text/plain') return { body: raw.toString('utf8') };
		if (contentType === 'application/x-www-form-urlencoded')
			return { body: Object.fromEntries(new URLSearchParams(text)) };
		return {};
	} catch (error) {
		return { error: (error as Error).message };
	}
}

export async function startTriggerHost(options: TriggerHostOptions): Promise<TriggerHost> {
	const trigger: PushTriggerNode = options.trigger ?? new GreenFluxTrigger();
	const webhookId = options.webhookId ?? '9d1e6f0a-3b57-4c2e-8a41-6f1c0de0b0b0';
	const defaults = Object.fromEntries(
		trigger.description.properties.map((p) => [p.name, p.default]),
	);
	const parameters: IDataObject = { ...defaults, ...options.parameters };
	const staticData: IDataObject = {};
	const executions: IDataObject[][] = [];
	const requests: TriggerHostRequest[] = [];
	const node = {
		id: 'trigger',
		name: trigger.description.defaults.name ?? trigger.description.displayName,
		type: `n8n-nodes-greenflux.${trigger.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		webhookId,
	};

	const server: Server = createServer((req, res) => {
		void (async () => {
			const raw = await readBody(req);
			const path = (req.url ?? '/').split('?')[0];
			const contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
			const done = (): void => {
				requests.push({ method: req.method ?? '', path, status: res.statusCode });
			};
			if (!path.startsWith(`/webhook/${webhookId}/`)) {
				res
					.writeHead(404, { 'content-type': 'application/json' })
					.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
				done();
				return;
			}
			const parsed = n8nBody(raw, contentType);
			if (parsed.error) {
				res.writeHead(422, { 'content-type': 'application/json' }).end(
					JSON.stringify({
						code: 422,
						message: 'Failed to parse request body',
						hint: parsed.error,
					}),
				);
				done();
				return;
			}
			const request = {
				method: req.method,
				path,
				url: req.url,
				headers: req.headers,
				rawBody: raw,
				contentType,
			};
			const fns = {
				getRequestObject: () => request,
				getResponseObject: () => res,
				getHeaderData: () => req.headers,
				getBodyData: () => parsed.body,
				getParamsData: () => ({}),
				getQueryData: () => ({}),
				getWebhookName: () => 'default',
				getMode: () => 'webhook',
				getNode: () => node,
				getNodeParameter: (name: string, fallback?: unknown) =>
					name in parameters ? parameters[name] : fallback,
				getCredentials: async () => ({ token: options.token }),
				getWorkflowStaticData: () => staticData,
			} as unknown as IWebhookFunctions;
			const result = await trigger.webhook.call(fns);
			if (!result.noWebhookResponse)
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify(result.webhookResponse ?? {}));
			if (result.workflowData)
				executions.push(result.workflowData[0].map((item: INodeExecutionData) => item.json));
			done();
		})().catch((error: Error) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 500, message: error.message }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		webhookBase: `${url}/webhook/${webhookId}`,
		executions,
		requests,
		staticData,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
