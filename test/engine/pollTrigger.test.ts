/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only file: a loopback push receiver */
// The GreenFlux Poll Trigger driven through n8n-core's real PollContext (test/engine/harness.ts
// TestPoller: one context kept across polls, as n8n keeps it once a workflow is published) against the
// sandbox over HTTP. The clock the node reads is set per step (only Date is faked; HTTP and timers are
// real); the sandbox files new objects with chosen change times (test/sandbox/push/publish.ts), as
// GreenFlux does before it pushes them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GreenFluxPlatformApi } from '../../credentials/GreenFluxPlatformApi.credentials';
import { GreenFluxPollTrigger } from '../../nodes/GreenFluxPollTrigger/GreenFluxPollTrigger.node';
import { classifyPush } from '../../nodes/GreenFluxTrigger/classify';
import { PushTracker } from '../../nodes/GreenFluxTrigger/tracker';
import { CURSOR_KEY, type PollCursor } from '../../nodes/shared/pollCursor';
import { emitPushes, targetsFromBase } from '../sandbox/push/emitter';
import { publishObject, registerPublishRoutes, stamp } from '../sandbox/push/publish';
import type { Json } from '../sandbox/seed';
import { notificationsOf, sessionsOf } from '../sandbox/seeds/cpoData';
import { TestPoller } from './harness';
import { KEYS, useSandbox } from './helpers';

const sandbox = useSandbox();
const state = () => sandbox().state;

/** Fake only Date: the node's "now" is what the test says; sockets and timers stay real. */
const REAL = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;
beforeEach(() => {
	jest.useFakeTimers({ doNotFake: [...REAL] });
});
afterEach(() => {
	jest.useRealTimers();
	sandbox().faults.clear();
});

/** Test times after the sandbox's anchor (2026-11-01), in seconds after BASE (a fresh base per test). */
let base = Date.parse('2026-11-05T08:00:00Z');
const nextBase = () => (base += 24 * 3_600_000);
const at = (seconds: number) => new Date(base + seconds * 1000);
const setNow = (seconds: number) => jest.setSystemTime(at(seconds));

function poller(parameters: INodeParameters, staticData?: IDataObject): TestPoller {
	return new TestPoller({
		nodeType: new GreenFluxPollTrigger(),
		parameters,
		credentials: {
			greenFluxPlatformApi: { environment: 'custom', url: sandbox().url, token: KEYS.full },
		},
		credentialTypes: [new GreenFluxPlatformApi()],
		staticData,
	});
}

const json = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => i.json);
const objectIds = (items: Array<{ json: IDataObject }> | null) =>
	json(items).map((item) => String((item.object as IDataObject).id));
const cursorOf = (p: TestPoller) => p.nodeStaticData()[CURSOR_KEY] as unknown as PollCursor;

let serial = 0;
/** A CDR GreenFlux files at `seconds` (a copy of a seeded one with a new id). */
function publishCdr(seconds: number, id = `NLGFX-POLL-${++serial}`): Json {
	const template = state().visibleCdrs()[0];
	return publishObject(state(), { module: 'cdrs', object: { ...template, id } }, at(seconds));
}

const requestsSince = (count: number) => sandbox().log.entries.slice(count);

