import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import {
	matchesNotificationFilters,
	normalisedNotificationFilters,
	notificationAction,
	notificationPayload,
} from '../../nodes/shared/notificationFields';
import {
	advanceCursor,
	changeKey,
	CURSOR_KEY,
	fingerprintOf,
	loadCursor,
	nextRange,
	type PollCursor,
	type PolledChange,
	saveCursor,
	startCursor,
	unseenChanges,
} from '../../nodes/shared/pollCursor';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const MINUTE = 60_000;
const OVERLAP = 10 * MINUTE;

/** An object of a GreenFlux list: id and change time (seconds after T0, may carry milliseconds). */
interface Obj {
	id: string;
	t: number;
}

/**
 * GreenFlux's list as a poll sees it: every object whose change time is in [date_from, date_to) with
 * both dates cut to whole seconds (GreenFlux's query format), listed only once it `appears`.
 */
function list(objects: Array<Obj & { appears?: number }>, from: Date, to: Date, now: number) {
	const f = Math.floor(from.getTime() / 1000) * 1000;
	const t = Math.floor(to.getTime() / 1000) * 1000;
	return objects
		.filter((o) => (o.appears ?? o.t) <= now)
		.filter((o) => T0 + o.t * 1000 >= f && T0 + o.t * 1000 < t)
		.map((o) => ({ id: o.id, time: T0 + o.t * 1000, value: o }));
}

/** One successful poll at `now` seconds, as the trigger runs it: returns the emitted ids and the new cursor. */
function poll(cursor: PollCursor, objects: Array<Obj & { appears?: number }>, now: number) {
	const range = nextRange(cursor, at(now), OVERLAP);
	if (!range) return { emitted: [] as string[], cursor };
	const read = list(objects, range.from, range.to, now);
	const fresh = unseenChanges(cursor, read);
	const next = advanceCursor(
		cursor,
		{ to: range.to, times: read.map((c) => c.time), emitted: fresh },
		OVERLAP,
	);
	return { emitted: fresh.map((c) => `${c.id}@${c.value.t}`), cursor: next };
}

describe('poll cursor: storage', () => {
	it('a stored cursor is used only with the same fingerprint; a copy is returned', () => {
		const staticData: IDataObject = {};
		expect(loadCursor(staticData, 'a')).toBeUndefined();
		const cursor = startCursor('a', at(0));
		saveCursor(staticData, cursor);
		expect(staticData[CURSOR_KEY]).toEqual(cursor);
		expect(loadCursor(staticData, 'b')).toBeUndefined();
		const loaded = loadCursor(staticData, 'a')!;
		expect(loaded).toEqual(cursor);
		loaded.seen.x = 1;
		expect((staticData[CURSOR_KEY] as PollCursor).seen).toEqual({});
	});

	it('anything that is not a cursor of this shape starts over', () => {
		for (const stored of [null, 'x', { v: 2 }, { ...startCursor('a', at(0)), since: 'no date' }]) {
			expect(loadCursor({ [CURSOR_KEY]: stored as IDataObject }, 'a')).toBeUndefined();
		}
	});

	it('the fingerprint does not depend on key order', () => {
		expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: null } })).toBe(
			fingerprintOf({ b: { d: null, c: [1, 2] }, a: 1 }),
		);
		expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
	});
});

describe('poll cursor: ranges', () => {
	it('reads from the overlap before the last range end, never before since, to now in whole seconds', () => {
		const cursor = startCursor('a', at(0));
		expect(nextRange(cursor, new Date(T0 + 90_500), OVERLAP)).toEqual({
			from: at(0),
			to: at(90),
		});
		const later = { ...cursor, readUntil: at(3600).toISOString() };
		expect(nextRange(later, at(4000), OVERLAP)).toEqual({ from: at(3000), to: at(4000) });
	});

	it('no range shorter than a second (GreenFlux would answer an empty or invalid range)', () => {
		expect(nextRange(startCursor('a', at(0)), new Date(T0 + 999), OVERLAP)).toBeUndefined();
	});

	it('a key is made of the id and the change time', () => {
		expect(changeKey({ id: 'CDR1', time: T0 })).toBe('CDR1@2026-11-20T10:00:00.000Z');
		expect(changeKey({ id: 'CDR1', time: Number.NaN })).toBe('CDR1@?');
	});
});

