// P1 (pull into items) and P1b (pull into a CSV file): the GreenFlux node in a real n8n against a raw
// undici loop over the same pages and n8n's HTTP Request node with pagination + Split Out.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { request } from 'undici';

import { CREDENTIALS, REPO_ROOT, SANDBOX_KEYS } from '../lib/greenflux-demo.mjs';
import { runtimePaths } from '../runtime.mjs';
import { rssSampler } from './instance.mjs';

/** Every CDR the sandbox serves (its data lies within these dates). */
const RANGE = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
const PAGE = 1000;
const platformCredential = {
	greenFluxPlatformApi: { id: CREDENTIALS.platform.id, name: CREDENTIALS.platform.name },
};

const webhookStart = (webhookPath) => ({
	id: randomUUID(),
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2.1,
	position: [0, 0],
	webhookId: randomUUID(),
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
});

function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	nodes.forEach((node, i) => (node.position = [i * 220, 0]));
	return { name, nodes, connections };
}

const greenFluxCdrs = (parameters) => ({
	id: randomUUID(),
	name: 'GreenFlux',
	type: 'n8n-nodes-greenflux.greenFlux',
	typeVersion: 1,
	position: [0, 0],
	credentials: platformCredential,
	parameters: {
		resource: 'cdr',
		operation: 'getAll',
		returnAll: true,
		dateFrom: RANGE.from,
		dateTo: RANGE.to,
		...parameters,
	},
});

/** n8n's HTTP Request node following the Link header (GreenFlux credential), then Split Out of `data`. */
const httpRequestPath = (sandboxUrl) => [
	{
		id: randomUUID(),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		credentials: platformCredential,
		parameters: {
			url: `${sandboxUrl}/api/1.0/cdrs?date_from=${RANGE.from}&date_to=${RANGE.to}&limit=${PAGE}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'greenFluxPlatformApi',
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: `={{ '${sandboxUrl}' + $response.headers.link.match(/<([^>]+)>/)[1] }}`,
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.headers.link }}',
					},
				},
			},
		},
	},
	{
		id: randomUUID(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [0, 0],
		parameters: { fieldToSplitOut: 'data', options: {} },
	},
];

const writeFileNode = (exportFolder) => ({
	id: randomUUID(),
	name: 'Write File',
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1.1,
	position: [0, 0],
	parameters: {
		operation: 'write',
		fileName: `=${exportFolder}/node-{{ $execution.id }}.csv`,
		options: {},
	},
});

/** The n8n paths of P1 and P1b, published; { name: { workflowId, webhookPath } }. */
export async function publishPullWorkflows(n8n, sandboxUrl) {
	const paths = {
		'node v1': [greenFluxCdrs({ apiVersion: '1.0' })],
		'node v2': [greenFluxCdrs({ apiVersion: '2.0' })],
		'HTTP Request + Split Out': httpRequestPath(sandboxUrl),
		'node CSV file': [
			greenFluxCdrs({ apiVersion: '2.0', output: 'csv' }),
			writeFileNode(n8n.exportFolder),
		],
	};
	const published = {};
	for (const [name, nodes] of Object.entries(paths)) {
		const webhookPath = `bench-${randomUUID()}`;
		const workflow = chain(`bench: ${name}`, [webhookStart(webhookPath), ...nodes]);
		published[name] = { workflowId: await n8n.publish(workflow), webhookPath };
	}
	return published;
}

/**
 * Runs one published path once: webhook call → execution stored. Returns the execution's own time,
 * the time until n8n had stored it, n8n's peak RSS meanwhile, the stored bytes and the pages requested.
 */
export async function runN8nPath(n8n, sandbox, { workflowId, webhookPath }) {
	const [before = 0] = await n8n.executionIds(workflowId);
	const mark = await sandbox.mark();
	const rss = rssSampler(n8n.pid);
	const started = performance.now();
	const answer = await fetch(`${n8n.url}/webhook/${webhookPath}`, { method: 'POST' });
	if (!answer.ok) throw new Error(`webhook ${webhookPath}: HTTP ${answer.status}`);
	const stored = await n8n.waitStored(workflowId, before);
	const storedMs = performance.now() - started;
	const peakRss = await rss.stop();
	if (stored.status !== 'success')
		throw new Error(`execution ${stored.id} of workflow ${workflowId} ended ${stored.status}`);
	return {
		executionMs: Date.parse(stored.stoppedAt) - Date.parse(stored.startedAt),
		executionStartedAt: Date.parse(stored.startedAt),
		executionStoppedAt: Date.parse(stored.stoppedAt),
		storedMs,
		peakRss,
		storedBytes: await n8n.storedBytes(stored.id),
		requests: await sandbox.requestsSince(mark, /\/cdrs/),
		executionId: stored.id,
	};
}

const requireFromDist = createRequire(path.join(REPO_ROOT, 'dist', 'package.json'));

/** GETs one page with undici, or with the axios n8n's request helpers use (n8n-core's, from the runtime). */
const pageClients = {
	undici: async (url, headers) => {
		const res = await request(url, { headers });
		return {
			status: res.statusCode,
			body: JSON.parse(await res.body.text()),
			link: res.headers.link,
		};
	},
	axios: async (url, headers) => {
		n8nAxios ??= createRequire(
			path.join(runtimePaths().n8nDir, 'node_modules', 'n8n-core', 'package.json'),
		)('axios');
		const res = await n8nAxios.get(url, { headers, validateStatus: () => true });
		return { status: res.status, body: res.data, link: res.headers.link };
	},
};
let n8nAxios;

/** A raw loop over the same pages (v1 offset + Link, v2 continuation + Link), objects kept. */
export async function rawPull(sandbox, apiVersion, { csvFile, client = 'undici' } = {}) {
	const { simplifyCdr } = requireFromDist('./nodes/GreenFlux/simplify/cdr.js');
	const { csvLine } = requireFromDist('./nodes/shared/hooks/csv.js');
	const getPage = pageClients[client];
	const headers = { authorization: `Token ${SANDBOX_KEYS.platform}` };
	const mark = await sandbox.mark();
	const started = performance.now();
	const objects = [];
	const lines = [];
	let header;
	let next = `/api/${apiVersion}/cdrs?date_from=${RANGE.from}&date_to=${RANGE.to}&limit=${PAGE}`;
	while (next) {
		const { status, body, link } = await getPage(`${sandbox.url}${next}`, headers);
		if (status !== 200 || body.status_code !== 1000)
			throw new Error(`raw pull: HTTP ${status} ${body.status_message}`);
		for (const cdr of body.data) {
			if (!csvFile) objects.push(cdr);
			else {
				const row = simplifyCdr(cdr);
				header ??= Object.keys(row);
				lines.push(
					csvLine(
						header.map((column) => cell(row[column])),
						',',
					),
				);
			}
		}
		next = typeof link === 'string' ? /^<([^>]+)>/.exec(link)?.[1] : undefined;
	}
	if (csvFile)
		await writeFile(csvFile, [csvLine(header ?? [], ','), ...lines].join('\r\n') + '\r\n');
	return {
		executionMs: performance.now() - started,
		rows: csvFile ? lines.length : objects.length,
		requests: await sandbox.requestsSince(mark, /\/cdrs/),
	};
}

function cell(value) {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const sha256 = async (file) =>
	createHash('sha256')
		.update(await readFile(file))
		.digest('hex');
