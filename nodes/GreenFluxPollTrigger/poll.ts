import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseDate } from '../shared/dates';
import { fetchList, iterateList } from '../shared/listFetch';
import {
	matchesNotificationFilters,
	normalisedNotificationFilters,
	type NotificationFilters,
} from '../shared/notificationFields';
import {
	advanceCursor,
	fingerprintOf,
	loadCursor,
	nextRange,
	type PollCursor,
	type PolledChange,
	saveCursor,
	startCursor,
	unseenChanges,
} from '../shared/pollCursor';
import { DEFAULT_MAX_ITEMS } from './description';
import type { PollEvent } from './events';
import {
	allLocations,
	changeItem,
	evseItem,
	evseKey,
	evseStatuses,
	evsesOf,
	overlapMs,
	SOURCES,
	timeOf,
	type PollSource,
} from './sources';

const HOUR = 3_600_000;
/** A manual test fetch reads back this far, step by step, until it finds something. */
const SAMPLE_LOOKBACK_HOURS = [1, 24, 7 * 24];
/** Notifications are read in windows under 72 hours: the test fetch stays inside one. */
const NOTIFICATION_SAMPLE_LOOKBACK_HOURS = [1, 24, 71];
/** At most this many objects are read for a test fetch, and this many items shown. */
const SAMPLE_READ = 500;
const SAMPLE_ITEMS = 5;

interface PollSettings {
	event: PollEvent;
	filters: NotificationFilters;
	maxItems: number;
	overlapMinutes?: number;
	startFrom?: Date;
}

function readSettings(this: IPollFunctions): PollSettings {
	const event = this.getNodeParameter('event', 'cdr.created') as PollEvent;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filters =
		event === 'notification.received'
			? (this.getNodeParameter('notificationFilters', {}) as NotificationFilters)
			: {};
	let startFrom: Date | undefined;
	if (
		event !== 'evse.status_changed' &&
		options.startFrom !== undefined &&
		options.startFrom !== ''
	) {
		const parsed = parseDate(options.startFrom, this.getTimezone());
		if (!parsed) {
			throw new NodeOperationError(
				this.getNode(),
				`"Start From" is not a date: ${String(options.startFrom as string)}`,
				{ description: 'Pick a date and time, or leave it empty to start from now.' },
			);
		}
		startFrom = parsed.toJSDate();
	}
	const maxItems = Number(options.maxItems ?? DEFAULT_MAX_ITEMS);
	const overlap = Number(options.overlapMinutes ?? 0);
	return {
		event,
		filters,
		maxItems: Number.isFinite(maxItems) && maxItems >= 1 ? Math.floor(maxItems) : DEFAULT_MAX_ITEMS,
		overlapMinutes: Number.isFinite(overlap) && overlap > 0 ? overlap : undefined,
		startFrom,
	};
}

/**
 * What the cursor belongs to: changing the event, the notification filters, the start or the
 * credential starts the trigger over (as n8n's Google Sheets Trigger does for its document and sheet).
 * The maximum and the overlap are left out: raising the maximum is how a backlog gets through.
 */
function fingerprint(this: IPollFunctions, settings: PollSettings): string {
	const credential = this.getNode().credentials?.greenFluxPlatformApi;
	return fingerprintOf({
		event: settings.event,
		filters:
			settings.event === 'notification.received'
				? normalisedNotificationFilters(settings.filters)
				: null,
		startFrom: settings.startFrom?.toISOString() ?? null,
		credential: credential?.id ?? credential?.name ?? null,
	});
}

function tooMany(
	this: IPollFunctions,
	settings: PollSettings,
	source: PollSource,
	from: Date,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`More than ${settings.maxItems} ${source.noun} changed since ${from.toISOString()}: too many for one execution`,
		{
			description: `Nothing was emitted and the trigger did not move on, so nothing is lost: the next check tries the same range again. Fetch a backlog this size with the GreenFlux node instead (Get Many with Return All, or written to a file), then set "Start From" (Options) to after it; or raise "Max Items per Poll".`,
		},
	);
}

/** The items of one unseen change, updating `memory` (EVSE statuses) for evse.status_changed. */
function itemsOf(
	settings: PollSettings,
	change: PolledChange<IDataObject>,
	receivedAt: string,
	memory: Record<string, string> | undefined,
): IDataObject[] {
	const object = change.value;
	const { event } = settings;
	if (event === 'evse.status_changed') {
		const items: IDataObject[] = [];
		for (const evse of evsesOf(object)) {
			const status = typeof evse.status === 'string' ? evse.status : '';
			if (status === '' || !memory) continue;
			const key = evseKey(object, evse);
			const previous = memory[key];
			if (previous === status) continue;
			items.push(evseItem(object, evse, previous ?? null, receivedAt));
			memory[key] = status;
		}
		return items;
	}
	if (event === 'notification.received' && !matchesNotificationFilters(object, settings.filters))
		return [];
	return [changeItem(event, object, receivedAt)];
}