describe('poll cursor: nothing missed, nothing twice', () => {
	it('objects sharing the range end second across two polls are emitted once', () => {
		// A, B at 59.2 s and 59.7 s; the first poll runs at 59.5 s (range to 59 s: the second is cut off),
		// C at 59.9 s, D at 60 s exactly.
		const objects = [
			{ id: 'A', t: 59.2 },
			{ id: 'B', t: 59.7 },
			{ id: 'C', t: 59.9 },
			{ id: 'D', t: 60 },
		];
		let cursor = startCursor('a', at(0));
		const first = poll(cursor, objects, 59.5);
		expect(first.emitted).toEqual([]);
		const second = poll((cursor = first.cursor), objects, 60.4);
		expect(second.emitted).toEqual(['A@59.2', 'B@59.7', 'C@59.9']);
		const third = poll((cursor = second.cursor), objects, 61);
		expect(third.emitted).toEqual(['D@60']);
		// The same second again and again: the overlap re-reads them, the keys keep them out.
		const fourth = poll(third.cursor, objects, 120);
		expect(fourth.emitted).toEqual([]);
		expect(Object.keys(fourth.cursor.seen).sort()).toEqual(
			['A', 'B', 'C', 'D']
				.map((id) => changeKey({ id, time: T0 + objects.find((o) => o.id === id)!.t * 1000 }))
				.sort(),
		);
	});

	it('an object updated inside the overlap is emitted once per change', () => {
		let cursor = startCursor('a', at(0));
		const objects: Array<Obj & { appears?: number }> = [{ id: 'L1', t: 10 }];
		let step = poll(cursor, objects, 30);
		expect(step.emitted).toEqual(['L1@10']);
		objects[0] = { id: 'L1', t: 40 };
		step = poll((cursor = step.cursor), objects, 50);
		expect(step.emitted).toEqual(['L1@40']);
		step = poll((cursor = step.cursor), objects, 70);
		expect(step.emitted).toEqual([]);
		objects[0] = { id: 'L1', t: 75 };
		step = poll(step.cursor, objects, 80);
		expect(step.emitted).toEqual(['L1@75']);
	});

	it('an object GreenFlux lists late (inside the overlap) is still emitted, once', () => {
		const objects = [
			{ id: 'S1', t: 100 },
			{ id: 'S2', t: 110, appears: 400 }, // synced five minutes later with its own time
		];
		let step = poll(startCursor('a', at(0)), objects, 200);
		expect(step.emitted).toEqual(['S1@100']);
		step = poll(step.cursor, objects, 300);
		expect(step.emitted).toEqual([]);
		step = poll(step.cursor, objects, 420);
		expect(step.emitted).toEqual(['S2@110']);
		step = poll(step.cursor, objects, 500);
		expect(step.emitted).toEqual([]);
	});

	it('a failed poll keeps the cursor: the next one emits everything since the last good one', () => {
		const objects = [
			{ id: 'A', t: 10 },
			{ id: 'B', t: 70 },
			{ id: 'C', t: 130 },
		];
		const first = poll(startCursor('a', at(0)), objects, 60);
		expect(first.emitted).toEqual(['A@10']);
		// The poll at 120 s fails: its cursor is never stored, so the next poll starts from `first.cursor`.
		const third = poll(first.cursor, objects, 180);
		expect(third.emitted).toEqual(['B@70', 'C@130']);
	});

	it('nothing before since is emitted, even inside the overlap', () => {
		const objects = [
			{ id: 'old', t: -30 },
			{ id: 'new', t: 5 },
		];
		const step = poll(startCursor('a', at(0)), objects, 60);
		expect(step.emitted).toEqual(['new@5']);
	});

	it('keys older than the next range are forgotten; the watermark is the newest change read', () => {
		const objects = [
			{ id: 'A', t: 10 },
			{ id: 'B', t: 900 },
		];
		let step = poll(startCursor('a', at(0)), objects, 20);
		step = poll(step.cursor, objects, 1000);
		expect(step.emitted).toEqual(['B@900']);
		expect(Object.keys(step.cursor.seen)).toEqual([changeKey({ id: 'B', time: T0 + 900_000 })]);
		expect(step.cursor.watermark).toBe(at(900).toISOString());
		expect(step.cursor.readUntil).toBe(at(1000).toISOString());
	});

	it('one key twice in one read (a list moving under the paging) gives one change', () => {
		const cursor = startCursor('a', at(0));
		const changes: Array<PolledChange<null>> = [
			{ id: 'X', time: T0 + 5000, value: null },
			{ id: 'X', time: T0 + 5000, value: null },
		];
		const taken = new Set<string>();
		expect(unseenChanges(cursor, changes.slice(0, 1), taken)).toHaveLength(1);
		expect(unseenChanges(cursor, changes.slice(1), taken)).toHaveLength(0);
	});
});

describe('notification fields and filters', () => {
	const notification = (level: string, action: string, extra: IDataObject = {}): IDataObject => ({
		level,
		message_action: action,
		charge_station_message_payload: '{"status":"Faulted"}',
		...extra,
	});

	it('action under any spelling, payload parsed', () => {
		expect(notificationAction({ MessageAction: 'Heartbeat' })).toBe('Heartbeat');
		expect(notificationAction({ message_Action: 'BootNotification' })).toBe('BootNotification');
		expect(notificationPayload(notification('Error', 'StatusNotification'))).toEqual({
			status: 'Faulted',
		});
		expect(notificationPayload({ charge_station_message_payload: 'nope' })).toBeNull();
	});

	it('levels and actions, case-insensitive, empty = all', () => {
		const error = notification('Error', 'StatusNotification');
		expect(matchesNotificationFilters(error, {})).toBe(true);
		expect(matchesNotificationFilters(error, { levels: ['error'] })).toBe(true);
		expect(matchesNotificationFilters(error, { levels: ['Info'] })).toBe(false);
		expect(
			matchesNotificationFilters(error, { messageActions: ' statusnotification, Heartbeat' }),
		).toBe(true);
		expect(matchesNotificationFilters(error, { messageActions: 'Heartbeat' })).toBe(false);
		expect(
			normalisedNotificationFilters({ levels: ['Warning', 'error'], messageActions: 'B, a,' }),
		).toEqual({
			levels: ['error', 'warning'],
			actions: ['a', 'b'],
		});
	});
});
