/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: a loopback receiver */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- setTimeout delays the receiver's answers */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { emitPushes, type PushReport, targetsFromBase } from '../sandbox/push/emitter';
import { DEFAULT_ANCHOR, planPushes } from '../sandbox/push/scenarios';
import { startTriggerHost } from '../sandbox/push/triggerHost';
import type { Json } from '../sandbox/seed';
import { SandboxState } from '../sandbox/state';

const PUSH_SECRET = 'example-emitter-push-0123456789';

interface Received {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	text: string;
}

/** A loopback receiver that records every request; `respond` decides the answer (default 200 + OCPI success). */
async function receiver(respond?: (r: Received, res: ServerResponse) => void) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const r = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				text: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(r);
			if (respond) respond(r, res);
			else
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(
						'{"status_code":1000,"status_message":"Success","timestamp":"2026-11-01T00:00:00Z"}',
					);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		base: `${url}/webhook/w1`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const state = new SandboxState({ anchor: DEFAULT_ANCHOR, quiet: true });
const body = (r: Received) => JSON.parse(r.text) as Json;
/** Request path relative to the receiver's webhook base `/webhook/w1`. */
const rel = (r: Received) => r.path.replace(/^\/webhook\/w1/, '');

describe('push emitter: sequences', () => {
	let server: Awaited<ReturnType<typeof receiver>>;
	let report: PushReport;
	beforeAll(async () => {
		server = await receiver();
		report = await emitPushes({
			targets: targetsFromBase(server.base),
			token: PUSH_SECRET,
			sessions: 3,
			locations: 2,
			notifications: 10,
			state,
		});
	});
	afterAll(async () => await server.close());

	it('sends every planned push once, with counts per event', () => {
		expect(report.planned).toBe(3 * 7 + 2 * 3 + 10);
		expect(server.received).toHaveLength(report.planned);
		expect({
			sent: report.sent,
			dropped: report.dropped,
			accepted: report.accepted,
			failed: report.failed,
		}).toEqual({ sent: 37, dropped: 0, accepted: 37, failed: 0 });
		const planned = Object.fromEntries(
			Object.entries(report.byEvent).map(([event, s]) => [event, s?.planned]),
		);
		expect(planned).toEqual({
			'session.started': 3,
			'session.updated': 12,
			'session.completed': 3,
			'cdr.created': 3,
			'location.created': 2,
			'evse.status_changed': 4,
			'notification.received': 10,
		});
		expect(report.byStatus).toEqual({ 200: 37 });
		expect(
			report.pushes.every((p) => p.ocpiStatus === 1000 && typeof p.durationMs === 'number'),
		).toBe(true);
	});

	it('sends GreenFlux headers: Authorization: Token <push token> and JSON', () => {
		for (const r of server.received) {
			expect(r.headers.authorization).toBe(`Token ${PUSH_SECRET}`);
			expect(r.headers['content-type']).toBe('application/json');
		}
	});

	it('per session: PUT → compact/full PATCHes → PATCH COMPLETED → CDR POST consistent with the session', () => {
		const sessionIds = [
			...new Set(report.pushes.filter((p) => p.module === 'sessions').map((p) => p.objectKey)),
		];
		expect(sessionIds).toHaveLength(3);
		for (const id of sessionIds) {
			const sequence = server.received.filter(
				(r) =>
					r.path.endsWith(`/sessions/NL/GFX/${id}`) ||
					(r.path.endsWith('/cdrs') && body(r).session_id === id),
			);
			expect(sequence.map((r) => `${r.method} ${rel(r)}`)).toEqual([
				`PUT /sessions/NL/GFX/${id}`,
				...Array(5).fill(`PATCH /sessions/NL/GFX/${id}`),
				'POST /cdrs',
			]);
			const [put, ...rest] = sequence.map(body);
			const patches = rest.slice(0, 4);
			const completed = rest[4];
			const cdr = rest[5];
			expect(put).toMatchObject({
				id,
				status: 'ACTIVE',
				kwh: 0,
				end_datetime: null,
				charging_periods: null,
				auth_method: 'WHITELIST',
				currency: 'EUR',
			});
			expect(state.seed.tokens.map((t) => t.auth_id)).toContain(put.auth_id);
			// compact patches: no id, no charging_periods; full ones carry both (reference.md §8.3)
			expect(patches.map((p) => ('id' in p ? 'full' : 'compact'))).toEqual([
				'compact',
				'full',
				'compact',
				'compact',
			]);
			for (const p of patches) {
				expect(p.status).toBe('ACTIVE');
				expect(p.start_datetime).toBe(put.start_datetime);
				expect('charging_periods' in p).toBe('id' in p);
			}
			const kwhs = [put, ...patches, completed].map((p) => Number(p.kwh));
			expect([...kwhs].sort((a, b) => a - b)).toEqual(kwhs);
			expect(completed).toMatchObject({ id, status: 'COMPLETED' });
			expect(cdr).toMatchObject({
				session_id: id,
				start_date_time: put.start_datetime,
				stop_date_time: completed.end_datetime,
				total_energy: completed.kwh,
				total_cost: completed.total_cost,
				auth_id: put.auth_id,
				currency: 'EUR',
			});
			expect((cdr.location as Json).id).toBe((put.location as Json).id);
		}
	});

	it('per location: PUT of a seeded location → EVSE PATCH CHARGING → PATCH AVAILABLE', () => {
		const locationIds = state.locationsV1().map((l) => l.id);
		const locationPushes = server.received.filter((r) => r.path.includes('/locations/'));
		expect(locationPushes).toHaveLength(6);
		const byLocation = new Map<string, Received[]>();
		for (const r of locationPushes) {
			const id = rel(r).replace('/locations/NL/GFX/', '').split('/')[0];
			byLocation.set(id, [...(byLocation.get(id) ?? []), r]);
		}
		expect(byLocation.size).toBe(2);
		for (const [id, [put, charging, available]] of byLocation) {
			expect(locationIds).toContain(id);
			expect(put.method).toBe('PUT');
			const evse = ((body(put).evses as Json[]) ?? [])[0];
			expect(body(put)).toMatchObject({ id, country: 'NLD' });
			expect(evse.status).toBe('AVAILABLE');
			expect(charging.method).toBe('PATCH');
			expect(charging.path).toMatch(new RegExp(`/locations/NL/GFX/${id}/${String(evse.uid)}$`));
			expect(body(charging)).toEqual({ status: 'CHARGING' });
			expect(available.path).toBe(charging.path);
			expect(body(available)).toEqual({ status: 'AVAILABLE' });
		}
	});

	it('notifications: bare objects PUT to the base URL, mixed levels, payload as a JSON string', () => {
		const notifications = server.received.filter((r) => r.path.endsWith('/notifications'));
		expect(notifications).toHaveLength(10);
		const levels: Record<string, number> = {};
		const stationIds = state.seed.chargeStations.map((s) => s.charge_station_id);
		for (const r of notifications) {
			expect(r.method).toBe('PUT');
			const n = body(r);
			levels[String(n.level)] = (levels[String(n.level)] ?? 0) + 1;
			expect(n).not.toHaveProperty('data');
			expect(stationIds).toContain(n.charge_station_id);
			expect(typeof n.charge_station_message_payload).toBe('string');
			expect(JSON.parse(String(n.charge_station_message_payload))).toEqual(expect.any(Object));
			expect(n.message_action).toBe(n.MessageAction);
		}
		expect(levels).toEqual({ Info: 6, Warning: 2, Error: 2 });
		expect(
			notifications
				.map(body)
				.filter((n) => n.level === 'Error')
				.every((n) => n.message_action === 'StatusNotification'),
		).toBe(true);
	});

	it('is deterministic: the same options plan the same pushes', () => {
		const a = planPushes({ sessions: 2, locations: 1, notifications: 5, state });
		const b = planPushes({ sessions: 2, locations: 1, notifications: 5, state });
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		const other = planPushes({ sessions: 2, locations: 1, notifications: 5, state, randomSeed: 7 });
		expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
	});
});