describe('GreenFlux Poll Trigger: CDRs, cursor and failures', () => {
	beforeEach(() => {
		nextBase();
	});

	it('the first activation emits nothing and asks GreenFlux nothing; the next poll emits new CDRs in the push trigger’s item shape', async () => {
		const p = poller({ event: 'cdr.created' });
		publishCdr(-30); // before the trigger existed: never emitted
		setNow(0.4);
		const logged = sandbox().log.entries.length;
		const first = await p.poll();
		expect(first).toEqual({ items: null });
		expect(requestsSince(logged)).toEqual([]);
		expect(cursorOf(p)).toMatchObject({ since: at(0.4).toISOString(), seen: {} });

		const cdr = publishCdr(5);
		setNow(20);
		const second = await p.poll();
		expect(second.error).toBeUndefined();
		expect(json(second.items)).toEqual([
			{
				event: 'cdr.created',
				module: 'cdrs',
				method: 'GET',
				receivedAt: at(20).toISOString(),
				object: cdr,
				source: 'poll',
			},
		]);
		const [request] = requestsSince(logged);
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/2.0/cdrs',
			query: { date_from: stamp(at(0)), date_to: stamp(at(20)), limit: '1000' },
		});

		// The same fields as the GreenFlux Trigger's item for a pushed CDR, only `source` differs.
		const pushed = classifyPush(
			{ module: 'cdrs', method: 'POST', segments: [] },
			[cdr as IDataObject],
			new PushTracker({}),
			at(20).toISOString(),
		).items[0];
		expect(Object.keys(json(second.items)[0])).toEqual(Object.keys(pushed));
		expect(pushed.source).toBe('push');
	});

	it('objects sharing the range end’s second across two polls are emitted once', async () => {
		const p = poller({ event: 'cdr.created' });
		setNow(0);
		await p.poll();
		publishCdr(10, 'A');
		publishCdr(10, 'B');
		setNow(10.6); // GreenFlux takes whole seconds: this poll reads up to 10 s (exclusive)
		expect((await p.poll()).items).toBeNull();
		setNow(11.2);
		expect(objectIds((await p.poll()).items)).toEqual(['A', 'B']);
		// C is filed late with the same second (10 s): the overlap re-reads A, B and C; only C is new.
		publishCdr(10, 'C');
		setNow(12.5);
		expect(objectIds((await p.poll()).items)).toEqual(['C']);
		setNow(80);
		expect((await p.poll()).items).toBeNull();
		expect(Object.keys(cursorOf(p).seen).sort()).toEqual(
			['A', 'B', 'C'].map((id) => `${id}@${at(10).toISOString()}`),
		);
		expect(cursorOf(p).watermark).toBe(at(10).toISOString());
	});

	it('a failing poll (HTTP 503) moves no cursor and fails with the transport’s error; the next poll emits everything missed', async () => {
		const p = poller({ event: 'cdr.created' });
		setNow(0);
		await p.poll();
		publishCdr(5, 'first');
		setNow(10);
		expect(objectIds((await p.poll()).items)).toEqual(['first']);
		const before = p.nodeStaticData();

		publishCdr(15, 'during-outage-1');
		publishCdr(25, 'during-outage-2');
		sandbox().faults.add({
			kind: 'status',
			status: 503,
			path: '/cdrs',
			retryAfter: '0',
			times: 4, // the first try and the transport's three retries
		});
		setNow(30);
		const failed = await p.poll();
		expect(failed.items).toBeNull();
		expect(failed.error).toMatchObject({
			name: 'NodeApiError',
			message: 'GreenFlux is temporarily unavailable (HTTP 503) for GET /api/2.0/cdrs',
			httpCode: '503',
		});
		expect(p.nodeStaticData()).toEqual(before);

		publishCdr(35, 'after-outage');
		setNow(60);
		expect(objectIds((await p.poll()).items)).toEqual([
			'during-outage-1',
			'during-outage-2',
			'after-outage',
		]);
	});

	it('a poll that would emit more than the maximum throws and moves nothing; raising the maximum lets it through', async () => {
		const p = poller({ event: 'cdr.created', options: { maxItems: 3 } });
		setNow(0);
		await p.poll();
		for (let i = 1; i <= 5; i++) publishCdr(i, `bulk-${i}`);
		setNow(10);
		const before = p.nodeStaticData();
		const tooMany = await p.poll();
		expect(tooMany.items).toBeNull();
		expect(tooMany.error).toMatchObject({ name: 'NodeOperationError' });
		expect(tooMany.error?.message).toBe(
			`More than 3 CDRs changed since ${at(0).toISOString()}: too many for one execution`,
		);
		expect((tooMany.error as { description?: string }).description).toMatch(
			/GreenFlux node instead \(Get Many with Return All, or written to a file\)/,
		);
		expect(p.nodeStaticData()).toEqual(before);

		// The maximum is not part of the cursor's settings: raising it keeps the cursor.
		const raised = poller({ event: 'cdr.created', options: { maxItems: 5 } }, p.savedStaticData());
		setNow(11);
		expect(objectIds((await raised.poll()).items)).toEqual([1, 2, 3, 4, 5].map((i) => `bulk-${i}`));
	});

	it('a restart (new poller from the saved static data) continues where the cursor was', async () => {
		const p = poller({ event: 'cdr.created' });
		setNow(0);
		await p.poll();
		publishCdr(3, 'before-restart');
		setNow(5);
		expect(objectIds((await p.poll()).items)).toEqual(['before-restart']);
		publishCdr(7, 'while-down');
		const restarted = poller({ event: 'cdr.created' }, p.savedStaticData());
		setNow(120);
		expect(objectIds((await restarted.poll()).items)).toEqual(['while-down']);
	});

	it('Start From: the first poll emits what changed since then (a backfill), read with CDR v2 paging', async () => {
		jest.setSystemTime(new Date('2026-11-01T06:00:00.000Z'));
		const from = '2026-09-20T00:00:00.000Z';
		const expected = state()
			.visibleCdrs()
			.filter(
				(c) =>
					Date.parse(String(c.last_updated)) >= Date.parse(from) &&
					Date.parse(String(c.last_updated)) < Date.parse('2026-11-01T06:00:00Z'),
			)
			.map((c) => String(c.id));
		expect(expected.length).toBeGreaterThan(1000);
		const logged = sandbox().log.entries.length;
		const p = poller({ event: 'cdr.created', options: { startFrom: from } });
		const first = await p.poll();
		expect(first.error).toBeUndefined();
		expect(objectIds(first.items)).toEqual(expected);
		const pages = requestsSince(logged);
		expect(pages).toHaveLength(2);
		expect(pages[1].query.continuation_token).toEqual(expect.any(String));
		expect((await p.poll()).items).toBeNull();
	});

	it('changing the start or the event starts the trigger over (from the new start, else from now)', async () => {
		const p = poller({ event: 'cdr.created' });
		setNow(0);
		await p.poll();
		publishCdr(5, 'seen-by-old-settings');
		const changed = poller(
			{ event: 'cdr.created', options: { startFrom: at(4).toISOString() } },
			p.savedStaticData(),
		);
		setNow(10);
		expect(objectIds((await changed.poll()).items)).toEqual(['seen-by-old-settings']);
		const other = poller({ event: 'session.completed' }, changed.savedStaticData());
		setNow(20);
		expect((await other.poll()).items).toBeNull();
		expect(cursorOf(other).since).toBe(at(20).toISOString());
	});

	it('the manual test fetch returns a few recent CDRs and does not touch the cursor', async () => {
		const p = poller({ event: 'cdr.created' });
		setNow(0);
		await p.poll();
		const before = p.nodeStaticData();
		publishCdr(2, 'recent-1');
		publishCdr(3, 'recent-2');
		setNow(10);
		const sample = await p.testFetch();
		expect(sample.error).toBeUndefined();
		expect(objectIds(sample.items)).toEqual(['recent-2', 'recent-1']);
		expect(json(sample.items)[0]).toMatchObject({ event: 'cdr.created', source: 'poll' });
		expect(p.nodeStaticData()).toEqual(before);
		// The scheduled poll still emits them.
		setNow(11);
		expect(objectIds((await p.poll()).items)).toEqual(['recent-1', 'recent-2']);
	});
});

