// `npm run release:check` — what must hold before a version tag is pushed (the tag makes
// .github/workflows/publish.yml publish to npm with provenance):
//   1. n8n's own checks: `n8n-node lint` (the community-node rules n8n verifies packages with) after a
//      fresh `n8n-node build`, and `n8n-node prerelease` (n8n's guard that publishing goes through the
//      release path: it fails without RELEASE_MODE, which publish.yml sets);
//   2. package.json as n8n's verification wants it: name n8n-nodes-*, the community keyword, MIT, no
//      runtime dependencies, n8n.strict, every listed node and credential built; the docs name the
//      n8n version pinned in scripts/runtime.mjs;
//   3. `npm pack --dry-run`: prints the packed files and fails unless they are only dist/, README.md,
//      LICENSE and package.json (no sources, tests, sandbox, workflows or secrets).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './lib/greenflux-demo.mjs';
import { N8N_VERSION } from './runtime.mjs';

const failures = [];
const fail = (message) => {
	failures.push(message);
	console.log(`  FAIL ${message}`);
};
const ok = (message) => console.log(`  ok   ${message}`);

function run(label, cmd, args, { env = {}, expectFailure = false } = {}) {
	console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
	const result = spawnSync(cmd, args, {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = `${result.stdout}${result.stderr}`.trim();
	const succeeded = result.status === 0;
	if (succeeded === expectFailure) {
		if (output) console.log(output.split('\n').slice(-40).join('\n'));
		fail(`${label}: exit ${result.status ?? result.signal}`);
	} else ok(`${label} (exit ${result.status})`);
	return result;
}

// 1. n8n's checks.
run('build', 'npm', ['run', 'build']);
run('n8n lint', 'npx', ['n8n-node', 'lint']);
run('n8n prerelease guard, as publish.yml runs it', 'npx', ['n8n-node', 'prerelease'], {
	env: { RELEASE_MODE: 'true' },
});
run('n8n prerelease guard stops a plain `npm publish`', 'npx', ['n8n-node', 'prerelease'], {
	env: { RELEASE_MODE: '' },
	expectFailure: true,
});

// 2. package.json.
console.log('\n=== package.json');
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const expect = (condition, message) => (condition ? ok(message) : fail(message));
expect(/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name), `name ${pkg.name} starts with n8n-nodes-`);
expect(pkg.keywords?.includes('n8n-community-node-package'), 'keyword n8n-community-node-package');
expect(pkg.license === 'MIT' && existsSync(path.join(REPO_ROOT, 'LICENSE')), 'MIT, with LICENSE');
expect(
	Object.keys(pkg.dependencies ?? {}).length === 0,
	'no runtime dependencies (n8n verifies packages without them)',
);
expect(pkg.n8n?.strict === true, 'n8n.strict is true');
expect(Boolean(pkg.repository?.url), `repository ${pkg.repository?.url} (provenance links to it)`);
const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
const missing = listed.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
expect(
	listed.length > 0 && missing.length === 0,
	`${listed.length} nodes and credentials listed in package.json are built${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
);

// The n8n version is pinned once (scripts/runtime.mjs); the READMEs name it in their text.
for (const doc of ['README.md', 'test/e2e/README.md', 'docs/deployment.md', 'CHANGELOG.md']) {
	const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
	const others = [...new Set(text.match(/\bn8n (\d+\.\d+\.\d+)/g) ?? [])].filter(
		(mention) => mention !== `n8n ${N8N_VERSION}`,
	);
	expect(
		others.length === 0,
		`${doc} names n8n ${N8N_VERSION}, the pin in scripts/runtime.mjs${others.length ? `, not ${others.join(', ')}` : ''}`,
	);
}

// 3. What `npm publish` would upload.
const packed = run('npm pack --dry-run', 'npm', ['pack', '--dry-run', '--json']);
let files = [];
try {
	const [summary] = JSON.parse(packed.stdout);
	files = summary.files.map((f) => ({ path: f.path, size: f.size }));
	console.log(
		`${summary.filename}: ${files.length} files, ${(summary.size / 1024).toFixed(0)} kB packed, ${(summary.unpackedSize / 1024).toFixed(0)} kB unpacked`,
	);
} catch (error) {
	fail(`could not read npm pack's file list: ${error.message}`);
}
// n8n-node build copies the README's screenshots (docs/images) into dist/; npm shows them from the repository.
const allowed = (file) =>
	(file.startsWith('dist/') && !file.endsWith('.tsbuildinfo') && !file.startsWith('dist/docs/')) ||
	['README.md', 'LICENSE', 'package.json'].includes(file);
for (const file of files) console.log(`  ${allowed(file.path) ? ' ' : '!'} ${file.path}`);
const unexpected = files.filter((f) => !allowed(f.path)).map((f) => f.path);
expect(
	files.length > 0 && unexpected.length === 0,
	unexpected.length
		? `only dist/ (without the compiler's .tsbuildinfo and the README's screenshots), README.md, LICENSE and package.json are packed; also packed: ${unexpected.join(', ')}`
		: "only dist/ (without the compiler's .tsbuildinfo and the README's screenshots), README.md, LICENSE and package.json are packed",
);
for (const required of ['README.md', 'LICENSE', 'package.json', ...listed])
	expect(
		files.some((f) => f.path === required),
		`packed: ${required}`,
	);
const sourceMaps = files.filter((f) => /\.(ts|tsx)$/.test(f.path) && !f.path.endsWith('.d.ts'));
expect(sourceMaps.length === 0, 'no TypeScript sources packed');

console.log(
	failures.length
		? `\nrelease:check FAILED (${failures.length}): ${failures.join('; ')}`
		: '\nrelease:check passed: tag a version (git tag X.Y.Z && git push --tags) to publish with provenance',
);
process.exitCode = failures.length ? 1 : 0;
