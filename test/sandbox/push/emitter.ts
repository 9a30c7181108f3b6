import { sleep } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { Random } from '../random';
import type { Json } from '../seed';
import type { PublishRequest } from './publish';
import {
	planPushes,
	type PlannedPush,
	type PushEventName,
	type PushModule,
	type ScenarioOptions,
} from './scenarios';

/**
 * Plays GreenFlux's pushes to a receiver (normally the GreenFlux Trigger's webhook URLs), the way
 * GreenFlux sends them (gaps.md §4): `Authorization: Token <push token>` + `Content-Type:
 * application/json`, one request per push, fire and forget — NO retries, whatever the answer or
 * error; optionally some pushes dropped (deterministically, like lost pushes GreenFlux never resends),
 * a wrong or missing token, or malformed bodies. Returns a report of every push.
 */

/** One base URL per module, as configured at GreenFlux (it appends `/{cc}/{party}/{id}` itself). */
export interface PushTargets {
	cdrs: string;
	sessions: string;
	locations: string;
	notifications: string;
}

/** `<webhook-base>/cdrs`, `/sessions`, `/locations`, `/notifications` — the GreenFlux Trigger's four base URLs. */
export function targetsFromBase(webhookBase: string): PushTargets {
	const base = webhookBase.replace(/\/+$/, '');
	return {
		cdrs: `${base}/cdrs`,
		sessions: `${base}/sessions`,
		locations: `${base}/locations`,
		notifications: `${base}/notifications`,
	};
}

export type AuthMode = 'token' | 'wrong-token' | 'no-token';

export interface EmitOptions extends ScenarioOptions {
	targets: PushTargets;
	/** The push token (the GreenFlux Push API credential of the trigger). Required unless authMode is 'no-token'. */
	token?: string;
	/** 'wrong-token' sends another token, 'no-token' no Authorization header (default 'token'). */
	authMode?: AuthMode;
	/** Share of pushes not sent at all (0–1, default 0), chosen deterministically from `dropSeed`. */
	dropRate?: number;
	dropSeed?: number;
	/** Send every body as truncated JSON (default false). */
	malformed?: boolean;
	/** Content-Type of malformed bodies (default application/json, which n8n itself refuses with 422; text/plain reaches the node → 400). */
	malformedContentType?: string;
	/** Pushes in flight at once (default 1). Pushes of one session or location are still sent one after the other. */
	concurrency?: number;
	/** Per-request timeout (default 10 s; GreenFlux's own timeout is not documented). */
	timeoutMs?: number;
	/**
	 * Base URL of a sandbox with `POST /__sandbox/publish` (test/sandbox/push/publishingSandbox.ts): each
	 * CDR, completed session, notification, location and EVSE status is filed there before it is pushed —
	 * or dropped, or refused by a receiver that is down — stamped with the time (`last_updated`,
	 * notifications `created`), and the stored object is what gets pushed. The sandbox's API then
	 * serves everything GreenFlux "created", whether its push arrived or not.
	 */
	publishTo?: string;
	/** At least this many milliseconds between two planned pushes, dropped ones included (default 0). */
	paceMs?: number;
	/** Called after each push (progress output). */
	onPush?: (record: PushRecord) => void;
}

export interface PushRecord {
	/** Position in the planned sequence. */
	index: number;
	event: PushEventName;
	module: PushModule;
	method: PlannedPush['method'];
	url: string;
	objectKey: string;
	/** Session PATCH flavour (compact, full, completed). */
	patchKind?: PlannedPush['patchKind'];
	dropped: boolean;
	/** HTTP status, when an answer came back. */
	status?: number;
	/** status_code of an OCPI envelope in the answer. */
	ocpiStatus?: number;
	/** Transport error (connection refused, timeout…). Never retried. */
	error?: string;
	/** With publishTo: the time the sandbox stamped on the published object. */
	publishedAt?: string;
	durationMs?: number;
}

export interface EventSummary {
	planned: number;
	dropped: number;
	sent: number;
	/** Answered 2xx. */
	accepted: number;
	/** Answered with another status, or no answer. */
	failed: number;
}

