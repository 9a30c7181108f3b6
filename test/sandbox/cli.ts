/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/* eslint-disable no-console */
import { parseArgs } from 'node:util';

import { startSandbox } from './server';
import { SUBSCRIPTIONS } from './subscriptions';
import type { FaultRule } from './faults';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: process.env.GREENFLUX_SANDBOX_PORT ?? '4010' },
		scale: { type: 'string', default: '1' },
		anchor: { type: 'string' },
		'publish-all-cdrs': { type: 'boolean', default: false },
		faults: {
			type: 'string',
			description: 'JSON fault rule or array of rules applied to the whole run',
		},
		'command-delay': { type: 'string', default: '1500' },
		'ca-clock': { type: 'string', default: '700' },
		'ca-push-url': { type: 'string' },
		'ca-push-token': { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});

if (values.help) {
	console.log(`GreenFlux sandbox
  --port N              port (default 4010, env GREENFLUX_SANDBOX_PORT)
  --scale X             data volume multiplier (default 1: 3,000 CDRs over 90 days)
  --anchor ISO          end of the seeded period (default today 00:00 UTC)
  --publish-all-cdrs    also serve CDRs under 0.2 kWh and 2 minutes
  --faults JSON         fault rules for the whole run, e.g. '{"kind":"status","status":503,"path":"/cdrs"}'
  --command-delay MS    remote commands stay PENDING this long (default 1500)
  --ca-clock MS         Charge Assist session step (default 700): start → CHARGING 2 steps,
                        stop → CDR_AVAILABLE 3 steps, PARKING after 30 steps of charging
  --ca-push-url URL     POST each Charge Assist session status change there (as GET /session/status)
  --ca-push-token T     … with "Authorization: Token T" (default env GREENFLUX_PUSH_TOKEN, else gfx-sandbox-push)
  Charge Assist test data: GET /__sandbox/chargeassist/fixtures (app tokens, payment methods, EVSEs)
  env GREENFLUX_SANDBOX_LOG=file   append one JSON line per served request`);
	process.exit(0);
}

async function main() {
	const sandbox = await startSandbox({
		port: Number(values.port),
		scale: Number(values.scale),
		anchor: values.anchor,
		publishAllCdrs: values['publish-all-cdrs'],
		commandDelayMs: Number(values['command-delay']),
		chargeAssistClockMs: Number(values['ca-clock']),
		chargeAssistPush: values['ca-push-url']
			? {
					url: values['ca-push-url'],
					token: values['ca-push-token'] ?? process.env.GREENFLUX_PUSH_TOKEN ?? 'gfx-sandbox-push',
				}
			: undefined,
	});
	if (values.faults) sandbox.faults.add(JSON.parse(values.faults) as FaultRule | FaultRule[]);
	console.log(`GreenFlux sandbox listening on ${sandbox.url}`);
	console.log(
		`  ${sandbox.state.visibleCdrs().length} CDRs, ${sandbox.state.seed.locations.length} locations, ${sandbox.state.seed.chargeStations.length} charge stations (anchor ${sandbox.state.seed.anchor.toISODate()})`,
	);
	for (const s of SUBSCRIPTIONS) console.log(`  key ${s.key.padEnd(28)} ${s.description}`);
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
