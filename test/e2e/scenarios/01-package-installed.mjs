// The package is loaded the way n8n loads an installed community package: node and credential types
// under the package name (not CUSTOM.), the sandbox credentials exist, and the Platform credential's
// test (the editor's "Test" button) passes against the sandbox and fails with a wrong token.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIALS, REPO_ROOT } from '../../../scripts/lib/greenflux-demo.mjs';

export async function run(ctx) {
	const { packageName, nodeTypes, check, equal, log } = ctx;
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

	const installed = path.join(
		ctx.n8n.userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		packageName,
		'package.json',
	);
	check(existsSync(installed), `package installed in ${path.dirname(installed)}`);
	const installedManifest = JSON.parse(readFileSync(installed, 'utf8'));
	equal(installedManifest.version, manifest.version, 'installed version is the packed one');
	check(
		installedManifest.devDependencies === undefined &&
			installedManifest.peerDependencies === undefined,
		'dev and peer dependencies stripped like n8n does',
	);

	// Every node the package declares is served to the editor under <package>.<node name>.
	const expectedNodes = manifest.n8n.nodes.map((file) => `${packageName}.${nodeNameOf(file)}`);
	const served = nodeTypes.map((t) => t.name);
	for (const type of expectedNodes)
		check(
			served.includes(type),
			`GET /types/nodes.json lists ${type}`,
			() =>
				`GreenFlux types served: ${served.filter((n) => /greenflux/i.test(n)).join(', ') || 'none'}`,
		);
	check(
		!served.some((n) => n.startsWith('CUSTOM.') && /greenflux/i.test(n)),
		'no CUSTOM.-prefixed GreenFlux type (loaded as a community package)',
	);
	check(served.includes(`${packageName}.greenFlux`), `${packageName}.greenFlux is served`);
	if (existsSync(path.join(REPO_ROOT, 'nodes', 'GreenFluxTrigger'))) {
		check(
			served.includes(`${packageName}.greenFluxTrigger`),
			`${packageName}.greenFluxTrigger is served (nodes/GreenFluxTrigger exists)`,
		);
	}
	const greenFlux = nodeTypes.find((t) => t.name === `${packageName}.greenFlux`);
	const resources = greenFlux.properties
		.find((p) => p.name === 'resource')
		.options.map((o) => o.value);
	log(`node types: ${expectedNodes.join(', ')}; GreenFlux resources: ${resources.join(', ')}`);
	check(resources.length > 0, 'the GreenFlux node has resources');

	// Credential types.
	const response = await fetch(`${ctx.n8n.url}/types/credentials.json`, {
		headers: { cookie: ctx.n8n.cookie },
	});
	check(response.ok, `GET /types/credentials.json answers (HTTP ${response.status})`);
	const credentialTypes = await response.json();
	for (const file of manifest.n8n.credentials) {
		const name = credentialNameOf(file);
		check(
			credentialTypes.some((c) => c.name === name),
			`credential type ${name} is served`,
		);
	}

	// The imported credentials, by name.
	const stored = (await ctx.api('GET', '/credentials?limit=100')).data;
	for (const credential of Object.values(CREDENTIALS)) {
		check(
			stored.some((c) => c.name === credential.name && c.type === credential.type),
			`credential "${credential.name}" (${credential.type}) exists`,
		);
	}

	// The editor's credential test against the sandbox.
	const platform = ctx.credentials.find((c) => c.type === 'greenFluxPlatformApi');
	const good = await ctx.rest('POST', '/credentials/test', {
		credentials: {
			id: platform.id,
			name: platform.name,
			type: platform.type,
			data: { environment: 'custom', url: ctx.sandbox.url, token: 'gfx-sandbox-full' },
		},
	});
	equal(good?.status, 'OK', `credential test with the sandbox key passes (${good?.message})`);
	const bad = await ctx.rest('POST', '/credentials/test', {
		credentials: {
			id: platform.id,
			name: platform.name,
			type: platform.type,
			data: { environment: 'custom', url: ctx.sandbox.url, token: 'not-a-sandbox-key' },
		},
	});
	equal(bad?.status, 'Error', 'credential test with a wrong token fails');
	check(
		/Token rejected/.test(bad?.message ?? ''),
		'the failed test says the token was rejected',
		() => bad?.message,
	);
	log(
		`credential test: sandbox key → ${good.status}; wrong token → ${bad.status} "${bad.message}"`,
	);
}

function nodeNameOf(file) {
	// dist/nodes/GreenFlux/GreenFlux.node.js → greenFlux
	const base = path.basename(file, '.node.js');
	return base.charAt(0).toLowerCase() + base.slice(1);
}

function credentialNameOf(file) {
	const base = path.basename(file, '.credentials.js');
	return base.charAt(0).toLowerCase() + base.slice(1);
}
