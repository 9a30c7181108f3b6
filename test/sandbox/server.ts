/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, not part of the published package */
/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type FaultRule, Faults } from './faults';
import {
	type Handler,
	ocpiError,
	readBody,
	type RouteContext,
	Router,
	sendJson,
	sendText,
	timestamp,
} from './http';
import { RequestLog } from './requestLog';
import { registerRoutes } from './routes';
import { registerChargeAssistControlRoutes } from './chargeAssist/control';
import { sendCaUnauthorized } from './chargeAssist/errors';
import { stopChargeAssistPushes } from './chargeAssist/push';
import {
	PLATFORM_MODULES,
	findSubscription,
	SUBSCRIPTIONS,
	type Subscription,
} from './subscriptions';
import { type SandboxOptions, SandboxState } from './state';
import { inDateRange } from './http';
import type { Json } from './seed';
import { notificationsOf } from './seeds/cpoData';
import { remoteCommandStore } from './routes/remoteCommands';
import { registerEmspSmartChargingControlRoutes } from './controlEmspSmartCharging';

export interface Sandbox {
	url: string;
	port: number;
	state: SandboxState;
	faults: Faults;
	log: RequestLog;
	router: Router;
	/** Control routes under /__sandbox (not logged, no key needed). */
	control: Router;
	close(): Promise<void>;
}

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	if (/json/i.test(contentType ?? '')) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return Symbol.for('invalid-json');
		}
	}
	if (/^text\//i.test(contentType ?? '')) return raw.toString('utf8');
	return raw;
}

function credentialOf(req: IncomingMessage, api: Subscription['api']): string | undefined {
	const authorization = req.headers.authorization ?? '';
	if (api === 'platform') return /^Token\s+(.+)$/i.exec(authorization)?.[1]?.trim();
	const apiKey = /^ApiKey\s+(.+)$/i.exec(authorization)?.[1]?.trim();
	const subscriptionKey = req.headers['ocp-apim-subscription-key'];
	return apiKey ?? (Array.isArray(subscriptionKey) ? subscriptionKey[0] : subscriptionKey);
}

function moduleName(module: string): string {
	return module === 'chargeAssist'
		? 'Charge Assist'
		: PLATFORM_MODULES[module as keyof typeof PLATFORM_MODULES];
}

function registerControlRoutes(control: Router, sandbox: () => Sandbox): void {
	const json =
		(handler: (ctx: RouteContext) => unknown): Handler =>
		(ctx) =>
			sendJson(ctx.res, 200, handler(ctx));
	const opts = { module: 'cdr' as const };
	control.add(
		'GET',
		'/__sandbox/health',
		opts,
		json(() => ({ ok: true })),
	);
	control.add(
		'GET',
		'/__sandbox/subscriptions',
		opts,
		json(() => SUBSCRIPTIONS),
	);
	control.add(
		'POST',
		'/__sandbox/faults',
		opts,
		json((ctx) => {
			sandbox().faults.add(ctx.body as FaultRule | FaultRule[]);
			return { ok: true };
		}),
	);
	control.add(
		'DELETE',
		'/__sandbox/faults',
		opts,
		json(() => {
			sandbox().faults.clear();
			return { ok: true };
		}),
	);
	control.add(
		'GET',
		'/__sandbox/cdrs',
		opts,
		json((ctx) => sandbox().state.visibleCdrs().filter(inDateRange(ctx.query))),
	);
	control.add(
		'GET',
		'/__sandbox/locations',
		opts,
		json(() => sandbox().state.locationsV1()),
	);
	// For the end-to-end tests and the `npm start` demo.
	control.add(
		'GET',
		'/__sandbox/chargestations',
		opts,
		json(() => sandbox().state.seed.chargeStations),
	);
	control.add(
		'GET',
		'/__sandbox/notifications',
		opts,
		json((ctx) => {
			const level = ctx.query.level?.toLowerCase();
			return notificationsOf(sandbox().state)
				.filter(inDateRange(ctx.query, 'created'))
				.filter((n) => level === undefined || String(n.level).toLowerCase() === level);
		}),
	);
	control.add(
		'POST',
		'/__sandbox/notifications',
		opts,
		json((ctx) => addNotifications(sandbox().state, ctx.body)),
	);
	control.add(
		'GET',
		'/__sandbox/remotecommands',
		opts,
		json(() => [...remoteCommandStore(sandbox().state).commands.values()]),
	);
}

