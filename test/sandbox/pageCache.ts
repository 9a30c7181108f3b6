import { offsetPaging, type RouteContext, timestamp } from './http';
import type { Json } from './seed';
import type { Collection, SandboxState } from './state';

/**
 * List pages served without scanning or serialising the whole data set per request. A list route
 * builds its list once per data version (`list`, keyed with SandboxState.version), narrows it to a date
 * range by binary search (`between`) and to its filters (`where`), and sends a page whose JSON is made
 * once and reused (`send`, `sendByOffset`). Answers are byte-identical to `ok(ctx, items.slice(…))`.
 */

/** items[start, end): part of a list, in the order it is served. */
export interface Window {
	/** Names the content; it must change when the content may (carry the data version). */
	key: string;
	items: readonly Json[];
	start: number;
	end: number;
}

interface Listed {
	items: readonly Json[];
	/** Per field: the items' times, or null when the list is not sorted by that time. */
	times: Map<string, Float64Array | null>;
}

/** Array.prototype.slice's bounds for `length` items. */
function sliceBounds(length: number, start: number, end: number): [number, number] {
	const clamp = (n: number) => {
		const i = Math.trunc(n) || 0;
		return i < 0 ? Math.max(length + i, 0) : Math.min(i, length);
	};
	const from = clamp(start);
	return [from, Math.max(from, clamp(end))];
}

/** The first index in [lo, hi) whose time is ≥ at (hi if none). */
function lowerBound(times: Float64Array, lo: number, hi: number, at: number): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid] < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The OCPI success envelope (as `ok` writes it) up to the timestamp's value. */
const envelopeHead = (data: readonly Json[]) =>
	Buffer.from(
		`{"data":${JSON.stringify(data)},"status_code":1000,"status_message":"Success","timestamp":"`,
	);

export class PageCache {
	private readonly lists = new Map<string, Listed>();

	private readonly pages = new Map<string, Buffer>();

	private pageBytes = 0;

	constructor(
		private readonly maxLists = 32,
		private readonly maxPageBytes = 256 * 2 ** 20,
	) {}

	/** The list `build` makes, built once per key (least recently used lists are dropped). */
	list(key: string, build: () => readonly Json[]): Window {
		let listed = this.lists.get(key);
		if (listed) this.lists.delete(key);
		else listed = { items: build(), times: new Map() };
		this.lists.set(key, listed);
		if (this.lists.size > this.maxLists) this.lists.delete(this.lists.keys().next().value!);
		return { key, items: listed.items, start: 0, end: listed.items.length };
	}

	/** The items with from ≤ Date.parse(item[field]) < to: a binary search when sorted by that time, else a scan. */
	between(window: Window, field: string, from: number, to: number): Window {
		if (Number.isNaN(from) || Number.isNaN(to)) return { ...window, end: window.start };
		const times = this.timesOf(window, field);
		if (!times) {
			return this.where(window, `${field}∈[${from},${to})`, (item) => {
				const at = Date.parse(String(item[field]));
				return at >= from && at < to;
			});
		}
		const start = lowerBound(times, window.start, window.end, from);
		return { ...window, start, end: Math.max(start, lowerBound(times, start, window.end, to)) };
	}

	/** The items `keep` accepts, as a list of its own; `filter` names the filter in its key ('' = none). */
	where(window: Window, filter: string, keep: (item: Json) => boolean): Window {
		if (filter === '') return window;
		return this.list(`${window.key}[${window.start},${window.end})|${filter}`, () =>
			window.items.slice(window.start, window.end).filter(keep),
		);
	}

	/** An OCPI success answer with the window's items [from, to) (slice bounds, relative to the window). */
	send(
		ctx: RouteContext,
		window: Window,
		from: number,
		to: number,
		headers: Record<string, string> = {},
	): void {
		const [a, b] = sliceBounds(window.end - window.start, from, to);
		const head = this.page(`${window.key}@${window.start + a}-${window.start + b}`, () =>
			envelopeHead(window.items.slice(window.start + a, window.start + b)),
		);
		const tail = `${timestamp()}"}`;
		ctx.ocpiStatus = 1000;
		ctx.res.writeHead(200, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': head.length + Buffer.byteLength(tail),
			...headers,
		});
		ctx.res.write(head);
		ctx.res.end(tail);
	}

	/** pageByOffset over a window. */
	sendByOffset(
		ctx: RouteContext,
		window: Window,
		options: { defaultLimit: number; maxLimit: number; path: string },
	): void {
		const { from, to, headers } = offsetPaging(ctx, window.end - window.start, options);
		this.send(ctx, window, from, to, headers);
	}

	private timesOf(window: Window, field: string): Float64Array | null {
		const listed = this.lists.get(window.key);
		if (listed?.items !== window.items) return null;
		if (!listed.times.has(field)) {
			const times = Float64Array.from(listed.items, (item) => Date.parse(String(item[field])));
			// Sorted by time, no invalid dates (NaN fails every comparison).
			const sorted = times.every((t, i) => (i === 0 ? !Number.isNaN(t) : t >= times[i - 1]));
			listed.times.set(field, sorted ? times : null);
		}
		return listed.times.get(field) ?? null;
	}

	private page(key: string, build: () => Buffer): Buffer {
		let page = this.pages.get(key);
		if (page) this.pages.delete(key);
		else {
			page = build();
			this.pageBytes += page.length;
		}
		this.pages.set(key, page);
		while (this.pageBytes > this.maxPageBytes && this.pages.size > 1) {
			const [oldest, dropped] = this.pages.entries().next().value!;
			this.pages.delete(oldest);
			this.pageBytes -= dropped.length;
		}
		return page;
	}
}

/** The sandbox's page cache. */
export const pageCacheOf = (state: SandboxState): PageCache =>
	state.store('pageCache', () => new PageCache());

/** A list of the collection built once per data version; `name` tells lists of one collection apart. */
export const versionedList = (
	state: SandboxState,
	collection: Collection,
	name: string,
	build: () => readonly Json[],
): Window => pageCacheOf(state).list(`${name}@${state.version(collection)}`, build);
