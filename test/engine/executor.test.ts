/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only capture server */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { createRegistry, executeOperations } from '../../nodes/shared/executor';
import { buildProperties, type OperationDefinition } from '../../nodes/shared/operations';
import { runNode } from './harness';

/** A definition exercising the executor's general parameter handling, independent of any GreenFlux module. */
const probe: OperationDefinition = {
	resource: 'probe',
	operation: 'send',
	name: 'Send',
	action: 'Send a probe',
	description: 'Test-only operation',
	module: 'Probe',
	method: 'POST',
	path: '/api/1.0/probe/{probeId}',
	fields: [
		{
			property: {
				displayName: 'Probe ID',
				name: 'probeId',
				type: 'string',
				required: true,
				default: '',
			},
			to: { in: 'path', name: 'probeId' },
		},
		{
			property: {
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				placeholder: 'Add Option',
				options: [
					{ displayName: 'Count', name: 'count', type: 'number', default: 0 },
					{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: false },
					{ displayName: 'Label', name: 'label', type: 'string', default: '' },
					{ displayName: 'Since', name: 'since', type: 'dateTime', default: '' },
				],
			},
			options: {
				count: { to: { in: 'body', name: 'settings.count' } },
				enabled: { to: { in: 'body', name: 'settings.enabled' } },
				label: { to: { in: 'query', name: 'label' } },
				since: { to: { in: 'query', name: 'since' } },
			},
		},
	],
};

class ProbeNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Executor probe',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPlatformApi', required: true }],
		properties: buildProperties([{ value: 'probe', name: 'Probe', description: '' }], [probe]),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeOperations.call(this, createRegistry([probe]))];
	}
}

let server: Server;
let url = '';
const seen: Array<{ url: string; body: unknown }> = [];

beforeAll(async () => {
	server = createServer((req: IncomingMessage, res) => {
		let text = '';
		req.on('data', (chunk: Buffer) => (text += chunk.toString()));
		req.on('end', () => {
			seen.push({ url: req.url ?? '', body: text ? JSON.parse(text) : undefined });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					data: { ok: true },
					status_code: 1000,
					status_message: 'Success',
					timestamp: new Date().toISOString(),
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('executor parameter handling', () => {
	it('collection options keep their types, path segments are encoded, dates are sent in GreenFlux format', async () => {
		const result = await runNode({
			nodeType: new ProbeNode(),
			parameters: {
				resource: 'probe',
				operation: 'send',
				probeId: 'a/b c',
				options: { count: 250, enabled: true, label: 'x', since: '2026-01-02T03:04:05.678Z' },
			},
			credentials: { greenFluxPlatformApi: { environment: 'custom', url, token: 't' } },
			credentialTypes: [new GreenFluxPlatformApi()],
		});
		expect(result.error).toBeUndefined();
		const request = seen[seen.length - 1];
		expect(request.url).toBe('/api/1.0/probe/a%2Fb%20c?label=x&since=2026-01-02T03%3A04%3A05Z');
		expect(request.body).toEqual({ settings: { count: 250, enabled: true } });
		expect(result.items.map((i) => i.json)).toEqual([{ ok: true }]);
	});
});
