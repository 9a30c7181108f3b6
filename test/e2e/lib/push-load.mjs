// Pushes for the durability scenario (14-push-durability.mjs): charge station notifications, each with its
// own id (a UUID, found again in the stored execution), sent by concurrent loops or at a steady rate, every
// answer recorded with its time. GreenFlux never retries a push; neither does this.
import { randomUUID } from 'node:crypto';

import { sleep } from '../../../scripts/lib/greenflux-demo.mjs';

/** A charge station notification as GreenFlux pushes it, with a fresh id. */
export function notification(index) {
	return {
		id: randomUUID(),
		charge_station_notification_id: String(900000 + index),
		charge_station_id: 'NL-GFX-CS-DURABILITY',
		level: 'Info',
		message_action: 'Heartbeat',
		charge_station_message_payload: '{}',
		created: new Date().toISOString(),
	};
}

/**
 * One push: PUT <url> with the token; resolves { id, status?, ocpiStatus?, error?, ms, answeredAt }.
 * `error` is a transport failure (connection refused while n8n is down, reset when it dies).
 */
export async function pushOne(url, token, body, { timeoutMs = 30_000 } = {}) {
	const started = Date.now();
	const record = { id: body.id };
	try {
		const response = await fetch(url, {
			method: 'PUT',
			headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		record.status = response.status;
		const text = await response.text();
		try {
			record.ocpiStatus = JSON.parse(text).status_code;
		} catch {}
	} catch (error) {
		record.error = error.cause?.code ?? error.name ?? String(error);
	}
	record.answeredAt = Date.now();
	record.ms = record.answeredAt - started;
	return record;
}

/**
 * `concurrency` loops push one notification after the other until `durationMs` is over; `onAnswer(record)`
 * is awaited after each answer, before that loop sends its next push. Resolves with every record.
 */
export async function pushFor({ url, token, concurrency, durationMs, onAnswer = async () => {} }) {
	const records = [];
	const until = Date.now() + durationMs;
	let index = 0;
	const loop = async () => {
		while (Date.now() < until) {
			const record = await pushOne(url, token, notification(index++));
			records.push(record);
			await onAnswer(record);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, loop));
	return records;
}

/** Starts one push every `everyMs` (not waiting for answers) until `done()` is true; resolves with every record. */
export async function pushSteadily({ url, token, everyMs, done }) {
	const inFlight = [];
	for (let index = 0; !done(); index++) {
		inFlight.push(pushOne(url, token, notification(index)));
		await sleep(everyMs);
	}
	return await Promise.all(inFlight);
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values, p) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Polls `probe.statuses(workflowId)` until no execution (with an id above afterId, when given) is
 * new/running/waiting; resolves with the counts.
 */
export async function settled(probe, workflowId, { timeoutMs = 120_000, afterId = 0 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const counts = await probe.statuses(workflowId, { afterId });
		const unfinished = (counts.new ?? 0) + (counts.running ?? 0) + (counts.waiting ?? 0);
		if (unfinished === 0 || Date.now() > deadline) return counts;
		await sleep(500);
	}
}