describe('GreenFlux Poll Trigger: sessions, notifications, locations and EVSEs', () => {
	beforeEach(() => {
		nextBase();
	});

	it('session.completed: completed sessions as GreenFlux lists them, with objectId', async () => {
		const p = poller({ event: 'session.completed' });
		setNow(0);
		await p.poll();
		const template = sessionsOf(state()).find((s) => s.status === 'COMPLETED')!;
		const session = publishObject(
			state(),
			{ module: 'sessions', object: { ...template, id: `POLL-SESSION-${++serial}` } },
			at(30),
		);
		setNow(60);
		expect(json((await p.poll()).items)).toEqual([
			{
				event: 'session.completed',
				module: 'sessions',
				method: 'GET',
				receivedAt: at(60).toISOString(),
				object: session,
				source: 'poll',
				countryCode: null,
				partyId: null,
				objectId: session.id,
			},
		]);
	});

	it('notification.received: level and message-action filters, 72-hour windows, the push trigger’s extra fields', async () => {
		const now = new Date('2026-11-01T12:00:00.000Z');
		jest.setSystemTime(now);
		const from = '2026-10-26T00:00:00.000Z';
		const logged = sandbox().log.entries.length;
		const p = poller({
			event: 'notification.received',
			notificationFilters: { levels: ['Error'], messageActions: 'statusnotification' },
			options: { startFrom: from, maxItems: 100_000 },
		});
		const first = await p.poll();
		expect(first.error).toBeUndefined();
		const expected = notificationsOf(state()).filter(
			(n) =>
				Date.parse(String(n.created)) >= Date.parse(from) &&
				Date.parse(String(n.created)) < now.getTime() &&
				n.level === 'Error' &&
				n.message_action === 'StatusNotification',
		);
		expect(expected.length).toBeGreaterThan(0);
		const items = json(first.items);
		expect(items.map((i) => i.object)).toEqual(expected);
		expect(items[0]).toMatchObject({
			event: 'notification.received',
			module: 'notifications',
			source: 'poll',
			level: 'Error',
			messageAction: 'StatusNotification',
		});
		expect(items[0].messagePayload).toEqual(
			JSON.parse(String(expected[0].charge_station_message_payload)),
		);
		// 6.5 days in windows shorter than 72 hours, back to back.
		const windows = requestsSince(logged).map((r) => [r.query.date_from, r.query.date_to]);
		expect(windows).toEqual([
			['2026-10-26T00:00:00Z', '2026-10-28T23:59:59Z'],
			['2026-10-28T23:59:59Z', '2026-10-31T23:59:58Z'],
			['2026-10-31T23:59:58Z', '2026-11-01T12:00:00Z'],
		]);

		// Changing the filters starts over from now: what matches the new filters from then on is emitted.
		const restarted = poller(
			{
				event: 'notification.received',
				notificationFilters: { levels: ['Error', 'Warning'] },
			},
			p.savedStaticData(),
		);
		expect((await restarted.poll()).items).toBeNull();
		const template = expected[0];
		publishObject(
			state(),
			{
				module: 'notifications',
				object: {
					...template,
					id: 'poll-n-1',
					charge_station_notification_id: '990001',
					level: 'Warning',
				},
			},
			new Date(now.getTime() + 5000),
		);
		publishObject(
			state(),
			{
				module: 'notifications',
				object: {
					...template,
					id: 'poll-n-2',
					charge_station_notification_id: '990002',
					level: 'Info',
				},
			},
			new Date(now.getTime() + 6000),
		);
		jest.setSystemTime(new Date(now.getTime() + 60_000));
		expect(json((await restarted.poll()).items).map((i) => (i.object as IDataObject).id)).toEqual([
			'poll-n-1',
		]);
	});

	it('notification.received: notifications sharing the range end’s second, a failing poll (HTTP 503) and a restart — each Error notification once', async () => {
		const settings = { event: 'notification.received', notificationFilters: { levels: ['Error'] } };
		const p = poller(settings);
		setNow(0);
		expect((await p.poll()).items).toBeNull();
		const template = notificationsOf(state()).find((n) => n.level === 'Error') as Json;
		const file = (id: string, seconds: number, level = 'Error') =>
			publishObject(
				state(),
				{
					module: 'notifications',
					object: { ...template, id: `poll-n-${id}`, charge_station_notification_id: id, level },
				},
				at(seconds),
			);
		const ids = (items: Array<{ json: IDataObject }> | null) =>
			json(items).map((item) =>
				String((item.object as IDataObject).charge_station_notification_id),
			);

		file('1', 10);
		file('2', 10);
		file('3', 10, 'Info');
		setNow(10.6); // whole seconds: this poll reads up to 10 s (exclusive)
		expect((await p.poll()).items).toBeNull();
		setNow(11.2);
		expect(ids((await p.poll()).items)).toEqual(['1', '2']);
		expect(cursorOf(p).watermark).toBe(at(10).toISOString()); // `created`, the field GreenFlux filters on

		// Filed late with the same `created` second, then GreenFlux fails a poll: nothing moves.
		file('4', 10);
		sandbox().faults.add({
			kind: 'status',
			status: 503,
			path: '/chargestationnotifications',
			retryAfter: '0',
			times: 4, // the first try and the transport's three retries
		});
		setNow(20);
		const before = p.nodeStaticData();
		const failed = await p.poll();
		expect(failed.items).toBeNull();
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(p.nodeStaticData()).toEqual(before);

		// n8n restarts (a new poller from the saved static data): the next poll emits what was missed, once.
		file('5', 25);
		const restarted = poller(settings, p.savedStaticData());
		setNow(40);
		expect(ids((await restarted.poll()).items)).toEqual(['4', '5']);
		setNow(100);
		expect((await restarted.poll()).items).toBeNull();
	});

	it('location.updated: an object updated inside the overlap is emitted once per change', async () => {
		const p = poller({ event: 'location.updated' });
		setNow(0);
		await p.poll();
		const location = state().locationsV1()[3];
		publishObject(state(), { module: 'locations', object: location }, at(10));
		setNow(20);
		const first = json((await p.poll()).items);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({
			event: 'location.updated',
			module: 'locations',
			objectId: location.id,
			countryCode: null,
			partyId: null,
			source: 'poll',
		});
		expect((first[0].object as IDataObject).last_updated).toBe(stamp(at(10)));
		// Changed again 30 s later: inside the 10-minute overlap the poll re-reads, a new change.
		publishObject(state(), { module: 'locations', object: location }, at(50));
		setNow(60);
		const second = json((await p.poll()).items);
		expect(second.map((i) => (i.object as IDataObject).last_updated)).toEqual([stamp(at(50))]);
		setNow(120);
		expect((await p.poll()).items).toBeNull();
	});

	it('evse.status_changed: previousStatus is the status seen at the previous poll, across polls and a restart', async () => {
		const logged = sandbox().log.entries.length;
		const p = poller({ event: 'evse.status_changed' });
		setNow(0);
		expect((await p.poll()).items).toBeNull();
		// The first poll noted every EVSE's status (one read of all locations, no date filter).
		const baseline = requestsSince(logged);
		expect(baseline.map((r) => [r.path, r.query.date_from])).toEqual([
			['/api/1.0/locations', undefined],
		]);
		const location = state()
			.locationsV1()
			.find((l) => (l.evses as Json[]).some((e) => e.status === 'AVAILABLE'))!;
		const evse = (location.evses as Json[]).find((e) => e.status === 'AVAILABLE')!;
		const change = (status: string, seconds: number) =>
			publishObject(
				state(),
				{
					module: 'evses',
					object: { status },
					locationId: String(location.id),
					evseUid: String(evse.uid),
				},
				at(seconds),
			);

		change('CHARGING', 10);
		setNow(20);
		const charging = json((await p.poll()).items);
		expect(charging).toEqual([
			{
				event: 'evse.status_changed',
				module: 'locations',
				method: 'GET',
				receivedAt: at(20).toISOString(),
				object: expect.objectContaining({ uid: evse.uid, status: 'CHARGING' }),
				source: 'poll',
				countryCode: null,
				partyId: null,
				objectId: location.id,
				evseUid: evse.uid,
				status: 'CHARGING',
				previousStatus: 'AVAILABLE',
			},
		]);
		setNow(30);
		expect((await p.poll()).items).toBeNull();

		change('OUTOFORDER', 40);
		const restarted = poller({ event: 'evse.status_changed' }, p.savedStaticData());
		setNow(50);
		expect(json((await restarted.poll()).items).map((i) => [i.previousStatus, i.status])).toEqual([
			['CHARGING', 'OUTOFORDER'],
		]);
		// Two changes between two polls: the poll sees the last one, compared with what it saw before.
		change('CHARGING', 55);
		change('AVAILABLE', 56);
		setNow(70);
		expect(json((await restarted.poll()).items).map((i) => [i.previousStatus, i.status])).toEqual([
			['OUTOFORDER', 'AVAILABLE'],
		]);
	});
});

