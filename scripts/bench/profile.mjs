// Where n8n's time goes: a CPU profile of the n8n main process (started with NODE_OPTIONS=--inspect)
// taken over the inspector protocol around one bench run, summed by self time per package and function.
import { readFile } from 'node:fs/promises';

import { WebSocket } from 'undici';

import { sleep } from '../lib/greenflux-demo.mjs';

/** The main process's inspector URL, from n8n's log (the first "Debugger listening" line). */
export async function inspectorUrl(logFile, { timeoutMs = 30_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const match = /Debugger listening on (ws:\/\/\S+)/.exec(await readFile(logFile, 'utf8'));
		if (match) return match[1];
		if (Date.now() > deadline) throw new Error(`no inspector URL in ${logFile}`);
		await sleep(200);
	}
}

function connect(url) {
	const socket = new WebSocket(url);
	let nextId = 1;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(message.error.message));
		else waiting.resolve(message.result);
	});
	const opened = new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`inspector ${url} refused`)), {
			once: true,
		});
	});
	return {
		opened,
		send: (method, params = {}) =>
			new Promise((resolve, reject) => {
				const id = nextId++;
				pending.set(id, { resolve, reject });
				socket.send(JSON.stringify({ id, method, params }));
			}),
		close: () => socket.close(),
	};
}

/** Profiles n8n's main process while `work()` runs; resolves { result, profile }. */
export async function profileWhile(url, work) {
	const inspector = connect(url);
	await inspector.opened;
	try {
		await inspector.send('Profiler.enable');
		await inspector.send('Profiler.setSamplingInterval', { interval: 500 });
		await inspector.send('Profiler.start');
		const startedAt = Date.now();
		const result = await work();
		const { profile } = await inspector.send('Profiler.stop');
		return { result, profile, startedAt };
	} finally {
		inspector.close();
	}
}

/** Which package (or n8n part) a script belongs to. */
function ownerOf(url) {
	if (!url) return '(native / V8)';
	const modules = url.split('node_modules/');
	if (modules.length > 1) {
		const parts = modules.at(-1).split('/');
		const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
		if (name === 'n8n' && parts[1] === 'dist') return `n8n/dist/${parts[2]?.replace(/\.js$/, '')}`;
		return name;
	}
	return url.startsWith('node:') ? 'node (core)' : url.replace(/^file:\/\//, '');
}

/**
 * Self time per package and per function (top `limit` of each), as shares of the sampled time;
 * only samples between `fromMs` and `toMs` after the profile started when given.
 */
export function summariseProfile(profile, { limit = 12, fromMs = 0, toMs = Infinity } = {}) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map();
	let atUs = 0;
	profile.samples.forEach((id, i) => {
		atUs += profile.timeDeltas[i] ?? 0;
		if (atUs < fromMs * 1000 || atUs > toMs * 1000) return;
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
	});
	const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
	const packages = new Map();
	const functions = new Map();
	let idle = 0;
	for (const [id, us] of selfUs) {
		const frame = byId.get(id).callFrame;
		if (frame.functionName === '(idle)') {
			idle += us;
			continue;
		}
		const owner = ownerOf(frame.url);
		packages.set(owner, (packages.get(owner) ?? 0) + us);
		const name = `${frame.functionName || '(anonymous)'} (${owner}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
		functions.set(name, (functions.get(name) ?? 0) + us);
	}
	const top = (map) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, limit)
			.map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / total }));
	return {
		sampledMs: Math.round(total / 1000),
		busyShare: 1 - idle / total,
		packages: top(packages),
		functions: top(functions),
	};
}

export function printProfile(title, summary, print) {
	print('');
	print(
		`${title}: ${summary.sampledMs} ms sampled, main thread busy ${(summary.busyShare * 100).toFixed(0)} %`,
	);
	print('| self time by package | ms | share |');
	print('|---|---|---|');
	for (const p of summary.packages)
		print(`| ${p.name} | ${p.ms} | ${(p.share * 100).toFixed(1)} % |`);
	print('| self time by function | ms | share |');
	print('|---|---|---|');
	for (const f of summary.functions)
		print(`| ${f.name} | ${f.ms} | ${(f.share * 100).toFixed(1)} % |`);
}
