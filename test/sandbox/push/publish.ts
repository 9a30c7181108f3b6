import { type Router, sendJson } from '../http';
import type { Json } from '../seed';
import { meterValuesOf, notificationsOf, sessionsOf } from '../seeds/cpoData';
import type { SandboxState } from '../state';

/**
 * GreenFlux stores an object before it pushes it, and its API serves it whether or not the push arrived
 * (pushes are fire and forget; the daily GET is the safety net). This makes the sandbox do the same for
 * the push emitter: `publishObject` files what the emitter is about to push — a CDR, a completed
 * session, a charge station notification, a location or an EVSE status — stamped with the current time
 * as its `last_updated` (notifications: `created`), the field GreenFlux's date filters use, so the list
 * routes serve it from that moment on. The emitter then pushes the stored object, so a pushed and a
 * polled copy are equal.
 *
 * Control route (no key, not in the request log): `POST /__sandbox/publish` with
 * `{ module: 'cdrs' | 'sessions' | 'notifications' | 'locations' | 'evses', object, locationId?, evseUid? }`
 * → the stored object. Register it on a sandbox's control router (`registerPublishRoutes`).
 */

export type PublishModule = 'cdrs' | 'sessions' | 'notifications' | 'locations' | 'evses';

export interface PublishRequest {
	module: PublishModule;
	/** The object to store (CDR, completed session, notification, v1 location) or `{status}` for an EVSE. */
	object: Json;
	/** evses: the location and EVSE whose status changes. */
	locationId?: string;
	evseUid?: string;
}

/** GreenFlux's timestamp style in the seed: UTC, whole seconds, `Z`. */
export const stamp = (at: Date): string => `${at.toISOString().slice(0, 19)}Z`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Inserts keeping the list sorted by `time` then `id` (the order the list routes serve). */
function insertSorted(list: Json[], object: Json, time: string, id: string): void {
	const key = (o: Json) => [String(o[time]), String(o[id])] as const;
	const [t, i] = key(object);
	let at = list.length;
	while (at > 0) {
		const [pt, pi] = key(list[at - 1]);
		if ((compare(pt, t) || compare(pi, i)) <= 0) break;
		at--;
	}
	list.splice(at, 0, object);
}

function replaceById(list: Json[], object: Json, id: string): void {
	const index = list.findIndex((o) => String(o[id]) === String(object[id]));
	if (index >= 0) list.splice(index, 1);
}

function findEvse(state: SandboxState, evseUid: string): Json | undefined {
	for (const station of state.seed.chargeStations) {
		const evse = (station.evses as Json[]).find((e) => e.uid === evseUid);
		if (evse) return evse;
	}
	return undefined;
}

function setEvseStatus(evse: Json, status: unknown, at: string): void {
	evse.status = status;
	evse.last_updated = at;
}

/** Stores one object as GreenFlux would before pushing it; returns the stored object. */
export function publishObject(
	state: SandboxState,
	request: PublishRequest,
	now = new Date(),
): Json {
	const at = stamp(now);
	const object = { ...request.object };
	switch (request.module) {
		case 'cdrs': {
			object.last_updated = at;
			replaceById(state.seed.cdrs, object, 'id');
			insertSorted(state.seed.cdrs, object, 'last_updated', 'id');
			state.changed('cdrs');
			return object;
		}
		case 'sessions': {
			object.last_updated = at;
			const sessions = sessionsOf(state);
			replaceById(sessions, object, 'id');
			insertSorted(sessions, object, 'last_updated', 'id');
			state.changed('sessions');
			return object;
		}
		case 'notifications': {
			object.created = at;
			insertSorted(notificationsOf(state), object, 'created', 'id');
			state.changed('notifications');
			return object;
		}
		case 'locations': {
			const location = state.seed.locations.find((l) => String(l.id) === String(object.id));
			if (!location) throw new Error(`Unknown location ${String(object.id)}`);
			location.last_updated = at;
			for (const given of (object.evses as Json[] | undefined) ?? []) {
				const evse = findEvse(state, String(given.uid));
				if (evse && given.status !== undefined && given.status !== evse.status)
					setEvseStatus(evse, given.status, at);
			}
			object.last_updated = at;
			state.changed('locations');
			return object;
		}
		case 'evses': {
			const evse = findEvse(state, String(request.evseUid));
			if (!evse) throw new Error(`Unknown EVSE ${String(request.evseUid)}`);
			if (request.object.status !== undefined) setEvseStatus(evse, request.object.status, at);
			state.changed('locations');
			return { ...evse };
		}
	}
}

/** `POST /__sandbox/publish` on a sandbox's control router (see publishObject). */
export function registerPublishRoutes(control: Router, state: SandboxState): void {
	// The derived lists are generated from the seed on first use: generate them now, before published
	// CDRs join the seed (else they would get seeded sessions and meter values of their own).
	sessionsOf(state);
	notificationsOf(state);
	meterValuesOf(state);
	control.add('POST', '/__sandbox/publish', { module: 'cdr' }, (ctx) => {
		const request = ctx.body as PublishRequest;
		try {
			sendJson(ctx.res, 200, publishObject(state, request));
		} catch (error) {
			sendJson(ctx.res, 400, { error: (error as Error).message });
		}
	});
}