describe('push emitter: delivery semantics', () => {
	it('never retries: failures (HTTP 500, dropped connections) are reported once and not resent', async () => {
		let sessionPatches = 0;
		const server = await receiver((r, res) => {
			if (r.path.endsWith('/cdrs')) res.writeHead(500).end('boom');
			else if (r.method === 'PATCH' && r.path.includes('/sessions/') && ++sessionPatches === 2)
				res.destroy();
			else res.writeHead(200).end('{"status_code":1000}');
		});
		try {
			const report = await emitPushes({
				targets: targetsFromBase(server.base),
				token: PUSH_SECRET,
				sessions: 2,
				locations: 1,
				notifications: 3,
				state,
			});
			expect(server.received).toHaveLength(report.sent);
			expect(report.sent).toBe(2 * 7 + 3 + 3);
			expect(report.byEvent['cdr.created']).toEqual({
				planned: 2,
				dropped: 0,
				sent: 2,
				accepted: 0,
				failed: 2,
			});
			const destroyed = report.pushes.filter((p) => p.error !== undefined);
			expect(destroyed).toHaveLength(1);
			expect(destroyed[0].event).toBe('session.updated');
			expect(destroyed[0].status).toBeUndefined();
			expect(destroyed[0].error).toMatch(/socket|closed|terminated/i);
			expect(report.byStatus).toEqual({ 200: report.sent - 3, 500: 2, error: 1 });
			expect(report.failed).toBe(3);
			// each URL+body was received exactly once
			const keys = server.received.map((r) => `${r.method} ${r.path} ${r.text}`);
			expect(new Set(keys).size).toBe(keys.length);
		} finally {
			await server.close();
		}
	});

	it('drop rate: a deterministic share of pushes is never sent, the same with any concurrency', async () => {
		const server = await receiver();
		try {
			const options = {
				token: PUSH_SECRET,
				sessions: 6,
				locations: 4,
				notifications: 40,
				state,
				dropRate: 0.3,
				dropSeed: 42,
			};
			const first = await emitPushes({ ...options, targets: targetsFromBase(`${server.url}/a`) });
			const second = await emitPushes({
				...options,
				targets: targetsFromBase(`${server.url}/b`),
				concurrency: 4,
			});
			expect(first.planned).toBe(6 * 7 + 4 * 3 + 40);
			expect(first.dropped).toBeGreaterThan(first.planned * 0.15);
			expect(first.dropped).toBeLessThan(first.planned * 0.45);
			expect(first.sent + first.dropped).toBe(first.planned);
			const droppedIndexes = (r: PushReport) =>
				r.pushes.filter((p) => p.dropped).map((p) => p.index);
			expect(droppedIndexes(second)).toEqual(droppedIndexes(first));
			expect(server.received.filter((r) => r.path.startsWith('/a/'))).toHaveLength(first.sent);
			expect(server.received.filter((r) => r.path.startsWith('/b/'))).toHaveLength(second.sent);
			expect(first.pushes.filter((p) => p.dropped).every((p) => p.status === undefined)).toBe(true);
			const third = await emitPushes({
				...options,
				dropSeed: 43,
				targets: targetsFromBase(`${server.url}/c`),
			});
			expect(droppedIndexes(third)).not.toEqual(droppedIndexes(first));
		} finally {
			await server.close();
		}
	});

	it("concurrency > 1: several pushes in flight, but one object's pushes one after the other, in order", async () => {
		const objectOf = (r: Received) => {
			const json = body(r);
			if (rel(r) === '/cdrs') return String(json.session_id);
			if (rel(r) === '/notifications')
				return `notification:${String(json.charge_station_notification_id)}`;
			return rel(r).split('/')[4];
		};
		const inFlight = new Map<string, number>();
		let total = 0;
		let maxTotal = 0;
		let maxPerObject = 0;
		const server = await receiver((r, res) => {
			const key = objectOf(r);
			inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
			maxPerObject = Math.max(maxPerObject, inFlight.get(key)!);
			maxTotal = Math.max(maxTotal, ++total);
			setTimeout(() => {
				inFlight.set(key, inFlight.get(key)! - 1);
				total--;
				res.writeHead(200).end('{}');
			}, 10);
		});
		try {
			const report = await emitPushes({
				targets: targetsFromBase(server.base),
				token: PUSH_SECRET,
				sessions: 4,
				locations: 2,
				notifications: 10,
				state,
				concurrency: 6,
			});
			expect(report.accepted).toBe(report.planned);
			expect(maxTotal).toBeGreaterThan(1);
			expect(maxTotal).toBeLessThanOrEqual(6);
			expect(maxPerObject).toBe(1);
			for (const key of new Set(report.pushes.map((p) => p.objectKey))) {
				const planned = report.pushes
					.filter((p) => p.objectKey === key)
					.map((p) => `${p.method} ${p.url.replace(server.base, '')}`);
				expect(
					server.received.filter((r) => objectOf(r) === key).map((r) => `${r.method} ${rel(r)}`),
				).toEqual(planned);
			}
		} finally {
			await server.close();
		}
	});

	it('wrong-token and no-token modes: a receiver checking the token refuses everything', async () => {
		const server = await receiver((r, res) => {
			const ok = r.headers.authorization === `Token ${PUSH_SECRET}`;
			res.writeHead(ok ? 200 : 401).end(JSON.stringify({ status_code: ok ? 1000 : 2000 }));
		});
		try {
			const wrong = await emitPushes({
				targets: targetsFromBase(server.base),
				token: PUSH_SECRET,
				authMode: 'wrong-token',
				sessions: 1,
				locations: 1,
				notifications: 2,
				state,
			});
			expect(wrong.byStatus).toEqual({ 401: wrong.sent });
			expect(wrong.accepted).toBe(0);
			expect(wrong.pushes.every((p) => p.ocpiStatus === 2000)).toBe(true);
			expect(new Set(server.received.map((r) => r.headers.authorization))).toEqual(
				new Set([`Token ${PUSH_SECRET}-not-the-agreed-token`]),
			);
			server.received.length = 0;
			const none = await emitPushes({
				targets: targetsFromBase(server.base),
				authMode: 'no-token',
				sessions: 1,
				locations: 0,
				notifications: 1,
				state,
			});
			expect(none.byStatus).toEqual({ 401: none.sent });
			expect(server.received.every((r) => r.headers.authorization === undefined)).toBe(true);
			await expect(
				emitPushes({ targets: targetsFromBase(server.base), sessions: 1, state }),
			).rejects.toThrow(/push token is needed/);
		} finally {
			await server.close();
		}
	});

	it('malformed mode: every body is truncated JSON, with the chosen content type', async () => {
		const server = await receiver();
		try {
			await emitPushes({
				targets: targetsFromBase(server.base),
				token: PUSH_SECRET,
				malformed: true,
				malformedContentType: 'text/plain',
				sessions: 1,
				locations: 1,
				notifications: 3,
				state,
			});
			expect(server.received).toHaveLength(7 + 3 + 3);
			for (const r of server.received) {
				expect(() => JSON.parse(r.text)).toThrow();
				expect(r.text.length).toBeGreaterThan(0);
				expect(r.headers['content-type']).toBe('text/plain');
			}
		} finally {
			await server.close();
		}
	});

	it('one base URL per module; each module URL can be separate', () => {
		expect(targetsFromBase('http://h:5678/webhook/abc/')).toEqual({
			cdrs: 'http://h:5678/webhook/abc/cdrs',
			sessions: 'http://h:5678/webhook/abc/sessions',
			locations: 'http://h:5678/webhook/abc/locations',
			notifications: 'http://h:5678/webhook/abc/notifications',
		});
	});
});

