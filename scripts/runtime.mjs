#!/usr/bin/env node
// Installs (once) and locates the n8n runtime used by `npm start` and the end-to-end tests:
// Node 24 (from the npm registry when the system Node is older) plus n8n, pinned, in a cache
// outside the work tree. CLI: `node scripts/runtime.mjs` installs and prints the paths.
// Module: `const runtime = await ensureRuntime()` → { nodeBin, nodeDir, n8nBin, n8nDir, env };
// `const chromium = await ensureChromium()` → { executablePath, version } (Debian's chromium package,
// installed with apt-get when missing) for the end-to-end editor check in a real browser;
// ensurePostgres() / ensureRedis() likewise (Debian's postgresql and redis-server) for the queue-mode e2e.
// Standard library only; runs on Node >= 20.
import { spawn, spawnSync } from 'node:child_process';
import {
	closeSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { mkdtemp, readdir, rename, rm, statfs, writeFile, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { isAlive } from './lib/processes.mjs';

/**
 * n8n version the runtime is pinned to: the one place to change it (release:check makes the docs follow).
 * Newest 2.x on the registry: 2.41.3, which does not install (checked 2026-12-05: npm ETARGET "No matching
 * version found for @n8n/agents@0.26.2", the registry serves @n8n/agents up to 0.26.1).
 */
export const N8N_VERSION = '2.41.1';
/** Node major n8n 2.41 needs (`engines: >=24.0.0`; bin/n8n exits on older Node). */
export const NODE_MAJOR = 24;

const REQUIRED_FREE_BYTES = 4 * 1024 ** 3; // n8n's tree is ~2.9 GB, plus npm cache growth and the Node tarball
const SUPPORTED_TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64'];
const COMPLETE_MARKER = '.greenflux-runtime-complete.json';
const NODE_MARKER = '.greenflux-node-complete.json';
const LOCK_WAIT_MS = 30 * 60 * 1000;

/** Cache root: $GREENFLUX_RUNTIME_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-greenflux. */
export function runtimeCacheDir() {
	if (process.env.GREENFLUX_RUNTIME_CACHE) return path.resolve(process.env.GREENFLUX_RUNTIME_CACHE);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(path.resolve(xdg), 'n8n-nodes-greenflux');
}

/** Where the pinned n8n is (or will be) installed; synchronous, installs nothing. */
export function runtimePaths(cacheDir = runtimeCacheDir()) {
	const n8nDir = path.join(cacheDir, `n8n-${N8N_VERSION}`);
	return {
		cacheDir,
		n8nDir,
		n8nPackageDir: path.join(n8nDir, 'node_modules', 'n8n'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		markerFile: path.join(n8nDir, COMPLETE_MARKER),
	};
}

class RuntimeError extends Error {}

/** Makes sure Node 24 and n8n are installed in the cache and returns how to run them. */
export async function ensureRuntime({ quiet = false } = {}) {
	const started = Date.now();
	const log = (msg) => {
		if (!quiet)
			process.stderr.write(`[runtime +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);
	};
	const paths = runtimePaths();
	const cached = readReusableInstall(paths);
	if (cached) {
		log(`reusing cached n8n ${N8N_VERSION} on Node ${cached.nodeVersion} in ${paths.n8nDir}`);
		return cached.runtime;
	}

	mkdirSync(paths.cacheDir, { recursive: true });
	const releaseLock = await acquireLock(paths.cacheDir, log);
	try {
		const afterWait = readReusableInstall(paths); // another process may have finished while we waited
		if (afterWait) {
			log(`reusing n8n ${N8N_VERSION} installed by another process in ${paths.n8nDir}`);
			return afterWait.runtime;
		}
		return await install(paths, log);
	} finally {
		releaseLock();
	}
}

async function install(paths, log) {
	const logDir = path.join(paths.cacheDir, 'logs');
	mkdirSync(logDir, { recursive: true });
	const logFile = path.join(
		logDir,
		`install-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
	);
	log(
		`installing n8n ${N8N_VERSION} into ${paths.cacheDir} (first run takes ~6-8 min and ~2.9 GB; full log: ${logFile})`,
	);

	if (existsSync(paths.n8nDir)) {
		log(`removing incomplete previous install ${paths.n8nDir}`);
		await rm(paths.n8nDir, { recursive: true, force: true });
	}
	await checkFreeSpace(paths.cacheDir);
	const node = await ensureNode(paths.cacheDir, logFile, log);
	const env = runtimeEnv(node);

	mkdirSync(paths.n8nDir, { recursive: true });
	// Own package.json so npm treats this folder as the project root instead of walking up.
	writeFileSync(
		path.join(paths.n8nDir, 'package.json'),
		JSON.stringify(
			{
				name: 'greenflux-n8n-runtime',
				private: true,
				description: 'n8n runtime for n8n-nodes-greenflux (generated)',
			},
			null,
			2,
		) + '\n',
	);

	const npmEnv = { ...process.env, ...env, npm_config_update_notifier: 'false' };
	log(`npm install n8n@${N8N_VERSION} (--ignore-scripts; the slow step)`);
	await runLogged(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`],
		{
			cwd: paths.n8nDir,
			env: npmEnv,
			logFile,
			log,
			what: `npm install n8n@${N8N_VERSION}`,
			hint: `Check that the npm registry (\`npm config get registry\`) is reachable and that there is disk space, then run again (the incomplete ${paths.n8nDir} is removed automatically).`,
		},
	);

	log('npm rebuild sqlite3 (compiles the native module against Node 24 headers)');
	await runLogged('npm', ['rebuild', 'sqlite3', '--foreground-scripts', '--ignore-scripts=false'], {
		// build_from_source: skip prebuild-install's download attempt (there is no internet) and go straight to node-gyp.
		// ignore-scripts=false: under `npm run …` npm exports the project's `ignore-scripts=true`, which would skip the build.
		cwd: paths.n8nDir,
		env: { ...npmEnv, npm_config_build_from_source: 'true', npm_config_ignore_scripts: 'false' },
		logFile,
		log,
		what: 'npm rebuild sqlite3',
		hint: `node-gyp needs python3, make and a C++ compiler, and Node headers in ${node.nodeDir ?? '(none found)'}/include/node. Fix that and run again.`,
	});

	log('verifying sqlite3 loads and `n8n --version`');
	const sqliteCheck = spawnSync(
		node.nodeBin,
		[
			'-e',
			`
		const { createRequire } = require('node:module');
		const sqlite3 = createRequire(${JSON.stringify(path.join(paths.n8nPackageDir, 'package.json'))})('sqlite3');
		const db = new sqlite3.Database(':memory:');
		db.get('select sqlite_version() as v', (err, row) => { if (err) throw err; console.log(row.v); db.close(); });
	`,
		],
		{ encoding: 'utf8', env: npmEnv },
	);
	if (sqliteCheck.status !== 0) {
		throw new RuntimeError(
			`sqlite3 does not load with Node ${node.nodeVersion}:\n${tail(sqliteCheck.stderr, 15)}\nDelete ${paths.n8nDir} and run again.`,
		);
	}
	const version = n8nVersionOf(node.nodeBin, paths.n8nBin, npmEnv);
	if (version !== N8N_VERSION) {
		throw new RuntimeError(
			`\`n8n --version\` printed ${JSON.stringify(version)}, expected ${N8N_VERSION}. Delete ${paths.n8nDir} and run again.`,
		);
	}
	log(`n8n --version → ${version}; sqlite ${sqliteCheck.stdout.trim()}`);

	const marker = {
		n8nVersion: N8N_VERSION,
		nodeVersion: node.nodeVersion,
		nodeBin: node.nodeBin,
		nodeDir: node.nodeDir,
		platform: `${process.platform}-${process.arch}`,
		completedAt: new Date().toISOString(),
	};
	await writeFileAtomic(paths.markerFile, JSON.stringify(marker, null, 2) + '\n');
	log(`done: ${paths.n8nDir}`);
	return toRuntime(paths, node);
}

// ---- Chromium for the editor check (test/e2e/scenarios/08-editor-browser.mjs) -------------------

/** Where Debian's (and most distributions') Chromium lives; GREENFLUX_CHROMIUM overrides. */
const CHROMIUM_CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome-stable',
	'/usr/bin/google-chrome',
];

function findChromium() {
	const configured = process.env.GREENFLUX_CHROMIUM;
	if (configured) {
		if (!existsSync(configured))
			throw new RuntimeError(`GREENFLUX_CHROMIUM=${configured} does not exist`);
		return configured;
	}
	return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

function chromiumVersion(executablePath) {
	const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
	if (result.status !== 0)
		throw new RuntimeError(
			`${executablePath} --version failed (${result.status ?? result.signal}): ${tail(result.stderr || String(result.error ?? ''), 10)}`,
		);
	return result.stdout.trim();
}

/**
 * Chromium for the editor check: the installed one, else Debian's `chromium` package installed with
 * `apt-get update` + `apt-get install -y chromium` (as root, on Debian/Ubuntu). Throws a RuntimeError
 * saying what to do when neither works. → { executablePath, version }
 */
export async function ensureChromium({ quiet = false } = {}) {
	const log = (msg) => {
		if (!quiet) process.stderr.write(`[runtime] ${msg}\n`);
	};
	const found = findChromium();
	if (found) return { executablePath: found, version: chromiumVersion(found) };
	const howTo =
		'Install Chromium yourself (Debian/Ubuntu: `apt-get install chromium`) or point GREENFLUX_CHROMIUM at a Chromium or Chrome binary, then run again.';
	log('Chromium is missing');
	await aptGetInstall(['chromium'], { log, howTo });
	const installed = findChromium();
	if (!installed)
		throw new RuntimeError(
			`apt-get installed chromium, but none of ${CHROMIUM_CANDIDATES.join(', ')} exists. ${howTo}`,
		);
	const version = chromiumVersion(installed);
	log(`installed ${version} (${installed})`);
	return { executablePath: installed, version };
}

/**
 * `apt-get update` + `apt-get install -y <packages>` (Debian/Ubuntu, as root), logged to the cache's logs/
 * folder; throws a RuntimeError ending with `howTo` when this machine cannot do that.
 */
export async function aptGetInstall(packages, { log = () => {}, howTo = '' } = {}) {
	const what = packages.join(' ');
	if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get'))
		throw new RuntimeError(`${what}: not installed and this is not a Debian-like system. ${howTo}`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0)
		throw new RuntimeError(
			`${what}: not installed, and installing with apt-get needs root (this is uid ${process.getuid()}). ${howTo}`,
		);
	const logDir = path.join(runtimeCacheDir(), 'logs');
	mkdirSync(logDir, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const logFile = path.join(logDir, `apt-${packages[0]}-${stamp}.log`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`apt-get update && apt-get install -y ${what} (log: ${logFile})`);
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
		await runLogged('apt-get', args, {
			cwd: os.tmpdir(),
			env,
			logFile,
			log,
			what: `apt-get ${args.join(' ')}`,
			hint: `The Debian package archive must be reachable. ${howTo}`,
		});
	}
}

// ---- PostgreSQL and Redis for the queue-mode e2e (test/e2e/queue/) ------------------------------

/** Debian keeps PostgreSQL's server binaries in /usr/lib/postgresql/<major>/bin; the newest wins. */
function findPostgresBin() {
	const configured = process.env.GREENFLUX_POSTGRES_BIN;
	if (configured) return configured;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	return readdirSync(root)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a))
		.map((v) => path.join(root, v, 'bin'))
		.find((bin) => ['initdb', 'postgres', 'createdb'].every((f) => existsSync(path.join(bin, f))));
}

/** PostgreSQL server binaries: Debian's `postgresql` package, installed when missing. → { binDir } */
export async function ensurePostgres({ quiet = false } = {}) {
	const log = (msg) => quiet || process.stderr.write(`[runtime] ${msg}\n`);
	let binDir = findPostgresBin();
	if (!binDir) {
		log('PostgreSQL is missing (needed by the queue-mode e2e)');
		await aptGetInstall(['postgresql'], {
			log,
			howTo:
				'Install it yourself (`apt-get install postgresql`) or point GREENFLUX_POSTGRES_BIN at a folder with initdb, postgres and createdb, then run again.',
		});
		binDir = findPostgresBin();
		if (!binDir)
			throw new RuntimeError(
				'apt-get installed postgresql, but /usr/lib/postgresql/*/bin has no initdb',
			);
	}
	return { binDir };
}

/** Redis: Debian's `redis-server` package, installed when missing. → { redisServer } */
export async function ensureRedis({ quiet = false } = {}) {
	const log = (msg) => quiet || process.stderr.write(`[runtime] ${msg}\n`);
	const find = () =>
		[process.env.GREENFLUX_REDIS_SERVER, '/usr/bin/redis-server'].find((f) => f && existsSync(f));
	if (!find()) {
		log('Redis is missing (needed by the queue-mode e2e)');
		await aptGetInstall(['redis-server'], {
			log,
			howTo:
				'Install it yourself (`apt-get install redis-server`) or point GREENFLUX_REDIS_SERVER at a redis-server binary, then run again.',
		});
		if (!find())
			throw new RuntimeError(
				'apt-get installed redis-server, but /usr/bin/redis-server is missing',
			);
	}
	return { redisServer: find() };
}

/** Returns the cached install when its marker is present and still matches the files on disk. */
function readReusableInstall(paths) {
	let marker;
	try {
		marker = JSON.parse(readFileSync(paths.markerFile, 'utf8'));
	} catch {
		return undefined;
	}
	if (marker.n8nVersion !== N8N_VERSION || !existsSync(paths.n8nBin)) return undefined;
	const node = systemNodeIsEnough()
		? systemNode()
		: readCachedNode(path.dirname(path.dirname(marker.nodeBin ?? '/')));
	if (!node || !existsSync(node.nodeBin)) return undefined;
	// sqlite3 was compiled for one Node ABI: a different major means a reinstall.
	if (majorOf(node.nodeVersion) !== majorOf(marker.nodeVersion)) return undefined;
	return { nodeVersion: node.nodeVersion, runtime: toRuntime(paths, node) };
}

function toRuntime(paths, node) {
	return {
		nodeBin: node.nodeBin,
		nodeDir: node.nodeDir,
		n8nBin: paths.n8nBin,
		n8nDir: paths.n8nDir,
		env: runtimeEnv(node),
	};
}

/** Environment additions to run n8n (and npm/node-gyp) with Node 24: PATH with Node 24 first, npm_config_nodedir. */
function runtimeEnv(node) {
	const env = {
		PATH: [path.dirname(node.nodeBin), process.env.PATH].filter(Boolean).join(path.delimiter),
	};
	if (node.nodeDir) env.npm_config_nodedir = node.nodeDir;
	return env;
}

function majorOf(version) {
	return Number(String(version).replace(/^v/, '').split('.')[0]);
}

function systemNodeIsEnough() {
	return majorOf(process.versions.node) >= NODE_MAJOR;
}

function systemNode() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	// Headers for node-gyp: use the installation's own include/node when present (otherwise node-gyp falls back to its default).
	const nodeDir = existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
	return { nodeBin: process.execPath, nodeDir, nodeVersion: process.versions.node };
}

function nodeTarget() {
	const target = `${process.platform}-${process.arch}`;
	if (!SUPPORTED_TARGETS.includes(target)) {
		throw new RuntimeError(
			`No Node ${NODE_MAJOR} package for ${target} (supported: ${SUPPORTED_TARGETS.join(', ')}). Install Node ${NODE_MAJOR} yourself and run this with it.`,
		);
	}
	return target;
}

function readCachedNode(nodeDir) {
	try {
		const marker = JSON.parse(readFileSync(path.join(nodeDir, NODE_MARKER), 'utf8'));
		const nodeBin = path.join(nodeDir, 'bin', 'node');
		if (!existsSync(nodeBin)) return undefined;
		return { nodeBin, nodeDir, nodeVersion: marker.nodeVersion };
	} catch {
		return undefined;
	}
}

/** Uses the system Node when it is new enough, else unpacks node-<platform>-<arch>@24 from the npm registry into the cache. */
async function ensureNode(cacheDir, logFile, log) {
	if (systemNodeIsEnough()) {
		const node = systemNode();
		log(`using system Node ${node.nodeVersion} (${node.nodeBin})`);
		return node;
	}
	const target = nodeTarget();
	const nodeDir = path.join(cacheDir, `node-${NODE_MAJOR}-${target}`);
	const cached = readCachedNode(nodeDir);
	if (cached) {
		log(`reusing Node ${cached.nodeVersion} in ${nodeDir}`);
		return cached;
	}
	const spec = `node-${target}@${NODE_MAJOR}`;
	log(`system Node ${process.versions.node} is older than ${NODE_MAJOR}: npm pack ${spec}`);
	const work = await mkdtemp(path.join(cacheDir, '.tmp-node-'));
	try {
		const out = await runLogged('npm', ['pack', spec, '--json', '--pack-destination', work], {
			cwd: work,
			env: { ...process.env, npm_config_update_notifier: 'false' },
			logFile,
			log,
			what: `npm pack ${spec}`,
			hint: 'Check that the npm registry (`npm config get registry`) is reachable, then run again.',
		});
		const tarball = (await readdir(work)).find((f) => f.endsWith('.tgz'));
		if (!tarball)
			throw new RuntimeError(`npm pack ${spec} produced no tarball in ${work}:\n${tail(out, 10)}`);
		log(`extracting ${tarball}`);
		const extracted = path.join(work, 'extracted');
		mkdirSync(extracted);
		const tar = spawnSync(
			'tar',
			['-xzf', path.join(work, tarball), '-C', extracted, '--strip-components=1'],
			{ encoding: 'utf8' },
		);
		if (tar.status !== 0)
			throw new RuntimeError(`tar could not extract ${tarball}: ${tar.stderr || tar.error}`);
		const nodeBin = path.join(extracted, 'bin', 'node');
		const probe = spawnSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
		if (probe.status !== 0)
			throw new RuntimeError(
				`the Node binary from ${spec} does not run: ${probe.stderr || probe.error}`,
			);
		const nodeVersion = probe.stdout.trim();
		if (majorOf(nodeVersion) !== NODE_MAJOR)
			throw new RuntimeError(`${spec} contains Node ${nodeVersion}, expected ${NODE_MAJOR}.x`);
		if (!existsSync(path.join(extracted, 'include', 'node', 'node.h'))) {
			throw new RuntimeError(
				`${spec} has no include/node headers; node-gyp could not build sqlite3 offline.`,
			);
		}
		writeFileSync(
			path.join(extracted, NODE_MARKER),
			JSON.stringify({ nodeVersion, package: spec, completedAt: new Date().toISOString() }) + '\n',
		);
		await rm(nodeDir, { recursive: true, force: true });
		await rename(extracted, nodeDir);
		log(`Node ${nodeVersion} ready in ${nodeDir}`);
		return readCachedNode(nodeDir);
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

async function checkFreeSpace(dir) {
	let stats;
	try {
		stats = await statfs(dir);
	} catch {
		return; // statfs unsupported: let npm fail loudly instead
	}
	const free = stats.bavail * stats.bsize;
	if (free < REQUIRED_FREE_BYTES) {
		throw new RuntimeError(
			`only ${(free / 1024 ** 3).toFixed(1)} GB free in ${dir}; the n8n runtime needs ~${REQUIRED_FREE_BYTES / 1024 ** 3} GB. ` +
				'Free some space or point GREENFLUX_RUNTIME_CACHE at a larger disk, then run again.',
		);
	}
}

let currentChild; // the npm/tar process running right now, killed if we are interrupted

/** Runs a command, appends its output to logFile, prints a heartbeat each minute; rejects with the output tail on failure. */
function runLogged(cmd, args, { cwd, env, logFile, log, what, hint }) {
	return new Promise((resolve, reject) => {
		const stepStart = Date.now();
		const file = createWriteStream(logFile, { flags: 'a' });
		file.write(`\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
		let output = '';
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		currentChild = child;
		const collect = (chunk) => {
			file.write(chunk);
			output = (output + chunk.toString()).slice(-64 * 1024);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		const heartbeat = setInterval(
			() => log(`  … ${what} still running (${Math.round((Date.now() - stepStart) / 1000)}s)`),
			60_000,
		);
		const finish = (err) => {
			clearInterval(heartbeat);
			currentChild = undefined;
			file.end(() => (err ? reject(err) : resolve(output)));
		};
		child.on('error', (error) =>
			finish(
				new RuntimeError(`${what} could not start (${error.message}). Is \`${cmd}\` on PATH?`),
			),
		);
		child.on('close', (code, signal) => {
			if (code === 0) return finish();
			finish(
				new RuntimeError(
					`${what} failed (${signal ? `signal ${signal}` : `exit code ${code}`}) after ${Math.round((Date.now() - stepStart) / 1000)}s.\n` +
						`--- last lines of output (full log: ${logFile}) ---\n${tail(output, 25)}\n---\n${hint ?? ''}`,
				),
			);
		});
	});
}

function n8nVersionOf(nodeBin, n8nBin, env) {
	// Throw-away user folder: n8n must not create ~/.n8n just to print its version.
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'n8n-version-'));
	try {
		const result = spawnSync(nodeBin, [n8nBin, '--version'], {
			encoding: 'utf8',
			env: { ...env, N8N_USER_FOLDER: userFolder, N8N_DIAGNOSTICS_ENABLED: 'false' },
			timeout: 120_000,
		});
		if (result.status !== 0) {
			throw new RuntimeError(
				`\`n8n --version\` failed (exit ${result.status}${result.signal ? `, ${result.signal}` : ''}):\n${tail(result.stderr + result.stdout, 15)}`,
			);
		}
		return result.stdout.trim().split('\n').pop().trim();
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

/** Exclusive install lock in the cache dir; waits while another live process holds it, takes over stale locks. */
async function acquireLock(cacheDir, log) {
	const lockFile = path.join(cacheDir, '.install.lock');
	const waitStart = Date.now();
	let announced = false;
	for (;;) {
		try {
			const fd = openSync(lockFile, 'wx');
			writeFileSync(fd, `${process.pid}\n`);
			closeSync(fd);
			return () => {
				try {
					if (readFileSync(lockFile, 'utf8').trim() === String(process.pid))
						unlinkSyncQuiet(lockFile);
				} catch {}
			};
		} catch (error) {
			if (error.code !== 'EEXIST')
				throw new RuntimeError(`cannot create ${lockFile}: ${error.message}`);
		}
		const holder = Number(readFileQuiet(lockFile).trim());
		if (!holder || !isAlive(holder)) {
			await unlink(lockFile).catch(() => {});
			continue;
		}
		if (!announced) {
			log(`another install (pid ${holder}) is running; waiting for it (lock ${lockFile})`);
			announced = true;
		}
		if (Date.now() - waitStart > LOCK_WAIT_MS) {
			throw new RuntimeError(
				`gave up waiting for install process ${holder} (lock ${lockFile}). Stop it or delete the lock, then run again.`,
			);
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function readFileQuiet(file) {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function unlinkSyncQuiet(file) {
	try {
		unlinkSync(file);
	} catch {}
}

async function writeFileAtomic(file, content) {
	const tmp = `${file}.${process.pid}.tmp`;
	await writeFile(tmp, content);
	await rename(tmp, file);
}

function tail(text, lines) {
	return String(text ?? '')
		.trimEnd()
		.split('\n')
		.slice(-lines)
		.join('\n');
}

async function main() {
	let interrupted = false;
	const interrupt = (signal) => {
		interrupted = true;
		process.stderr.write(
			`\n[runtime] interrupted (${signal}); no completion marker written, the next run starts over.\n`,
		);
		if (currentChild) currentChild.kill('SIGTERM');
		process.exitCode = 130;
		setTimeout(() => process.exit(130), 2000).unref();
	};
	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	try {
		const runtime = await ensureRuntime();
		let chromium;
		try {
			chromium = await ensureChromium();
		} catch (error) {
			process.stderr.write(
				`[runtime] no Chromium for the editor check of \`npm run test:e2e\`: ${error instanceof RuntimeError ? error.message : error.stack}\n`,
			);
		}
		process.stdout.write(
			[
				`n8n ${N8N_VERSION} runtime ready`,
				`  node:    ${runtime.nodeBin}`,
				`  nodeDir: ${runtime.nodeDir ?? '(system default)'}`,
				`  n8n:     ${runtime.n8nBin}`,
				`  n8nDir:  ${runtime.n8nDir}`,
				`  chromium: ${chromium ? `${chromium.version} (${chromium.executablePath})` : 'none (see above)'}`,
				`  env:     ${Object.entries(runtime.env)
					.map(
						([k, v]) =>
							`${k}=${k === 'PATH' ? `${path.dirname(runtime.nodeBin)}${path.delimiter}…` : v}`,
					)
					.join(' ')}`,
				'Run it through scripts/lib/n8n-process.mjs (startN8n / runN8nCli), which adds the headless, offline n8n settings.',
			].join('\n') + '\n',
		);
	} catch (error) {
		if (interrupted) process.exit(130);
		process.stderr.write(
			`\n[runtime] FAILED: ${error instanceof RuntimeError ? error.message : error.stack}\n`,
		);
		process.exit(1);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await main();
}
