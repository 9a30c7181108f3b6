/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/* eslint-disable no-console */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { SandboxState } from '../state';
import {
	type AuthMode,
	emitPushes,
	type PushRecord,
	type PushTargets,
	targetsFromBase,
} from './emitter';
import { DEFAULT_ANCHOR } from './scenarios';

const HELP = `GreenFlux push emitter: plays GreenFlux's pushes to a GreenFlux Trigger (or any receiver).

  npx tsx test/sandbox/push/cli.ts --webhook-base http://127.0.0.1:5678/webhook/<webhookId> --token <push token> [options]

Targets (one base URL per module, as configured at GreenFlux):
  --webhook-base URL        sets all four: URL/cdrs, URL/sessions, URL/locations, URL/notifications
  --cdrs-url, --sessions-url, --locations-url, --notifications-url URL   override one module
Auth:
  --token T                 the push token (the trigger's GreenFlux Push API credential)
  --wrong-token             send another token (expect HTTP 401 everywhere)
  --no-token                send no Authorization header (expect HTTP 401 everywhere)
What to send (payloads come from the sandbox seed; deterministic):
  --sessions N              sessions: PUT → PATCHes → PATCH COMPLETED → CDR POST (default 5)
  --patches N               PATCHes per session before COMPLETED (default 4: compact, full, compact, compact)
  --locations N             locations: PUT → EVSE PATCH CHARGING → PATCH AVAILABLE (default 3)
  --notifications N         charge station notifications, levels Info:Warning:Error = 6:2:2 (default 20)
  --country-code CC, --party-id P   path segments GreenFlux appends (default NL, GFX)
  --anchor ISO, --scale X   sandbox seed (default anchor ${DEFAULT_ANCHOR}, scale 1)
  --seed N                  random seed for the choices above (default 20261123)
How:
  --drop-rate X             share of pushes never sent (0-1, deterministic with --drop-seed N)
  --malformed               send truncated JSON bodies (n8n refuses application/json itself with 422)
  --malformed-content-type T   content type of malformed bodies (text/plain reaches the node: 400)
  --concurrency N           pushes in flight (default 1; one object's pushes stay in order)
  --timeout-ms N            per request (default 10000); GreenFlux never retries, neither does this
  --pace-ms N               at least N ms between two planned pushes, dropped ones included (default 0)
  --sandbox-url URL         file each CDR, completed session, notification, location and EVSE status in
                            this sandbox (POST /__sandbox/publish, see test/sandbox/push/publishingSandbox.ts)
                            before pushing it — or dropping it — stamped with the current time, and push the
                            stored object: the sandbox's API then serves every object, pushed or lost
Output:
  --quiet                   no line per push
  --report FILE             write the full JSON report to FILE
Exit code 0 when every sent push was answered 2xx (with --wrong-token/--no-token/--malformed: when none was).`;

const { values } = parseArgs({
	options: {
		'webhook-base': { type: 'string' },
		'cdrs-url': { type: 'string' },
		'sessions-url': { type: 'string' },
		'locations-url': { type: 'string' },
		'notifications-url': { type: 'string' },
		token: { type: 'string', default: process.env.GREENFLUX_PUSH_TOKEN },
		'wrong-token': { type: 'boolean', default: false },
		'no-token': { type: 'boolean', default: false },
		sessions: { type: 'string', default: '5' },
		patches: { type: 'string', default: '4' },
		locations: { type: 'string', default: '3' },
		notifications: { type: 'string', default: '20' },
		'country-code': { type: 'string', default: 'NL' },
		'party-id': { type: 'string', default: 'GFX' },
		anchor: { type: 'string', default: DEFAULT_ANCHOR },
		scale: { type: 'string', default: '1' },
		seed: { type: 'string', default: '20261123' },
		'drop-rate': { type: 'string', default: '0' },
		'drop-seed': { type: 'string', default: String(0x0d70) },
		malformed: { type: 'boolean', default: false },
		'malformed-content-type': { type: 'string', default: 'application/json' },
		concurrency: { type: 'string', default: '1' },
		'timeout-ms': { type: 'string', default: '10000' },
		'pace-ms': { type: 'string', default: '0' },
		'sandbox-url': { type: 'string' },
		quiet: { type: 'boolean', default: false },
		report: { type: 'string' },
		help: { type: 'boolean', default: false },
	},
});

function fail(message: string): never {
	console.error(`push emitter: ${message}\n(--help for usage)`);
	process.exit(2);
}

