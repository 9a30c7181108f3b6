// A scenario's own GreenFlux sandbox and n8n, for scenarios that must restart n8n or change its
// environment (the suite's n8n is shared by the other scenarios and stays untouched): the sandbox with
// `POST /__sandbox/publish` (test/sandbox/push/publishingSandbox.ts, so the push emitter can file what it
// pushes), and an n8n 2.41.1 with the same package tarball, credentials and owner as the suite's, in a
// folder of the run's temporary folder. `restart()` stops n8n and starts it again on the same user
// folder and port; `kill()` ends it with SIGKILL (no shutdown at all) and `start()` starts it again;
// `stop()` stops both (also call it when the scenario fails).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
	freePort,
	restartN8n,
	runN8nCli,
	startN8n,
	startPackagedN8n,
} from '../../../scripts/lib/n8n-process.mjs';
import { killGroup } from '../../../scripts/lib/processes.mjs';
import {
	CREDENTIALS,
	ensureRuntimeFromNpmScript,
	FORM_LOGIN_USER,
	login,
	nodeTypes,
	packPackage,
	randomFormPassword,
	sandboxCredentials,
	startSandboxProcess,
} from '../../../scripts/lib/greenflux-demo.mjs';
import { createContext } from './context.mjs';

/** n8n's default (N8N_GRACEFUL_SHUTDOWN_TIMEOUT), set explicitly. */
const GRACEFUL_SHUTDOWN_SECONDS = 30;

/**
 * @param {object} ctx the suite's ctx (its tarball in ctx.tmpDir, its log function)
 * @param {{ name: string, env?: Record<string, string>, sandboxArgs?: string[] }} options folder name under ctx.tmpDir; extra n8n environment; extra sandbox options (e.g. --scale 34)
 * @returns {Promise<{ ctx: object, sandbox: object, exportFolder: string, folder: string, restart(): Promise<number>, stop(): Promise<void> }>}
 *   `ctx` is a full scenario context (lib/context.mjs) for this n8n and sandbox; restart() resolves with the seconds n8n was down.
 */
export async function startOwnInstance(ctx, { name, env: extraEnv = {}, sandboxArgs = [] }) {
	const folder = path.join(ctx.tmpDir, name);
	const userFolder = path.join(folder, 'n8n');
	const exportFolder = path.join(folder, 'exports');
	await mkdir(exportFolder, { recursive: true });
	const sandboxLog = path.join(folder, 'sandbox-requests.jsonl');
	await writeFile(sandboxLog, '');
	const n8nLog = path.join(folder, 'n8n.log');
	const anchor = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
	const owner = { email: 'e2e-own@example.com', password: `Own-${Date.now().toString(36)}-Pw1` };

	const stops = [];
	const stop = async () => {
		for (const stopOne of stops.reverse()) await stopOne().catch(() => {});
		stops.length = 0;
	};
	try {
		// The publishing sandbox files what the push emitter pushes (POST /__sandbox/publish).
		const sandbox = await startSandboxProcess({
			script: path.join('test', 'sandbox', 'push', 'publishingSandbox.ts'),
			port: 0,
			anchor,
			commandDelayMs: 1000,
			extraArgs: sandboxArgs,
			logFile: sandboxLog,
			// A large --scale seeds for a while (scale 34, 102,000 CDRs: about 50 s on 2 busy cores).
			timeoutMs: sandboxArgs.length > 0 ? 240_000 : 60_000,
		});
		stops.push(sandbox.stop);
		const runtime = await ensureRuntimeFromNpmScript({ quiet: true });
		const tarball =
			(await readdir(ctx.tmpDir))
				.filter((f) => f.endsWith('.tgz'))
				.map((f) => path.join(ctx.tmpDir, f))[0] ?? (await packPackage(folder));
		// An operator's restart: SIGKILL only once n8n's own graceful shutdown has had its time.
		const n8nOptions = { logFile: n8nLog, stopTimeoutMs: (GRACEFUL_SHUTDOWN_SECONDS + 15) * 1000 };
		const formLogin = { user: FORM_LOGIN_USER, password: randomFormPassword() };
		const started = await startPackagedN8n(runtime, {
			userFolder,
			tarball,
			owner,
			credentialsFile: path.join(folder, 'credentials.json'),
			credentials: sandboxCredentials(sandbox.url, { formPassword: formLogin.password }),
			env: {
				N8N_RESTRICT_FILE_ACCESS_TO: exportFolder,
				// n8n waits this long on SIGTERM for running executions; queued ones it runs again on start.
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(GRACEFUL_SHUTDOWN_SECONDS),
				...extraEnv,
			},
			n8nOptions,
			apiKeyLabel: name,
		});
		const { env, apiKey } = started;
		let n8n = started.n8n;
		stops.push(() => n8n.stop());
		const cookie = await login(n8n.url, owner.email, owner.password);
		const own = createContext({
			n8n: {
				url: n8n.url,
				apiKey,
				cookie,
				email: owner.email,
				password: owner.password,
				userFolder,
				env,
				cli: async (args, cliOptions) =>
					runN8nCli(
						runtime,
						{ ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
						args,
						cliOptions,
					),
			},
			sandbox: { url: sandbox.url, logFile: sandboxLog, anchor },
			exportFolder,
			tmpDir: folder,
			outputDir: ctx.outputDir,
			credentials: Object.values(CREDENTIALS),
			formLogin,
			nodeTypes: await nodeTypes(n8n.url, cookie),
			log: ctx.log,
		});
		return {
			ctx: own,
			sandbox: { ...sandbox, logFile: sandboxLog, anchor },
			exportFolder,
			folder,
			n8nLog,
			/** Stops n8n and starts it again (same user folder, database and port); resolves with the seconds it was down. */
			async restart() {
				const started = Date.now();
				n8n = await restartN8n(runtime, env, n8n, n8nOptions);
				return (Date.now() - started) / 1000;
			},
			/** Ends n8n and its task runners with SIGKILL (a crash: no shutdown, nothing saved); resolves once they are gone. */
			async kill() {
				killGroup(n8n.pid, 'SIGKILL');
				await n8n.stop();
			},
			/** Starts n8n again after kill() (same user folder, database and port); resolves once it is ready. */
			async start() {
				n8n = await startN8n(runtime, env, n8nOptions);
			},
			/** Node 24 of the n8n runtime (it has node:sqlite, to read n8n's database). */
			nodeBin: runtime.nodeBin,
			databaseFile: path.join(userFolder, '.n8n', 'database.sqlite'),
			output: () => n8n.output(),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Adds a scenario context's statistics to the suite's (checks, runs, compared items). */
export function addStats(into, from) {
	for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + from[key];
}
