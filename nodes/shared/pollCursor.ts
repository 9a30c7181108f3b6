import type { IDataObject } from 'n8n-workflow';

/**
 * What a polling trigger remembers between polls, in its node static data under `cursor`. A poll reads
 * the cursor, computes a new one and writes it back only when it succeeded, so a failed poll (or one
 * that throws because it would emit too much) leaves the cursor where it was and the next poll reads
 * the same range again.
 *
 * Every poll reads the changes in [max(since, readUntil − overlap), now): the overlap re-reads the end
 * of the previous range, so an object GreenFlux files late (or one stamped at the same second as the
 * previous range's end) is still found. Objects already emitted are recognised by their key
 * (`<id>@<change time>`) in `seen`, which holds every key emitted with a change time inside the
 * overlap — the ids at the watermark's instant included — so nothing is emitted twice and a new
 * change of the same object (a new change time) is emitted again.
 */
export interface PollCursor {
	v: 1;
	/** The trigger settings this cursor belongs to (event, filters, start, credential); others start over. */
	fingerprint: string;
	/** When the cursor started (first activation, or the user's start time): nothing older is emitted. */
	since: string;
	/** End (exclusive) of the last range read successfully; the next poll starts `overlap` before it. */
	readUntil: string;
	/** The newest change time seen so far (ISO), or `since` when nothing was seen yet. */
	watermark: string;
	/** Keys of emitted changes → their change time (epoch ms), for changes newer than readUntil − overlap. */
	seen: Record<string, number>;
	/** What the trigger compares with at the next poll (e.g. the status of each EVSE), replaced whole. */
	memory?: Record<string, string>;
}

export const CURSOR_KEY = 'cursor';

/** One object a poll read, with the identity and the change time the cursor compares. */
export interface PolledChange<T> {
	/** Stable id of the object (e.g. a CDR id); `key` adds the change time. */
	id: string;
	/** Change time in epoch ms (NaN when the object carries none). */
	time: number;
	value: T;
}

export const changeKey = (change: { id: string; time: number }): string =>
	`${change.id}@${Number.isNaN(change.time) ? '?' : new Date(change.time).toISOString()}`;

function isCursor(value: unknown): value is PollCursor {
	if (typeof value !== 'object' || value === null) return false;
	const cursor = value as Partial<PollCursor>;
	return (
		cursor.v === 1 &&
		typeof cursor.fingerprint === 'string' &&
		typeof cursor.since === 'string' &&
		typeof cursor.readUntil === 'string' &&
		typeof cursor.watermark === 'string' &&
		typeof cursor.seen === 'object' &&
		cursor.seen !== null &&
		!Number.isNaN(Date.parse(cursor.since)) &&
		!Number.isNaN(Date.parse(cursor.readUntil))
	);
}

/** The stored cursor when it belongs to these settings; undefined when there is none or the settings changed. */
export function loadCursor(staticData: IDataObject, fingerprint: string): PollCursor | undefined {
	const stored = staticData[CURSOR_KEY];
	if (!isCursor(stored) || stored.fingerprint !== fingerprint) return undefined;
	return {
		...stored,
		seen: { ...stored.seen },
		...(stored.memory ? { memory: { ...stored.memory } } : {}),
	};
}

/** A cursor that starts at `since` (nothing before it is ever emitted). */
export function startCursor(
	fingerprint: string,
	since: Date,
	memory?: Record<string, string>,
): PollCursor {
	const at = since.toISOString();
	return {
		v: 1,
		fingerprint,
		since: at,
		readUntil: at,
		watermark: at,
		seen: {},
		...(memory ? { memory } : {}),
	};
}

/** Writes the cursor as a new object (assigning the key is what marks n8n's static data as changed). */
export function saveCursor(staticData: IDataObject, cursor: PollCursor): void {
	staticData[CURSOR_KEY] = JSON.parse(JSON.stringify(cursor)) as IDataObject;
}

/** The range the next poll reads: from `overlapMs` before the last range's end (never before `since`) to `now`. */
export function nextRange(
	cursor: PollCursor,
	now: Date,
	overlapMs: number,
): { from: Date; to: Date } | undefined {
	const since = Date.parse(cursor.since);
	const from = Math.max(since, Date.parse(cursor.readUntil) - Math.max(0, overlapMs));
	// GreenFlux takes whole seconds: a range shorter than one second would be empty or rejected.
	const to = Math.floor(now.getTime() / 1000) * 1000;
	if (to - Math.floor(from / 1000) * 1000 < 1000) return undefined;
	return { from: new Date(from), to: new Date(to) };
}

/**
 * The changes not emitted before: not before `since`, not in `seen`, and each key once per poll (an
 * object read twice while GreenFlux's list moved under the paging gives no second item).
 */
export function unseenChanges<T>(
	cursor: PollCursor,
	changes: Array<PolledChange<T>>,
	/** Keys already taken in this poll (earlier pages); the keys returned are added to it. */
	keys = new Set<string>(),
): Array<PolledChange<T>> {
	const since = Date.parse(cursor.since);
	return changes.filter((change) => {
		if (!Number.isNaN(change.time) && change.time < since) return false;
		const key = changeKey(change);
		if (key in cursor.seen || keys.has(key)) return false;
		keys.add(key);
		return true;
	});
}

/**
 * The cursor after a successful poll of [from, to): `emitted` joins `seen`, the range end becomes
 * `readUntil`, the newest change time read becomes the watermark, and keys older than the next
 * range's start are forgotten (that range no longer reads them).
 */
export function advanceCursor(
	cursor: PollCursor,
	read: { to: Date; times: number[]; emitted: Array<{ id: string; time: number }> },
	overlapMs: number,
	memory?: Record<string, string>,
): PollCursor {
	const readUntil = read.to.getTime();
	const seen: Record<string, number> = { ...cursor.seen };
	for (const change of read.emitted) {
		seen[changeKey(change)] = Number.isNaN(change.time) ? readUntil : change.time;
	}
	// The next range starts there, in whole seconds (GreenFlux's date filters take no milliseconds).
	const nextFrom = Math.max(Date.parse(cursor.since), readUntil - Math.max(0, overlapMs));
	const keepFrom = Math.floor(nextFrom / 1000) * 1000;
	for (const [key, time] of Object.entries(seen)) if (time < keepFrom) delete seen[key];
	let newest = Date.parse(cursor.watermark);
	for (const time of read.times) if (time < readUntil && time > newest) newest = time;
	return {
		...cursor,
		readUntil: new Date(Math.max(readUntil, Date.parse(cursor.readUntil))).toISOString(),
		watermark: new Date(newest).toISOString(),
		seen,
		...(memory ? { memory } : cursor.memory ? { memory: cursor.memory } : {}),
	};
}

/** A stable text for a set of settings (object keys sorted), to detect a change of settings. */
export function fingerprintOf(settings: IDataObject): string {
	const canonical = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.keys(value)
					.sort()
					.map((key) => [key, canonical((value as IDataObject)[key])]),
			);
		}
		return value;
	};
	return JSON.stringify(canonical(settings));
}