export interface PushReport {
	pushes: PushRecord[];
	planned: number;
	sent: number;
	dropped: number;
	accepted: number;
	failed: number;
	byEvent: Partial<Record<PushEventName, EventSummary>>;
	/** HTTP status (or 'error') → count. */
	byStatus: Record<string, number>;
	durationMs: number;
}

const WRONG_TOKEN_SUFFIX = '-not-the-agreed-token';

function headersFor(options: EmitOptions): Record<string, string> {
	const headers: Record<string, string> = {
		'content-type': options.malformed
			? (options.malformedContentType ?? 'application/json')
			: 'application/json',
	};
	const mode = options.authMode ?? 'token';
	if (mode === 'no-token') return headers;
	if (!options.token)
		throw new Error('emitPushes: a push token is needed (or authMode "no-token")');
	headers.authorization = `Token ${mode === 'wrong-token' ? `${options.token}${WRONG_TOKEN_SUFFIX}` : options.token}`;
	return headers;
}

function bodyText(body: Json, malformed: boolean): string {
	const json = JSON.stringify(body);
	// Cut inside the JSON: never valid, whatever the object.
	return malformed ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json;
}

function ocpiStatusOf(text: string): number | undefined {
	try {
		const parsed = JSON.parse(text) as { status_code?: unknown };
		const code = Number(parsed?.status_code);
		return Number.isFinite(code) ? code : undefined;
	} catch {
		return undefined;
	}
}

/** A counting semaphore for the concurrency limit. */
function limiter(max: number) {
	let active = 0;
	const waiting: Array<() => void> = [];
	return {
		async acquire() {
			if (active < max) {
				active++;
				return;
			}
			await new Promise<void>((resolve) => waiting.push(resolve));
		},
		release() {
			const next = waiting.shift();
			if (next) next();
			else active--;
		},
	};
}

export function summarize(pushes: PushRecord[], durationMs = 0): PushReport {
	const byEvent: PushReport['byEvent'] = {};
	const byStatus: Record<string, number> = {};
	for (const push of pushes) {
		const summary = (byEvent[push.event] ??= {
			planned: 0,
			dropped: 0,
			sent: 0,
			accepted: 0,
			failed: 0,
		});
		summary.planned++;
		if (push.dropped) {
			summary.dropped++;
			continue;
		}
		summary.sent++;
		const ok = push.status !== undefined && push.status >= 200 && push.status < 300;
		if (ok) summary.accepted++;
		else summary.failed++;
		const key = push.status === undefined ? 'error' : String(push.status);
		byStatus[key] = (byStatus[key] ?? 0) + 1;
	}
	const total = (field: keyof EventSummary) =>
		Object.values(byEvent).reduce((sum, s) => sum + (s?.[field] ?? 0), 0);
	return {
		pushes,
		planned: pushes.length,
		sent: total('sent'),
		dropped: total('dropped'),
		accepted: total('accepted'),
		failed: total('failed'),
		byEvent,
		byStatus,
		durationMs,
	};
}

/**
 * What the sandbox must file before a push (see EmitOptions.publishTo), or undefined: session PUTs and
 * running PATCHes only update the emitter's copy of the session (GreenFlux lists completed sessions only).
 */
function publishRequestOf(
	push: PlannedPush,
	sessions: Map<string, Json>,
): PublishRequest | undefined {
	switch (push.module) {
		case 'cdrs':
			return { module: 'cdrs', object: push.body };
		case 'notifications':
			return { module: 'notifications', object: push.body };
		case 'sessions': {
			const session = { ...(sessions.get(push.objectKey) ?? {}), ...push.body };
			sessions.set(push.objectKey, session);
			return push.patchKind === 'completed' ? { module: 'sessions', object: session } : undefined;
		}
		case 'locations': {
			const segments = push.suffix.split('/').filter((s) => s !== '');
			if (segments.length <= 3) return { module: 'locations', object: push.body };
			return {
				module: 'evses',
				object: push.body,
				locationId: decodeURIComponent(segments[2]),
				evseUid: decodeURIComponent(segments[3]),
			};
		}
	}
}

/** The body pushed after publishing: the stored object, or the planned PATCH with the stored time. */
function pushedBody(push: PlannedPush, stored: Json): Json {
	if (push.module === 'cdrs' || push.module === 'notifications') return stored;
	if (push.module === 'locations' && push.method === 'PUT') return stored;
	if (push.module === 'sessions') return { ...push.body, last_updated: stored.last_updated };
	return push.body;
}