/**
 * Adds StatusNotifications (default level Error, status Faulted) to the served charge station notifications.
 * Body: one object or an array of `{ charge_station_id, created, evse_uid?, level?, error_code?, info?, status? }`.
 */
function addNotifications(state: Sandbox['state'], body: unknown): Json[] {
	const requests = (Array.isArray(body) ? body : [body]) as Json[];
	const notifications = notificationsOf(state);
	const added = requests.map((request, index) => {
		const station = state.seed.chargeStations.find(
			(s) => s.charge_station_id === request.charge_station_id,
		);
		if (!station) throw new Error(`Unknown charge station ${String(request.charge_station_id)}`);
		const evses = station.evses as Json[];
		const evse = evses.find((e) => e.uid === request.evse_uid) ?? evses[0];
		const level = String(request.level ?? 'Error');
		const created = new Date(Date.parse(String(request.created))).toISOString().slice(0, 19) + 'Z';
		const status = String(
			request.status ??
				(level === 'Error' ? 'Faulted' : level === 'Warning' ? 'SuspendedEVSE' : 'Available'),
		);
		const serial = notifications.length + index;
		return {
			id: `00000000-0000-4000-a000-${String(serial).padStart(12, '0')}`,
			charge_station_notification_id: String(900000 + serial),
			charge_station_id: station.charge_station_id,
			location_id: station.location_id,
			charge_location_id: station.location_id,
			charge_station_message_payload: JSON.stringify({
				connectorId: Number(evse.evse_sequence_number),
				errorCode: request.error_code ?? (level === 'Info' ? 'NoError' : 'OtherError'),
				info: request.info ?? '',
				status,
				timestamp: created,
				VendorErrorCode: null,
				level,
			}),
			evse_id: evse.uid,
			created,
			level,
			message_type: '2',
			message_action: 'StatusNotification',
			MessageAction: 'StatusNotification',
			direction: 'ToGsop',
		} as Json;
	});
	notifications.push(...added);
	notifications.sort((a, b) =>
		String(a.created) < String(b.created)
			? -1
			: String(a.created) > String(b.created)
				? 1
				: String(a.id) < String(b.id)
					? -1
					: 1,
	);
	state.changed('notifications');
	return added;
}