function count(name: string, text: string | undefined, { min = 0, max = Infinity } = {}): number {
	const value = Number(text);
	if (!Number.isFinite(value) || value < min || value > max)
		fail(
			`--${name} must be a number from ${min}${max === Infinity ? '' : ` to ${max}`}, got "${text}"`,
		);
	return value;
}

async function main() {
	if (values.help) {
		console.log(HELP);
		return;
	}
	const base = values['webhook-base'] ? targetsFromBase(values['webhook-base']) : undefined;
	const targets: Partial<PushTargets> = {
		cdrs: values['cdrs-url'] ?? base?.cdrs,
		sessions: values['sessions-url'] ?? base?.sessions,
		locations: values['locations-url'] ?? base?.locations,
		notifications: values['notifications-url'] ?? base?.notifications,
	};
	const missing = Object.entries(targets)
		.filter(([, url]) => !url)
		.map(([module]) => module);
	if (missing.length > 0)
		fail(`no target URL for ${missing.join(', ')}: give --webhook-base or --<module>-url`);
	if (values['wrong-token'] && values['no-token'])
		fail('--wrong-token and --no-token exclude each other');
	const authMode: AuthMode = values['no-token']
		? 'no-token'
		: values['wrong-token']
			? 'wrong-token'
			: 'token';
	if (authMode !== 'no-token' && !values.token)
		fail('--token is required (or env GREENFLUX_PUSH_TOKEN), unless --no-token');

	const state = new SandboxState({
		anchor: values.anchor,
		scale: count('scale', values.scale, { min: 0.01 }),
		quiet: true,
	});
	const print = (r: PushRecord) => {
		if (values.quiet) return;
		const outcome = r.dropped
			? 'dropped (not sent)'
			: r.error
				? `error: ${r.error}`
				: `${r.status}${r.ocpiStatus !== undefined ? ` ocpi ${r.ocpiStatus}` : ''} ${r.durationMs} ms`;
		console.log(
			`${String(r.index).padStart(5)} ${r.event.padEnd(22)} ${r.method.padEnd(5)} ${r.url} → ${outcome}`,
		);
	};
	const report = await emitPushes({
		targets: targets as PushTargets,
		token: values.token,
		authMode,
		sessions: count('sessions', values.sessions),
		patchesPerSession: count('patches', values.patches, { min: 1 }),
		locations: count('locations', values.locations),
		notifications: count('notifications', values.notifications),
		countryCode: values['country-code'],
		partyId: values['party-id'],
		randomSeed: count('seed', values.seed),
		dropRate: count('drop-rate', values['drop-rate'], { max: 1 }),
		dropSeed: count('drop-seed', values['drop-seed']),
		malformed: values.malformed,
		malformedContentType: values['malformed-content-type'],
		concurrency: count('concurrency', values.concurrency, { min: 1 }),
		timeoutMs: count('timeout-ms', values['timeout-ms'], { min: 1 }),
		paceMs: count('pace-ms', values['pace-ms']),
		publishTo: values['sandbox-url'],
		state,
		onPush: print,
	});

	console.log(
		`\n${report.planned} pushes planned, ${report.sent} sent, ${report.dropped} dropped, ${report.accepted} answered 2xx, ${report.failed} not (${(report.durationMs / 1000).toFixed(1)} s)`,
	);
	console.log(
		`HTTP statuses: ${
			Object.entries(report.byStatus)
				.map(([status, n]) => `${status}×${n}`)
				.join(', ') || 'none'
		}`,
	);
	const order = [
		'session.started',
		'session.updated',
		'session.completed',
		'cdr.created',
		'location.created',
		'evse.status_changed',
		'notification.received',
	];
	for (const [event, s] of Object.entries(report.byEvent).sort(
		([a], [b]) => order.indexOf(a) - order.indexOf(b),
	)) {
		console.log(
			`  ${event.padEnd(22)} planned ${String(s.planned).padStart(5)}  sent ${String(s.sent).padStart(5)}  dropped ${String(s.dropped).padStart(4)}  2xx ${String(s.accepted).padStart(5)}  other ${String(s.failed).padStart(4)}`,
		);
	}
	if (values.report) {
		writeFileSync(values.report, JSON.stringify(report, null, 2));
		console.log(`report written to ${values.report}`);
	}
	const expectRefusal = authMode !== 'token' || values.malformed;
	const ok = expectRefusal ? report.accepted === 0 : report.failed === 0;
	process.exitCode = ok ? 0 : 1;
}

main().catch((error: Error) => {
	console.error(`push emitter failed: ${error.message}`);
	process.exit(1);
});
