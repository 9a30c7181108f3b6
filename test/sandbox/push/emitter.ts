import { Agent, request } from 'undici';

import { Random } from '../random';
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

function bodyText(push: PlannedPush, malformed: boolean): string {
	const json = JSON.stringify(push.body);
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

	const send = async (push: PlannedPush, record: PushRecord) => {
		const t0 = Date.now();
		try {
			const response = await request(record.url, {
				method: push.method,
				headers,
				body: bodyText(push, options.malformed === true),
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
			if (record.dropped) {
				options.onPush?.(record);
				continue;
			}
			await slots.acquire();
			const before = previous.get(push.objectKey) ?? Promise.resolve();
			const task = before.then(async () => {
				try {
					await send(push, record);
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
