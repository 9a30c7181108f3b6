// PostgreSQL and Redis for n8n's queue mode, started for one run: loopback only, on free ports, with data,
// sockets and logs in the given folder, each in its own process group (processes.mjs) so that they are
// stopped with the run, also on failure or Ctrl-C. Binaries from Debian's packages (runtime.mjs installs
// them when missing).
//   const pg = await startPostgres({ dir });   // { host, port, database, user, password, pid, stop() }
//   const redis = await startRedis({ dir });   // { host, port, password, pid, stop() }
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ensurePostgres, ensureRedis } from '../runtime.mjs';
import { freePort } from './n8n-process.mjs';
import { killGroup, sleep, stopGroup, trackGroup } from './processes.mjs';

const HOST = '127.0.0.1';

/** initdb refuses to run as root: as root, PostgreSQL runs as the `postgres` user Debian's package creates. */
function serverUser() {
	if (process.getuid?.() !== 0) return {};
	const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	if (uid.status !== 0)
		throw new Error(
			"running as root and there is no `postgres` user to run PostgreSQL as (initdb refuses root); install Debian's postgresql package or run as a normal user",
		);
	return { uid: Number(uid.stdout), gid: Number(id('-g').stdout) };
}

/** Runs a command to completion as `user`; throws with its output when it fails. */
function runAs(user, cmd, args, env = {}) {
	const result = spawnSync(cmd, args, {
		cwd: '/',
		encoding: 'utf8',
		env: { ...process.env, ...env },
		...user,
	});
	if (result.status !== 0)
		throw new Error(
			`${path.basename(cmd)} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error}):\n${result.stdout}${result.stderr}`,
		);
}

/** Spawns a server in its own process group; resolves once `readyText` appears in its output. */
async function startServer(name, cmd, args, { logFile, readyText, user = {}, timeoutMs = 60_000 }) {
	const child = spawn(cmd, args, {
		cwd: path.dirname(logFile),
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...user,
	});
	child.on('error', () => {});
	if (!child.pid) throw new Error(`could not start ${name} (${cmd})`);
	trackGroup(child.pid);
	const log = createWriteStream(logFile, { flags: 'a' });
	let output = '';
	for (const stream of [child.stdout, child.stderr])
		stream.on('data', (chunk) => {
			log.write(chunk);
			output = (output + chunk).slice(-16 * 1024);
		});
	const stop = async (firstSignal) => {
		if (firstSignal) killGroup(child.pid, firstSignal);
		await stopGroup(child.pid, child, 15_000);
		await new Promise((resolve) => log.end(resolve));
	};
	const deadline = Date.now() + timeoutMs;
	while (!output.includes(readyText)) {
		if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
			const why =
				child.exitCode !== null || child.signalCode !== null
					? `${cmd} exited with ${child.exitCode ?? child.signalCode}`
					: `no "${readyText}" within ${timeoutMs / 1000}s`;
			await stop();
			throw new Error(`${name} did not start: ${why} (log ${logFile}):\n${output.slice(-3000)}`);
		}
		await sleep(100);
	}
	return { pid: child.pid, stop };
}

/** A PostgreSQL cluster of its own (initdb in <dir>/postgres) with a database `n8n` owned by user `n8n`. */
export async function startPostgres({ dir }) {
	const { binDir } = await ensurePostgres();
	const user = serverUser();
	const root = path.join(dir, 'postgres');
	const data = path.join(root, 'data');
	mkdirSync(root, { recursive: true });
	const password = randomBytes(12).toString('hex');
	const pwfile = path.join(root, 'pwfile');
	writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	if (user.uid !== undefined) {
		// The server user must reach its folder through the run's private temporary folder.
		chmodSync(dir, 0o711);
		chownSync(root, user.uid, user.gid);
		chownSync(pwfile, user.uid, user.gid);
	}
	runAs(user, path.join(binDir, 'initdb'), [
		'-D',
		data,
		'-U',
		'n8n',
		`--pwfile=${pwfile}`,
		'--auth=scram-sha-256',
		'-E',
		'UTF8',
		'--no-instructions',
		'--no-sync',
	]);
	const port = await freePort();
	const server = await startServer(
		'PostgreSQL',
		path.join(binDir, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			root, // unix socket in the run's folder, not /var/run/postgresql
			'-c',
			`listen_addresses=${HOST}`,
			// A throw-away test database: durability is not needed.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{
			logFile: path.join(dir, 'postgres.log'),
			readyText: 'database system is ready to accept connections',
			user,
		},
	);
	try {
		runAs(
			user,
			path.join(binDir, 'createdb'),
			['-h', HOST, '-p', String(port), '-U', 'n8n', 'n8n'],
			{ PGPASSWORD: password },
		);
	} catch (error) {
		await server.stop('SIGINT');
		throw error;
	}
	return {
		host: HOST,
		port,
		database: 'n8n',
		user: 'n8n',
		password,
		pid: server.pid,
		// SIGINT = PostgreSQL's fast shutdown (SIGTERM would wait for clients to disconnect).
		stop: () => server.stop('SIGINT'),
	};
}

/** A Redis of its own: no persistence, password required, working folder <dir>/redis. */
export async function startRedis({ dir }) {
	const { redisServer } = await ensureRedis();
	const root = path.join(dir, 'redis');
	mkdirSync(root, { recursive: true });
	const port = await freePort();
	const password = randomBytes(12).toString('hex');
	const server = await startServer(
		'Redis',
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			HOST,
			'--dir',
			root,
			'--save',
			'',
			'--appendonly',
			'no',
			'--requirepass',
			password,
		],
		{ logFile: path.join(dir, 'redis.log'), readyText: 'Ready to accept connections' },
	);
	return { host: HOST, port, password, pid: server.pid, stop: () => server.stop() };
}

/** The environment every n8n process of a queue-mode setup shares (database, queue, binary data). */
export function queueEnv(pg, redis) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_PASSWORD: redis.password,
		// Binary data in the database: a worker's file is readable by main and the other processes
		// (n8n's default in queue mode; filesystem mode would keep it on one machine).
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Manual runs from the editor go to the workers too (n8n v3's behaviour).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}
