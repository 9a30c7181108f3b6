/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a timer that runs only while sessions are active */
import { Agent, request } from 'undici';

import type { SandboxState } from '../state';
import type { CaSession } from './records';
import { isFinal, timeline } from './sessionClock';
import { statusResponse } from './sessionModels';
import { type CaPushTarget, caStore, liveSessions } from './store';

/**
 * Charge Assist session pushes (gaps.md 4.14): each status change of a session is POSTed to the push
 * target as the session's status object (the body of GET /session/status at that moment), with
 * `Authorization: Token <token>`: fire and forget, no retries, one session's pushes one after the other.
 * States are computed on read, so a small timer (unref'ed, only while sessions are not final, stopped by
 * `sandbox.close()`) notices the changes.
 */
export interface PushRecord {
	sessionId: string;
	status: string;
	/** When the status began. */
	at: string;
	url: string;
	httpStatus?: number;
	error?: string;
}

interface PushState {
	timer?: ReturnType<typeof setInterval>;
	/** Per session, the milestones already pushed (`STATUS@ms`). */
	sent: Map<string, Set<string>>;
	/** Per session, the push in flight (the next one waits for it). */
	queue: Map<string, Promise<void>>;
	records: PushRecord[];
	agent: Agent;
	closed: boolean;
}

const pushState = (state: SandboxState) =>
	state.store<PushState>('chargeAssistPushes', () => ({
		sent: new Map(),
		queue: new Map(),
		records: [],
		agent: new Agent({ keepAliveTimeout: 1000, headersTimeout: 10_000, bodyTimeout: 10_000 }),
		closed: false,
	}));

export const pushRecords = (state: SandboxState) => pushState(state).records;

/** Sets (or clears) the push target; sessions' current statuses count as already pushed. */
export function setPushTarget(state: SandboxState, target: CaPushTarget | undefined): void {
	const store = caStore(state);
	store.pushTarget = target;
	const push = pushState(state);
	const now = Date.now();
	for (const session of liveSessions(store)) {
		const keys = timeline(session, store.clockMs)
			.filter((m) => m.at <= now)
			.map((m) => `${m.status}@${m.at}`);
		push.sent.set(session.id, new Set(keys));
	}
	pokePushes(state);
}

/** Pushes what changed; keeps the timer running while some session is not final. */
export function pokePushes(state: SandboxState): void {
	const push = pushState(state);
	const store = caStore(state);
	if (push.closed || !store.pushTarget) return;
	const active = tick(state, push, store.pushTarget);
	if (active && !push.timer) {
		push.timer = setInterval(
			() => {
				const target = caStore(state).pushTarget;
				if (!target || !tick(state, push, target)) stopTimer(push);
			},
			Math.max(10, Math.floor(store.clockMs / 4)),
		);
		push.timer.unref();
	}
	if (!active) stopTimer(push);
}

function stopTimer(push: PushState) {
	if (push.timer) clearInterval(push.timer);
	push.timer = undefined;
}

/** Sends every milestone reached and not yet pushed; true while some session is not final. */
function tick(state: SandboxState, push: PushState, target: CaPushTarget): boolean {
	const store = caStore(state);
	const now = Date.now();
	let active = false;
	for (const session of liveSessions(store)) {
		const sent = push.sent.get(session.id) ?? new Set<string>();
		push.sent.set(session.id, sent);
		const reached = timeline(session, store.clockMs).filter((m) => m.at <= now);
		for (const milestone of reached) {
			const key = `${milestone.status}@${milestone.at}`;
			if (sent.has(key)) continue;
			sent.add(key);
			send(state, push, target, session, milestone.at);
		}
		if (!isFinal(reached[reached.length - 1].status)) active = true;
	}
	return active;
}

function send(
	state: SandboxState,
	push: PushState,
	target: CaPushTarget,
	session: CaSession,
	at: number,
): void {
	const body = statusResponse(caStore(state), session, at);
	const record: PushRecord = {
		sessionId: session.id,
		status: String(body.status),
		at: new Date(at).toISOString(),
		url: target.url,
	};
	push.records.push(record);
	const previous = push.queue.get(session.id) ?? Promise.resolve();
	const next = previous.then(async () => {
		if (push.closed) return;
		try {
			const answer = await request(target.url, {
				method: 'POST',
				dispatcher: push.agent,
				headers: {
					authorization: `Token ${target.token}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(body),
			});
			record.httpStatus = answer.statusCode;
			await answer.body.dump();
		} catch (error) {
			record.error = (error as Error).message;
		}
	});
	push.queue.set(session.id, next);
}

/** Stops the timer and drops idle connections (sandbox.close()). */
export function stopChargeAssistPushes(state: SandboxState): void {
	const push = pushState(state);
	push.closed = true;
	stopTimer(push);
	void push.agent.close().catch(() => undefined);
}
