/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/* eslint-disable no-console */
/**
 * What serving a 1,000-CDR page costs the sandbox: starts it in this process with about 100,000 visible
 * CDRs, pulls every page through v1 (offset + Link) and v2 (continuation token), each twice (the first
 * pass after a data change, so uncached; the second cached), and prints wall time and CPU per page.
 * The client only drains the bytes, so the CPU is nearly all the sandbox's. For comparison it also
 * prints what JSON.parse of one page costs (what the node pays per page).
 *
 *   npx tsx test/sandbox/bench-pages.ts [--cdrs 100000] [--passes 2]
 */
import { parseArgs } from 'node:util';

import { type Dispatcher, request } from 'undici';

import { startSandbox } from './server';

const KEY = 'gfx-sandbox-full';

const { values } = parseArgs({
	options: {
		cdrs: { type: 'string', default: '100000' },
		passes: { type: 'string', default: '2' },
	},
});

interface Pass {
	pages: number;
	ms: number;
	cpuMs: number;
	/** CPU per page, in page order. */
	cpu: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function pull(base: string, first: string): Promise<{ pass: Pass; sample?: Buffer }> {
	const pass: Pass = { pages: 0, ms: 0, cpuMs: 0, cpu: [] };
	let sample: Buffer | undefined;
	let next: string | undefined = first;
	while (next) {
		const cpu = process.cpuUsage();
		const started = performance.now();
		const res: Dispatcher.ResponseData = await request(`${base}${next}`, {
			headers: { authorization: `Token ${KEY}` },
		});
		const body = Buffer.from(await res.body.arrayBuffer());
		const used = process.cpuUsage(cpu);
		const cpuMs = (used.user + used.system) / 1000;
		pass.ms += performance.now() - started;
		pass.cpuMs += cpuMs;
		pass.cpu.push(cpuMs);
		pass.pages += 1;
		if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} for ${next}`);
		sample ??= body;
		const link: string | string[] | undefined = res.headers.link;
		next = typeof link === 'string' ? /^<([^>]+)>/.exec(link)?.[1] : undefined;
	}
	return { pass, sample };
}

async function main() {
	const wanted = Number(values.cdrs);
	// About 5 % of the seeded CDRs are small ones the API hides; the seed makes 3,000 per scale unit.
	const scale = wanted / 3000 / 0.95;
	const setupStarted = performance.now();
	const sandbox = await startSandbox({ port: 0, scale, anchor: '2026-12-01', quiet: true });
	const count = sandbox.state.visibleCdrs().length;
	console.log(
		`sandbox: ${count} visible CDRs (scale ${scale.toFixed(2)}), started in ${Math.round(performance.now() - setupStarted)} ms`,
	);
	const routes = { v1: '/api/1.0/cdrs?limit=1000', v2: '/api/2.0/cdrs?limit=1000' };
	let sample: Buffer | undefined;
	for (const [name, first] of Object.entries(routes)) {
		sandbox.state.changed('cdrs'); // a data change: the first pass serialises every page
		for (let p = 1; p <= Number(values.passes); p++) {
			const result = await pull(sandbox.url, first);
			sample ??= result.sample;
			const { pages, ms, cpuMs, cpu } = result.pass;
			console.log(
				`${name} pass ${p} (${p === 1 ? 'uncached' : 'cached'}): ${pages} pages, ${(ms / pages).toFixed(1)} ms/page, CPU ${(cpuMs / pages).toFixed(1)} ms/page (median ${median(cpu).toFixed(1)}, first ${cpu[0].toFixed(1)}, max ${Math.max(...cpu).toFixed(1)}), total ${(ms / 1000).toFixed(2)} s`,
			);
		}
	}
	if (sample) {
		const runs = 5;
		const started = performance.now();
		for (let i = 0; i < runs; i++) JSON.parse(sample.toString('utf8'));
		console.log(
			`for comparison: JSON.parse of one page (${(sample.length / 1e6).toFixed(2)} MB) ${((performance.now() - started) / runs).toFixed(1)} ms`,
		);
	}
	await sandbox.close();
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
