import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { formatQueryDate } from '../shared/dateWindows';
import type { ListFetch } from '../shared/listFetch';
import {
	notificationAction,
	notificationLevel,
	notificationPayload,
} from '../shared/notificationFields';
import type { PollEvent } from './events';

/** The push module an event belongs to (the same `module` value the GreenFlux Trigger's items carry). */
export type PollModule = 'cdrs' | 'sessions' | 'locations' | 'notifications';

/** One GreenFlux list a poll reads, and how its objects are identified and dated. */
export interface PollSource {
	module: PollModule;
	/** What the objects are called in messages (plural), e.g. "CDRs". */
	noun: string;
	/** The list read for [from, to) (dates on the change time, date_to exclusive). */
	fetch(from: Date, to: Date): ListFetch;
	/** The field holding the change time GreenFlux filters on. */
	timeField: 'last_updated' | 'created';
	/** The object's stable id. */
	idOf(object: IDataObject): string;
	/** Minutes each poll reads again before the end of the previous one, unless the user sets another overlap. */
	defaultOverlapMinutes: number;
}

const MINUTE = 60_000;
const WINDOW_HOURS = 72;

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value as string);

const dateRange = (from: Date, to: Date): IDataObject => ({
	date_from: formatQueryDate(DateTime.fromJSDate(from)),
	date_to: formatQueryDate(DateTime.fromJSDate(to)),
});

/** CDR API v2: `continuation_token` paging (Link rel="next"), pages of up to 1,000, near real time. */
const cdrs: PollSource = {
	module: 'cdrs',
	noun: 'CDRs',
	timeField: 'last_updated',
	idOf: (cdr) => text(cdr.id),
	defaultOverlapMinutes: 10,
	fetch: (from, to) => ({
		request: {
			api: 'platform',
			module: 'CDR',
			method: 'GET',
			path: '/api/2.0/cdrs',
			qs: dateRange(from, to),
		},
		paging: { kind: 'cursor', pageSizeParam: 'limit', maxPageSize: 1000 },
	}),
};

/** Completed sessions: offset paging by 100 (GreenFlux documents no larger page); synced about once an hour. */
const sessions: PollSource = {
	module: 'sessions',
	noun: 'completed sessions',
	timeField: 'last_updated',
	idOf: (session) => text(session.id),
	defaultOverlapMinutes: 90,
	fetch: (from, to) => ({
		request: {
			api: 'platform',
			module: 'Sessions',
			method: 'GET',
			path: '/api/1.0/sessions',
			qs: dateRange(from, to),
		},
		paging: { kind: 'offset', pageSizeParam: 'limit', maxPageSize: 100 },
	}),
};

/** All charge station notifications: pages of 10,000–100,000 in windows under 72 hours; refreshed hourly. */
const notifications: PollSource = {
	module: 'notifications',
	noun: 'charge station notifications',
	timeField: 'created',
	idOf: (notification) =>
		`${text(notification.charge_station_id)}/${text(notification.charge_station_notification_id ?? notification.id)}`,
	defaultOverlapMinutes: 90,
	fetch: (from, to) => ({
		request: {
			api: 'platform',
			module: 'Charge Station Notifications',
			method: 'GET',
			path: '/api/1.0/chargestationnotifications',
		},
		paging: { kind: 'offset', pageSizeParam: 'limit', minPageSize: 10_000, maxPageSize: 100_000 },
		window: {
			from: DateTime.fromJSDate(from),
			to: DateTime.fromJSDate(to),
			fromParam: 'date_from',
			toParam: 'date_to',
			maxHours: WINDOW_HOURS,
		},
	}),
};

/** Locations v1 with their EVSEs; a location's last_updated moves when it or any EVSE or connector changes. */
export const locations: PollSource = {
	module: 'locations',
	noun: 'locations',
	timeField: 'last_updated',
	idOf: (location) => text(location.id),
	defaultOverlapMinutes: 10,
	fetch: (from, to) => ({
		request: {
			api: 'platform',
			module: 'Locations',
			method: 'GET',
			path: '/api/1.0/locations',
			qs: dateRange(from, to),
		},
		paging: { kind: 'offset', pageSizeParam: 'limit', maxPageSize: 1000 },
	}),
};

/** Every location (no date filter), for the EVSE statuses the first poll starts from. */
export const allLocations: ListFetch = {
	request: { api: 'platform', module: 'Locations', method: 'GET', path: '/api/1.0/locations' },
	paging: { kind: 'offset', pageSizeParam: 'limit', maxPageSize: 1000 },
};

export const SOURCES: Record<PollEvent, PollSource> = {
	'cdr.created': cdrs,
	'session.completed': sessions,
	'notification.received': notifications,
	'location.updated': locations,
	'evse.status_changed': locations,
};

export const overlapMs = (source: PollSource, minutes: number | undefined): number =>
	(minutes !== undefined && minutes > 0 ? minutes : source.defaultOverlapMinutes) * MINUTE;

/** The change time of an object in epoch ms (NaN when it has none). */
export const timeOf = (source: PollSource, object: IDataObject): number =>
	Date.parse(text(object[source.timeField]));

/**
 * The start of an item, in the GreenFlux Trigger's order (event, module, method, receivedAt, object)
 * plus `source: "poll"`, so one downstream path serves pushed and polled items alike.
 */
function itemStart(event: PollEvent, module: PollModule, receivedAt: string, object: IDataObject) {
	return { event, module, method: 'GET', receivedAt, object, source: 'poll' };
}

/** The item of an object that changed (every event but evse.status_changed). */
export function changeItem(
	event: Exclude<PollEvent, 'evse.status_changed'>,
	object: IDataObject,
	receivedAt: string,
): IDataObject {
	const source = SOURCES[event];
	const start = itemStart(event, source.module, receivedAt, object);
	switch (event) {
		case 'cdr.created':
			return start;
		case 'session.completed':
		case 'location.updated':
			// GreenFlux's lists do not say which OCPI party pushed the object (a push URL does).
			return { ...start, countryCode: null, partyId: null, objectId: text(object.id) };
		case 'notification.received':
			return {
				...start,
				level: notificationLevel(object) ?? null,
				messageAction: notificationAction(object) ?? null,
				messagePayload: notificationPayload(object),
			};
	}
}

/** The item of an EVSE whose status differs from the one seen at the previous poll. */
export function evseItem(
	location: IDataObject,
	evse: IDataObject,
	previousStatus: string | null,
	receivedAt: string,
): IDataObject {
	return {
		...itemStart('evse.status_changed', 'locations', receivedAt, evse),
		countryCode: null,
		partyId: null,
		objectId: text(location.id),
		evseUid: text(evse.uid),
		status: text(evse.status),
		previousStatus,
	};
}

/** `<location id>/<EVSE uid>` → status, for every EVSE of the given locations that has both. */
export function evseStatuses(locationList: IDataObject[]): Record<string, string> {
	const statuses: Record<string, string> = {};
	for (const location of locationList) {
		for (const evse of evsesOf(location)) {
			const status = text(evse.status);
			if (status !== '') statuses[evseKey(location, evse)] = status;
		}
	}
	return statuses;
}

export const evseKey = (location: IDataObject, evse: IDataObject): string =>
	`${text(location.id)}/${text(evse.uid)}`;

export function evsesOf(location: IDataObject): IDataObject[] {
	return Array.isArray(location.evses)
		? (location.evses as unknown[]).filter(
				(evse): evse is IDataObject =>
					typeof evse === 'object' && evse !== null && text((evse as IDataObject).uid) !== '',
			)
		: [];
}
