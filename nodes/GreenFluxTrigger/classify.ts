import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/envelope';
import {
	pushItem as sharedPushItem,
	type ClassifiedPush as SharedClassifiedPush,
	type PushItem as SharedPushItem,
} from '../shared/push/item';
import type { PushRoute as SharedPushRoute } from '../shared/push/routing';
import {
	matchesNotificationFilters,
	notificationAction,
	notificationLevel,
	notificationPayload,
	type NotificationFilters,
} from '../shared/notificationFields';
import type { PushEvent, PushModule } from './events';
import type { PushTracker } from './tracker';

/** One output item of the trigger (before the event/notification filters). */
export type PushItem = SharedPushItem<PushModule, PushEvent>;

/** The items of one push. */
export type ClassifiedPush = SharedClassifiedPush<PushModule, PushEvent>;

type PushRoute = SharedPushRoute<PushModule>;

/** Every item says it came from a push (the GreenFlux Poll Trigger's items say `source: "poll"`). */
const pushItem: typeof sharedPushItem = (...a) => ({ ...sharedPushItem(...a), source: 'push' });

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * cdr.created: every CDR of a POST (one item each). GreenFlux never updates a CDR, so there is no
 * other CDR event.
 */
function classifyCdrs(
	route: PushRoute,
	objects: IDataObject[],
	receivedAt: string,
): ClassifiedPush {
	return { items: objects.map((cdr) => pushItem(route, receivedAt, cdr, 'cdr.created')) };
}

/**
 * Sessions (`/sessions/{cc}/{party}/{session_id}`; the session is identified by the path, since
 * compact PATCHes carry no id):
 * - status COMPLETED (PATCH or PUT) → session.completed;
 * - other PUT → session.started (GreenFlux PUTs a session once, when it starts);
 * - other PATCH (full, compact or parking) → session.updated.
 */
function classifySession(
	route: PushRoute,
	session: IDataObject,
	receivedAt: string,
): ClassifiedPush {
	const [countryCode, partyId, objectId] = route.segments;
	const completed = text(session.status)?.toUpperCase() === 'COMPLETED';
	const event: PushEvent = completed
		? 'session.completed'
		: route.method === 'PUT'
			? 'session.started'
			: 'session.updated';
	return {
		items: [{ ...pushItem(route, receivedAt, session, event), countryCode, partyId, objectId }],
	};
}

/** Remembers the statuses of the EVSEs a location (PUT or PATCH) lists. */
function rememberEvses(tracker: PushTracker, locationId: string, location: IDataObject): void {
	if (!Array.isArray(location.evses)) return;
	for (const evse of location.evses) {
		if (!isObject(evse)) continue;
		const uid = text(evse.uid);
		const status = text(evse.status);
		if (uid && status) tracker.rememberEvseStatus(locationId, uid, status);
	}
}

/**
 * Locations (`/locations/{cc}/{party}/{location_id}[/{evse_uid}[/{connector_id}]]`):
 * - PUT of a location this trigger has not seen → location.created;
 * - PUT of a location seen before (any earlier push for that location id) → location.updated: OCPI's
 *   PUT replaces the whole object, so a second PUT is an update;
 * - PATCH of location fields → location.updated;
 * - EVSE push (PUT or PATCH) carrying `status` → evse.status_changed with `status` and `previousStatus`
 *   (the last status this trigger saw for the EVSE in a location or EVSE push, or null);
 * - EVSE push without status, and any connector push (connectors have no status) → location.updated.
 */
function classifyLocation(
	route: PushRoute,
	object: IDataObject,
	receivedAt: string,
	tracker: PushTracker,
): ClassifiedPush {
	const [countryCode, partyId, objectId, evseUid, connectorId] = route.segments;
	const ids: IDataObject = { countryCode, partyId, objectId };
	if (evseUid !== undefined) ids.evseUid = evseUid;
	if (connectorId !== undefined) ids.connectorId = connectorId;
	const known = tracker.knowsLocation(objectId);
	tracker.rememberLocation(objectId, receivedAt);

	let event: PushEvent = 'location.updated';
	const extra: IDataObject = {};
	if (evseUid === undefined) {
		if (route.method === 'PUT' && !known) {
			event = 'location.created';
		}
		rememberEvses(tracker, objectId, object);
	} else if (connectorId === undefined) {
		const status = text(object.status);
		if (status !== undefined) {
			event = 'evse.status_changed';
			extra.status = status;
			extra.previousStatus = tracker.evseStatus(objectId, evseUid) ?? null;
			tracker.rememberEvseStatus(objectId, evseUid, status);
		}
	}
	return { items: [{ ...pushItem(route, receivedAt, object, event), ...ids, ...extra }] };
}

/**
 * notification.received: one item per charge station notification, with `level` and `messageAction`
 * read from the notification (whatever spelling) and `messagePayload` = the OCPP payload that
 * GreenFlux sends as a JSON string in `charge_station_message_payload`, parsed (null when it is not JSON).
 */
function classifyNotifications(
	route: PushRoute,
	objects: IDataObject[],
	receivedAt: string,
): ClassifiedPush {
	const extra: IDataObject =
		route.segments.length > 0 ? { pathSuffix: route.segments.join('/') } : {};
	return {
		items: objects.map((notification) => ({
			...pushItem(route, receivedAt, notification, 'notification.received'),
			...extra,
			level: notificationLevel(notification) ?? null,
			messageAction: notificationAction(notification) ?? null,
			messagePayload: notificationPayload(notification),
		})),
	};
}

export function classifyPush(
	route: PushRoute,
	objects: IDataObject[],
	tracker: PushTracker,
	receivedAt: string,
): ClassifiedPush {
	switch (route.module) {
		case 'cdrs':
			return classifyCdrs(route, objects, receivedAt);
		case 'sessions':
			return classifySession(route, objects[0], receivedAt);
		case 'locations':
			return classifyLocation(route, objects[0], receivedAt, tracker);
		case 'notifications':
			return classifyNotifications(route, objects, receivedAt);
	}
}

/** The items the user asked for: selected events only, notifications narrowed by level and action. */
export function selectItems(
	items: PushItem[],
	events: string[],
	filters: NotificationFilters,
): PushItem[] {
	return items.filter(
		(item) =>
			events.includes(item.event) &&
			(item.event !== 'notification.received' || matchesNotificationFilters(item.object, filters)),
	);
}

export type { NotificationFilters };
