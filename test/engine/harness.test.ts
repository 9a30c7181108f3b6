/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only file: the local HTTP server needs node:http/node:net */
// Self-test of the engine harness: a real workflow through n8n-core's WorkflowExecute, a real HTTP
// request (n8n's httpRequestWithAuthentication → axios) to a local node:http server, and the
// credential applied by a test-only credential type's own generic `authenticate`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { runNode, testCredential } from './harness';

interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';

	displayName = 'Harness Test API';

	documentationUrl = 'https://example.com/docs';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'url', type: 'string', default: '' },
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Token {{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url}}',
			url: '/whoami',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Token rejected by the test server' },
			},
		],
	};
}

class HarnessTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test',
		name: 'harnessTest',
		group: ['transform'],
		version: 1,
		description: 'Fetches a path from the test server',
		defaults: { name: 'Harness Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'harnessTestApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/items' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const credentials = await this.getCredentials<{ url: string }>('harnessTestApi');
		for (let i = 0; i < items.length; i++) {
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'GET',
						url: `${credentials.url}${this.getNodeParameter('path', i) as string}`,
						qs: { item: i, ...(items[i].json as IDataObject) },
						json: true,
					},
				)) as IDataObject;
				returnData.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({
						json: { error: (error as Error).message },
						pairedItem: { item: i },
					});
					continue;
				}
				throw new NodeApiError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [returnData];
	}
}

describe('engine harness', () => {
	let server: Server;
	let baseUrl = '';
	let seen: SeenRequest[] = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const authorized = req.headers.authorization === 'Token abc';
			res.setHeader('content-type', 'application/json');
			if (!authorized) {
				res.statusCode = 401;
				res.end(JSON.stringify({ message: 'Unauthorized' }));
				return;
			}
			if (url.pathname === '/items' || url.pathname === '/whoami') {
				res.end(
					JSON.stringify({
						ok: true,
						path: url.pathname,
						query: Object.fromEntries(url.searchParams),
					}),
				);
				return;
			}
			res.statusCode = 500;
			res.end(JSON.stringify({ message: 'Boom' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		seen = [];
	});

	it('runs the node through WorkflowExecute and applies the credential type’s own authenticate', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '/items' },
			credentials: { harnessTestApi: { url: baseUrl, token: 'abc' } },
			credentialTypes: [new HarnessTestApi()],
			inputItems: [{ a: '1' }, { a: '2' }],
		});

		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen.map((request) => request.headers.authorization)).toEqual([
			'Token abc',
			'Token abc',
		]);
		expect(seen.map((request) => request.method)).toEqual(['GET', 'GET']);
		expect(result.items.map((item) => item.json)).toEqual([
			{ ok: true, path: '/items', query: { item: '0', a: '1' } },
			{ ok: true, path: '/items', query: { item: '1', a: '2' } },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.run.data.resultData.runData.Start?.[0]?.data?.main[0]).toHaveLength(2);
		expect(result.run.status).toBe('success');
	});

	it('surfaces a failing request as result.error', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '/items' },
			credentials: { harnessTestApi: { url: baseUrl, token: 'wrong' } },
			credentialTypes: [new HarnessTestApi()],
		});

		// n8n's httpRequestWithAuthentication retries once after a 401 (preAuthentication refresh),
		// re-applying the credential: a rejected token reaches the server twice.
		expect(seen.map((request) => request.headers.authorization)).toEqual([
			'Token wrong',
			'Token wrong',
		]);
		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		// WorkflowExecute stores a plain-object copy of the thrown error ({ ...error, message, stack }).
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			message: 'Authorization failed - please check your credentials',
			description: 'Unauthorized',
		});
		expect(result.run.status).toBe('error');
	});

	it('with continueOnFail yields an error item instead of failing', async () => {
		const result = await runNode({
			nodeType: new HarnessTestNode(),
			parameters: { path: '/boom' },
			credentials: { harnessTestApi: { url: baseUrl, token: 'abc' } },
			credentialTypes: [new HarnessTestApi()],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(typeof result.items[0].json.error).toBe('string');
		expect(result.items[0].json.error).toBe('The service was not able to process your request');
		expect(seen.map((request) => request.url)).toEqual(['/boom?item=0']);
		expect(result.run.status).toBe('success');
	});

	it('testCredential applies the declarative test request and its rules like n8n', async () => {
		const rejected = await testCredential(new HarnessTestApi(), { url: baseUrl, token: 'nope' });
		expect(rejected).toEqual({ status: 'Error', message: 'Token rejected by the test server' });
		// As in n8n, the 401 is retried once before the rules apply.
		expect(seen.map((request) => [request.url, request.headers.authorization])).toEqual([
			['/whoami', 'Token nope'],
			['/whoami', 'Token nope'],
		]);

		seen = [];
		const accepted = await testCredential(new HarnessTestApi(), { url: baseUrl, token: 'abc' });
		expect(accepted).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen.map((request) => [request.url, request.headers.authorization])).toEqual([
			['/whoami', 'Token abc'],
		]);
	});
});