describe('push emitter with --sandbox-url: GreenFlux files every object, the poll finds the dropped ones', () => {
	beforeEach(() => {
		nextBase();
	});

	it('published before pushing (dropped ones too); pushed bodies equal the API objects; the poll emits every CDR', async () => {
		registerPublishRoutes(sandbox().control, state());
		const received: Array<{ url: string; body: IDataObject }> = [];
		const server = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
			req.on('end', () => {
				received.push({ url: req.url ?? '', body: JSON.parse(text) as IDataObject });
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"status_code":1000}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const p = poller({ event: 'cdr.created' });
			setNow(0);
			await p.poll();
			setNow(5);
			const port = (server.address() as AddressInfo).port;
			const report = await emitPushes({
				targets: targetsFromBase(`http://127.0.0.1:${port}/webhook/w`),
				token: 'push-token',
				sessions: 6,
				locations: 0,
				notifications: 0,
				patchesPerSession: 1,
				dropRate: 0.5,
				publishTo: sandbox().url,
				state: state(),
			});
			const cdrPushes = report.pushes.filter((r) => r.event === 'cdr.created');
			expect(cdrPushes).toHaveLength(6);
			expect(cdrPushes.every((r) => r.publishedAt === stamp(at(5)))).toBe(true);
			const dropped = cdrPushes.filter((r) => r.dropped);
			expect(dropped.length).toBeGreaterThan(0);
			expect(dropped.length).toBeLessThan(6);
			const completed = report.pushes.filter((r) => r.event === 'session.completed');
			expect(completed.every((r) => r.publishedAt === stamp(at(5)))).toBe(true);

			const inSandbox = state()
				.visibleCdrs()
				.filter((c) => c.last_updated === stamp(at(5)));
			expect(inSandbox).toHaveLength(6);
			const pushedCdrs = received.filter((r) => r.url.endsWith('/cdrs')).map((r) => r.body);
			expect(pushedCdrs).toHaveLength(6 - dropped.length);
			for (const cdr of pushedCdrs) expect(inSandbox).toContainEqual(cdr);
			// Completed sessions are listed as GreenFlux lists them: the whole session, COMPLETED.
			const sessionIds = completed.map((r) => r.objectKey);
			const listed = sessionsOf(state()).filter((s) => sessionIds.includes(String(s.id)));
			expect(listed.map((s) => [s.status, s.last_updated])).toEqual(
				sessionIds.map(() => ['COMPLETED', stamp(at(5))]),
			);

			setNow(30);
			expect(objectIds((await p.poll()).items).sort()).toEqual(
				inSandbox.map((c) => String(c.id)).sort(),
			);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
