// `npm run test:all` — the README's test command and what CI runs after `npm ci`:
// build, lint (strict, zero errors), format check (prettier), typecheck, unit + engine + contract tests, end-to-end tests in a real n8n,
// then the same package in n8n's queue mode (PostgreSQL, Redis, main, webhook processor, two workers).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const steps = [
	'build',
	'lint',
	'format:check',
	'typecheck',
	'test',
	'test:e2e',
	'test:e2e:queue',
].filter((step) => scripts[step]);
const timings = [];
for (const step of steps) {
	const started = Date.now();
	console.log(`\n=== npm run ${step}`);
	const result = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit', shell: false });
	const seconds = Math.round((Date.now() - started) / 1000);
	timings.push(`${step} ${seconds}s`);
	if (result.status !== 0) {
		console.log(
			`\n=== FAILED at "npm run ${step}" (exit ${result.status ?? result.signal}) after: ${timings.join(', ')}`,
		);
		process.exit(1);
	}
}
const dist = [
	'dist/credentials/GreenFluxPlatformApi.credentials.js',
	'dist/nodes/GreenFlux/GreenFlux.node.js',
	'dist/icons/greenflux.svg',
	'dist/icons/greenflux.dark.svg',
];
const missing = dist.filter((f) => !existsSync(f));
if (missing.length) {
	console.log(`=== FAILED: build output missing ${missing.join(', ')}`);
	process.exit(1);
}
console.log(`\n=== all green: ${timings.join(', ')}`);
