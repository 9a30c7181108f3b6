import type { IDataObject } from 'n8n-workflow';

import { bodyObjects } from '../shared/push/body';
import { pushItem, type ClassifiedPush, type PushItem } from '../shared/push/item';
import { PushMemory } from '../shared/push/memory';
import { OCPI_INVALID_PARAMETERS, reject, type PushRejection } from '../shared/push/ocpi';
import type { PushRoute } from '../shared/push/routing';
import {
	CA_PUSH_MODULE,
	eventOfStatus,
	type ChargeAssistPushEvent,
	type ChargeAssistPushModule,
} from './events';

export type ChargeAssistPushItem = PushItem<ChargeAssistPushModule, ChargeAssistPushEvent>;

/** How many sessions' last statuses the trigger remembers (oldest forgotten first). */
export const MAX_TRACKED_SESSIONS = 2000;

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The session ID of a status object: `sessionId` (StatusResponse), else `chargeSessionId`. */
const sessionIdOf = (session: IDataObject) =>
	text(session.sessionId) ?? text(session.chargeSessionId);

/**
 * The session status object of a push: one object, bare or wrapped in `data`, with a session ID and a
 * status (GreenFlux publishes no format for these pushes; this is the StatusResponse of GET /session/status).
 */
export function sessionStatusOf(body: unknown): IDataObject[] | PushRejection {
	const objects = bodyObjects(CA_PUSH_MODULE, body, {
		name: 'Charge Assist session status',
		many: false,
	});
	if (!Array.isArray(objects)) return objects;
	const [session] = objects;
	if (!sessionIdOf(session) || !text(session.status)) {
		return reject(
			400,
			OCPI_INVALID_PARAMETERS,
			'The push body must be a Charge Assist session status object with sessionId and status',
		);
	}
	return objects;
}

/**
 * One item per push: the event of its status, the session ID, the status and the status this trigger
 * saw last for that session (`previousStatus`, null when none: best effort, see the README).
 */
export function classifySessionStatus(
	route: PushRoute<ChargeAssistPushModule>,
	session: IDataObject,
	staticData: IDataObject,
	receivedAt: string,
): ClassifiedPush<ChargeAssistPushModule, ChargeAssistPushEvent> {
	const chargeSessionId = sessionIdOf(session)!;
	const status = text(session.status)!.toUpperCase();
	const memory = new PushMemory(staticData, { sessionStatuses: MAX_TRACKED_SESSIONS });
	// `/` keeps keys non-numeric, so the memory's insertion order (oldest forgotten first) holds.
	const key = `${chargeSessionId}/`;
	const previousStatus = memory.get('sessionStatuses', key) ?? null;
	memory.remember('sessionStatuses', key, status);
	memory.save();
	const item: ChargeAssistPushItem = {
		...pushItem(route, receivedAt, session, eventOfStatus(status)),
		chargeSessionId,
		status,
		previousStatus,
	};
	return { items: [item] };
}

/** The items of the events the user selected. */
export function selectEvents(
	items: ChargeAssistPushItem[],
	events: string[],
): ChargeAssistPushItem[] {
	return items.filter((item) => events.includes(item.event));
}