/** Starts a GreenFlux sandbox on 127.0.0.1 (port 0 = a free port). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const state = new SandboxState(options);
	const router = new Router();
	const control = new Router();
	const faults = new Faults();
	const log = new RequestLog(options.logFile ?? process.env.GREENFLUX_SANDBOX_LOG);
	registerRoutes(router, state);
	const started: { sandbox?: Sandbox } = {};
	registerControlRoutes(control, () => started.sandbox!);
	registerChargeAssistControlRoutes(control, state);
	registerEmspSmartChargingControlRoutes(control, state);

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const query: Record<string, string> = {};
		url.searchParams.forEach((value, key) => {
			query[key] = value;
		});
		const rawBody = await readBody(req);
		const body = parseBody(rawBody, req.headers['content-type']);
		const ctx: RouteContext = { req, res, params: {}, query, body, rawBody };

		if (path.startsWith('/__sandbox/')) {
			const found = control.match(method, path);
			if (!found) return sendJson(res, 404, { error: `No control route ${method} ${path}` });
			ctx.params = found.params;
			try {
				return await found.route.handler(ctx);
			} finally {
				if (method !== 'GET') state.changed();
			}
		}

		const applied: { fault?: FaultRule } = {};
		res.on('close', () => {
			log.write({
				ts: timestamp(),
				method,
				path,
				query,
				status: res.writableFinished ? res.statusCode : 0,
				...(ctx.ocpiStatus === undefined ? {} : { ocpiStatus: ctx.ocpiStatus }),
				...(applied.fault ? { fault: applied.fault.kind } : {}),
				...(body !== undefined &&
				typeof body === 'object' &&
				!Buffer.isBuffer(body) &&
				rawBody.length < 8192
					? { body }
					: {}),
			});
		});

		const found = router.match(method, path);
		// Platform paths all start with /api/; anything else is Charge Assist's (plain-string answers).
		if (!found && !path.toLowerCase().startsWith('/api/')) {
			const allowed = router.allowsPath(path);
			const message = allowed ? `Method ${method} not allowed on ${path}` : `No route ${path}`;
			return sendText(res, allowed ? 405 : 404, message, 'text/plain; charset=utf-8');
		}
		if (!found) {
			if (router.allowsPath(path))
				return ocpiError(ctx, 2000, `Method ${method} not allowed on ${path}`, 405);
			return ocpiError(ctx, 2000, `No GreenFlux route ${path}`, 404);
		}
		const { route, params } = found;
		ctx.params = params;
		const chargeAssist = route.api === 'chargeAssist';
		const credential = credentialOf(req, route.api);
		const subscription = findSubscription(credential, route.api);
		if (!subscription && chargeAssist) return sendCaUnauthorized(ctx, credential !== undefined);
		if (!subscription) return ocpiError(ctx, 2000, 'Unauthorized', 401);
		if (!subscription.modules[route.module]?.includes(route.permission)) {
			if (chargeAssist)
				return sendText(res, 403, 'This subscription may not use this operation.', 'text/plain');
			return ocpiError(
				ctx,
				2000,
				`The ${moduleName(route.module)} module is not enabled with ${route.permission} permission on this subscription`,
				403,
			);
		}
		ctx.subscription = subscription;
		// Charge Assist routes answer an invalid body in their own error shape.
		if (body === Symbol.for('invalid-json') && !chargeAssist)
			return ocpiError(ctx, 2001, 'Request body is not valid JSON', 400);

		const fault = faults.take(method, path);
		applied.fault = fault;
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			const status = fault.status ?? 503;
			const headers: Record<string, string> =
				fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
			const message = fault.message ?? `Injected HTTP ${status}`;
			if (chargeAssist) return sendText(res, status, message, 'text/plain; charset=utf-8', headers);
			return sendJson(
				res,
				status,
				{
					status_code: 3000,
					status_message: message,
					timestamp: timestamp(),
				},
				headers,
			);
		}
		if (fault?.kind === 'ocpi')
			return ocpiError(ctx, fault.code ?? 2001, fault.message ?? 'Injected business error');
		if (fault?.kind === 'truncate') {
			const text = '{"data":[{"id":"NLGFX-trunc';
			res.writeHead(200, { 'Content-Type': 'application/json' });
			return res.end(text);
		}
		if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
		try {
			await route.handler(ctx);
		} finally {
			// Any write may change what the list routes serve: drop their cached pages.
			if (method !== 'GET') state.changed();
		}
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent)
				sendJson(res, 500, {
					status_code: 3000,
					status_message: `Sandbox error: ${error.message}`,
					timestamp: timestamp(),
				});
		});
	});
	const port = options.port ?? 4010;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, options.host ?? '127.0.0.1', () => resolve());
	});
	const actual = (server.address() as AddressInfo).port;
	const sandbox: Sandbox = {
		url: `http://${options.host ?? '127.0.0.1'}:${actual}`,
		port: actual,
		state,
		faults,
		log,
		router,
		control,
		close: async () => {
			stopChargeAssistPushes(state);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	started.sandbox = sandbox;
	return sandbox;
}
