// n8n in queue mode for the e2e: PostgreSQL and Redis (scripts/lib/queue-services.mjs), then n8n main,
// one `n8n webhook` process and two `n8n worker` processes, each with its own user folder into which the
// packed package is installed the way n8n installs a community package. All share the database, the
// queue and the encryption key. stop() stops everything it started (n8n first, then Redis, PostgreSQL).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
	freePort,
	installPackageInto,
	n8nEnv,
	importCredentials,
	startN8n,
} from '../../../scripts/lib/n8n-process.mjs';
import { groupAlive, sleep } from '../../../scripts/lib/processes.mjs';
import { queueEnv, startPostgres, startRedis } from '../../../scripts/lib/queue-services.mjs';

export const WORKERS = ['worker-1', 'worker-2'];

/**
 * live.stopCluster is set at once, so that an interrupted start can still be stopped.
 * @returns {Promise<{ main, webhook, workers, env, pg, redis, logs, whoRan(ids), queueMetrics(), alive(), stop() }>}
 *   main/webhook/workers as startN8n returns them; env = main's environment.
 */
export async function startQueueCluster({
	runtime,
	dir,
	tarball,
	credentialsFile,
	owner,
	log,
	live = {},
}) {
	const stops = [];
	const started = [];
	const stop = async () => {
		const errors = [];
		for (const stopOne of stops.splice(0).reverse())
			await stopOne().catch((error) => errors.push(error.message));
		if (errors.length) throw new Error(`stopping the queue setup: ${errors.join('; ')}`);
	};
	live.stopCluster = stop; // for Ctrl-C while starting
	try {
		const pg = await startPostgres({ dir });
		stops.push(pg.stop);
		started.push(pg.pid);
		const redis = await startRedis({ dir });
		stops.push(redis.stop);
		started.push(redis.pid);
		log(
			`PostgreSQL 127.0.0.1:${pg.port} (pid ${pg.pid}), Redis 127.0.0.1:${redis.port} (pid ${redis.pid})`,
		);

		const encryptionKey = randomBytes(16).toString('hex');
		const webhookPort = await freePort();
		const shared = {
			...queueEnv(pg, redis),
			// The production URLs the editor shows: the webhook processor's (what GreenFlux must get).
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
		};
		const envFor = async (name, extra = {}) => {
			const userFolder = path.join(dir, `n8n-${name}`);
			await installPackageInto(userFolder, tarball);
			return {
				...n8nEnv({
					userFolder,
					port: extra.port ?? (await freePort()),
					brokerPort: await freePort(),
					encryptionKey,
					...(extra.owner ? { ownerEmail: owner.email, ownerPassword: owner.password } : {}),
				}),
				...shared,
			};
		};
		const mainEnv = {
			...(await envFor('main', { owner: true })),
			// Prometheus metrics with the queue's job counts (what docs/deployment.md says to watch).
			N8N_METRICS: 'true',
			N8N_METRICS_INCLUDE_QUEUE_METRICS: 'true',
			N8N_METRICS_QUEUE_METRICS_INTERVAL: '1',
			// Production webhooks only on the webhook processor, as docs/deployment.md recommends.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		};
		await importCredentials(runtime, mainEnv, credentialsFile);

		const logs = {};
		const startOne = async (name, command, env) => {
			logs[name] = path.join(dir, `${name}.log`);
			const proc = await startN8n(runtime, env, { command, logFile: logs[name] });
			stops.push(proc.stop);
			started.push(proc.pid);
			log(
				`n8n ${command} "${name}" ready (pid ${proc.pid}${command === 'worker' ? '' : `, ${proc.url}`})`,
			);
			return proc;
		};
		const main = await startOne('main', 'start', mainEnv);
		// The others after main: main runs the database migrations.
		const [webhook, ...workers] = await Promise.all([
			envFor('webhook', { port: webhookPort }).then((env) => startOne('webhook', 'webhook', env)),
			...WORKERS.map((name) => envFor(name).then((env) => startOne(name, 'worker', env))),
		]);

		/** Which worker logged "Worker started execution <id>" for each id: { byId: Map, perWorker: {name: n} }. */
		const whoRan = async (ids) => {
			const byId = new Map();
			const twice = [];
			for (const name of WORKERS) {
				const text = await readFile(logs[name], 'utf8');
				for (const [, id] of text.matchAll(/Worker started execution (\d+)/g)) {
					if (byId.has(id) && byId.get(id) !== name) twice.push(id);
					byId.set(id, name);
				}
			}
			const wanted = ids.map(String);
			const perWorker = Object.fromEntries(WORKERS.map((name) => [name, 0]));
			const nowhere = [];
			for (const id of wanted) {
				const name = byId.get(id);
				if (name) perWorker[name]++;
				else nowhere.push(id);
			}
			return { byId, perWorker, nowhere, twice: twice.filter((id) => wanted.includes(id)) };
		};
		/** main's /metrics queue figures: { waiting, active, completed, failed } (completed/failed since start). */
		const queueMetrics = async () => {
			const text = await (await fetch(`${main.url}/metrics`)).text();
			const value = (name) =>
				Number(new RegExp(`^n8n_scaling_mode_queue_jobs_${name} (\\S+)$`, 'm').exec(text)?.[1]);
			return Object.fromEntries(
				['waiting', 'active', 'completed', 'failed'].map((name) => [name, value(name)]),
			);
		};
		/** Waits until main's metrics show an empty queue twice in a row (2 s apart); → the figures then. */
		const queueIdle = async ({ timeoutMs = 60_000 } = {}) => {
			const deadline = Date.now() + timeoutMs;
			let previous;
			for (;;) {
				const now = await queueMetrics();
				const idle = now.waiting === 0 && now.active === 0;
				if (idle && previous?.completed === now.completed) return now;
				previous = idle ? now : undefined;
				if (Date.now() > deadline)
					throw new Error(
						`the queue is not empty after ${timeoutMs / 1000}s: ${JSON.stringify(now)}`,
					);
				await sleep(2000);
			}
		};
		return {
			main,
			webhook,
			workers,
			env: mainEnv,
			pg,
			redis,
			logs,
			whoRan,
			queueMetrics,
			queueIdle,
			/** Process groups started (PostgreSQL, Redis, the n8n processes) that are still running. */
			alive: () => started.filter((pid) => groupAlive(pid)),
			stop,
		};
	} catch (error) {
		await stop().catch(() => {});
		throw error;
	}
}