/**
 * One check: reads what changed since the cursor (its range plus the overlap), emits the changes not
 * emitted before, and only then stores the new cursor. An error (GreenFlux unreachable, a rejected
 * key, too many items) propagates with the cursor untouched, so n8n records a failed execution and the
 * next check reads the same range again.
 */
export async function pollGreenFlux(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	const source = SOURCES[settings.event];
	const now = new Date();
	if (this.getMode() === 'manual') return await sample.call(this, settings, now);

	const staticData = this.getWorkflowStaticData('node');
	const print = fingerprint.call(this, settings);
	let cursor = loadCursor(staticData, print);
	const started = cursor === undefined;
	if (!cursor) {
		const memory =
			settings.event === 'evse.status_changed'
				? evseStatuses(await fetchList.call(this, allLocations))
				: undefined;
		cursor = startCursor(print, settings.startFrom ?? now, memory);
		if (!settings.startFrom) {
			// First activation: remember where we are, emit nothing (no backfill).
			saveCursor(staticData, cursor);
			return null;
		}
	}

	const overlap = overlapMs(source, settings.overlapMinutes);
	const range = nextRange(cursor, now, overlap);
	if (!range) {
		if (started) saveCursor(staticData, cursor);
		return null;
	}

	const receivedAt = now.toISOString();
	const memory = cursor.memory ? { ...cursor.memory } : undefined;
	const items: IDataObject[] = [];
	const emitted: Array<{ id: string; time: number }> = [];
	let newest = Number.NaN;
	const taken = new Set<string>();
	for await (const page of iterateList.call(this, source.fetch(range.from, range.to))) {
		const changes = page.map((object) => ({
			id: source.idOf(object),
			time: timeOf(source, object),
			value: object,
		}));
		for (const { time } of changes) if (!Number.isNaN(time) && !(time <= newest)) newest = time;
		for (const change of unseenChanges(cursor, changes, taken)) {
			const produced = itemsOf(settings, change, receivedAt, memory);
			// Locations are remembered even without an item: their EVSE statuses were taken in.
			if (produced.length > 0 || source.module === 'locations') emitted.push(change);
			items.push(...produced);
			if (items.length > settings.maxItems) throw tooMany.call(this, settings, source, range.from);
		}
	}

	saveCursor(
		staticData,
		advanceCursor(cursor, { to: range.to, times: [newest], emitted }, overlap, memory),
	);
	return items.length > 0 ? [this.helpers.returnJsonArray(items)] : null;
}

/**
 * A manual test fetch ("Fetch Test Event"): a few recent objects of the chosen kind, newest first,
 * read from GreenFlux without looking at or moving the cursor.
 */
async function sample(
	this: IPollFunctions,
	settings: PollSettings,
	now: Date,
): Promise<INodeExecutionData[][] | null> {
	const source = SOURCES[settings.event];
	const stored: PollCursor | undefined = loadCursor(
		this.getWorkflowStaticData('node'),
		fingerprint.call(this, settings),
	);
	const receivedAt = now.toISOString();
	const lookbacks =
		source.module === 'notifications' ? NOTIFICATION_SAMPLE_LOOKBACK_HOURS : SAMPLE_LOOKBACK_HOURS;
	const to = new Date(Math.floor(now.getTime() / 1000) * 1000);
	for (const hours of lookbacks) {
		const from = new Date(to.getTime() - hours * HOUR);
		const objects = await fetchList.call(this, { ...source.fetch(from, to), max: SAMPLE_READ });
		const newestFirst = objects
			.map((object) => ({ object, time: timeOf(source, object) }))
			.sort((a, b) => (b.time || 0) - (a.time || 0));
		const items: IDataObject[] = [];
		for (const { object } of newestFirst) {
			if (settings.event === 'evse.status_changed') {
				for (const evse of evsesOf(object)) {
					const previous = stored?.memory?.[evseKey(object, evse)] ?? null;
					items.push(evseItem(object, evse, previous, receivedAt));
				}
			} else if (
				settings.event !== 'notification.received' ||
				matchesNotificationFilters(object, settings.filters)
			) {
				items.push(changeItem(settings.event, object, receivedAt));
			}
			if (items.length >= SAMPLE_ITEMS) break;
		}
		if (items.length > 0) return [this.helpers.returnJsonArray(items.slice(0, SAMPLE_ITEMS))];
	}
	return null;
}
