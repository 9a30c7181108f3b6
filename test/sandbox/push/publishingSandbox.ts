/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/* eslint-disable no-console */
import { parseArgs } from 'node:util';

import { startSandbox } from '../server';
import { registerPublishRoutes } from './publish';

/**
 * The GreenFlux sandbox plus `POST /__sandbox/publish` (test/sandbox/push/publish.ts): what the push
 * emitter publishes with `--sandbox-url` is served by the API from then on, stamped with the time it
 * was published — GreenFlux's data growing while it pushes, for tests of the missed-push safety net.
 *
 *   npx tsx test/sandbox/push/publishingSandbox.ts [--port 4010] [--anchor ISO] [--command-delay MS]
 *     [--scale X] [--publish-all-cdrs]   (as for npm run sandbox)
 *   (GREENFLUX_SANDBOX_LOG=<file> logs every served API request, as with `npm run sandbox`)
 */
const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.GREENFLUX_SANDBOX_PORT ?? '4010' },
		anchor: { type: 'string' },
		'command-delay': { type: 'string', default: '1500' },
		scale: { type: 'string', default: '1' },
		'publish-all-cdrs': { type: 'boolean', default: false },
	},
});

async function main() {
	const sandbox = await startSandbox({
		port: Number(values.port),
		anchor: values.anchor,
		commandDelayMs: Number(values['command-delay']),
		scale: Number(values.scale),
		publishAllCdrs: values['publish-all-cdrs'],
	});
	registerPublishRoutes(sandbox.control, sandbox.state);
	console.log(`GreenFlux sandbox listening on ${sandbox.url} (with POST /__sandbox/publish)`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`Sandbox failed to start: ${error.message}`);
	process.exit(1);
});