/** Plans GreenFlux's push sequences from the sandbox seed and sends them; resolves with the report. */
export async function emitPushes(options: EmitOptions): Promise<PushReport> {
	const started = Date.now();
	const planned = planPushes(options);
	const headers = headersFor(options);
	const dropRate = Math.min(Math.max(options.dropRate ?? 0, 0), 1);
	const dropRandom = new Random(options.dropSeed ?? 0x0d70);
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
	const timeoutMs = options.timeoutMs ?? 10_000;
	const agent = new Agent({
		connections: concurrency,
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
	});
	const slots = limiter(concurrency);
	const previous = new Map<string, Promise<void>>();
	const sessions = new Map<string, Json>();
	const paceMs = Math.max(0, options.paceMs ?? 0);
	let nextStart = Date.now();
	const records: PushRecord[] = planned.map((push, index) => ({
		index,
		event: push.event,
		module: push.module,
		method: push.method,
		url: `${options.targets[push.module].replace(/\/+$/, '')}${push.suffix}`,
		objectKey: push.objectKey,
		...(push.patchKind ? { patchKind: push.patchKind } : {}),
		// Drawn for every push in order, so the same pushes drop whatever the concurrency.
		dropped: dropRate > 0 && dropRandom.next() < dropRate,
	}));

	/** Files the object in the sandbox (publishTo) and returns the body to push; undefined when that failed. */
	const publish = async (push: PlannedPush, record: PushRecord): Promise<Json | undefined> => {
		const wanted = options.publishTo ? publishRequestOf(push, sessions) : undefined;
		if (!wanted) return push.body;
		try {
			const response = await request(
				`${options.publishTo!.replace(/\/+$/, '')}/__sandbox/publish`,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(wanted),
				},
			);
			const stored = (await response.body.json()) as Json;
			if (response.statusCode !== 200) throw new Error(String(stored.error ?? response.statusCode));
			record.publishedAt = String(stored.last_updated ?? stored.created ?? '');
			return pushedBody(push, stored);
		} catch (error) {
			record.error = `publishing in the sandbox failed: ${(error as Error).message}`;
			return undefined;
		}
	};

	const send = async (push: PlannedPush, record: PushRecord, body: Json) => {
		const t0 = Date.now();
		try {
			const response = await request(record.url, {
				method: push.method,
				headers,
				body: bodyText(body, options.malformed === true),
				dispatcher: agent,
			});
			const text = await response.body.text();
			record.status = response.statusCode;
			const ocpiStatus = ocpiStatusOf(text);
			if (ocpiStatus !== undefined) record.ocpiStatus = ocpiStatus;
		} catch (error) {
			record.error = (error as Error).message || String(error);
		}
		record.durationMs = Date.now() - t0;
	};

	const tasks: Array<Promise<void>> = [];
	try {
		for (let i = 0; i < planned.length; i++) {
			const push = planned[i];
			const record = records[i];
			if (paceMs > 0) {
				const wait = nextStart - Date.now();
				if (wait > 0) await sleep(wait);
				nextStart = Math.max(Date.now(), nextStart) + paceMs;
			}
			const before = previous.get(push.objectKey) ?? Promise.resolve();
			if (record.dropped && !options.publishTo) {
				options.onPush?.(record);
				continue;
			}
			if (record.dropped) {
				// GreenFlux still stored it; only the push is lost.
				const task = before.then(async () => {
					await publish(push, record);
					options.onPush?.(record);
				});
				previous.set(push.objectKey, task);
				tasks.push(task);
				continue;
			}
			await slots.acquire();
			const task = before.then(async () => {
				try {
					const body = await publish(push, record);
					if (body !== undefined) await send(push, record, body);
					options.onPush?.(record);
				} finally {
					slots.release();
				}
			});
			previous.set(push.objectKey, task);
			tasks.push(task);
		}
		await Promise.all(tasks);
	} finally {
		await agent.close();
	}
	return summarize(records, Date.now() - started);
}

export { planPushes, type PlannedPush, type PushEventName, type PushModule, type ScenarioOptions };