describe('push emitter × GreenFlux Trigger node (hosted without n8n)', () => {
	it('the trigger classifies every push as the event the emitter sent it as', async () => {
		const host = await startTriggerHost({ token: PUSH_SECRET });
		try {
			const report = await emitPushes({
				targets: targetsFromBase(host.webhookBase),
				token: PUSH_SECRET,
				sessions: 4,
				locations: 3,
				notifications: 20,
				state,
			});
			expect(report.failed).toBe(0);
			expect(host.executions).toHaveLength(report.sent);
			const emitted = host.executions.map((items) => items.map((i) => i.event));
			expect(emitted).toEqual(report.pushes.map((p) => [p.event]));
			// Every accepted push: HTTP 200 + OCPI 1000, as n8n answers the trigger's webhookResponse (also for
			// pushes that create an object: n8n gives all answers of a webhook one status)
			expect(report.pushes.map((p) => [p.status, p.ocpiStatus])).toEqual(
				report.pushes.map(() => [200, 1000]),
			);
			// EVSE status changes carry the previous status the trigger saw in the location PUT / earlier PATCH
			const evse = host.executions.flat().filter((i) => i.event === 'evse.status_changed');
			expect(evse).toHaveLength(6);
			for (const uid of new Set(evse.map((i) => i.evseUid))) {
				expect(
					evse.filter((i) => i.evseUid === uid).map((i) => `${i.previousStatus}→${i.status}`),
				).toEqual(['AVAILABLE→CHARGING', 'CHARGING→AVAILABLE']);
			}
			// compact PATCHes are tied to their session by the URL
			const updates = host.executions.flat().filter((i) => i.event === 'session.updated');
			expect(
				updates.every(
					(i) => typeof i.objectId === 'string' && String(i.objectId).startsWith('NLGFX'),
				),
			).toBe(true);
			expect(updates.filter((i) => !('id' in (i.object as Json)))).toHaveLength(4 * 3);
		} finally {
			await host.close();
		}
	});

	it("wrong token → 401 for every push and no execution; malformed JSON → n8n's 422 or the node's 400", async () => {
		const host = await startTriggerHost({ token: PUSH_SECRET });
		try {
			const wrong = await emitPushes({
				targets: targetsFromBase(host.webhookBase),
				token: PUSH_SECRET,
				authMode: 'wrong-token',
				sessions: 1,
				locations: 1,
				notifications: 2,
				state,
			});
			expect(wrong.byStatus).toEqual({ 401: wrong.sent });
			const json = await emitPushes({
				targets: targetsFromBase(host.webhookBase),
				token: PUSH_SECRET,
				malformed: true,
				sessions: 1,
				locations: 0,
				notifications: 1,
				state,
			});
			expect(json.byStatus).toEqual({ 422: json.sent });
			const text = await emitPushes({
				targets: targetsFromBase(host.webhookBase),
				token: PUSH_SECRET,
				malformed: true,
				malformedContentType: 'text/plain',
				sessions: 1,
				locations: 0,
				notifications: 1,
				state,
			});
			expect(text.byStatus).toEqual({ 400: text.sent });
			expect(text.pushes.every((p) => p.ocpiStatus === 2001)).toBe(true);
			expect(host.executions).toEqual([]);
		} finally {
			await host.close();
		}
	});
});
