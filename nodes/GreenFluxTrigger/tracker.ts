import type { IDataObject } from 'n8n-workflow';

import { PushMemory } from '../shared/push/memory';

/** How many EVSE statuses and location ids one trigger remembers (oldest forgotten first). */
export const MAX_TRACKED_EVSES = 2000;
export const MAX_TRACKED_LOCATIONS = 2000;

/**
 * What the trigger remembers between pushes, in the workflow's static data for this node: the last
 * status of each EVSE (`evseStatuses`, key `<location_id>/<evse_uid>`; the `/` keeps keys non-numeric
 * so insertion order is kept) and the location ids it has seen (`knownLocations`, value: when).
 */
export class PushTracker {
	private readonly memory: PushMemory<'evseStatuses' | 'knownLocations'>;

	constructor(
		staticData: IDataObject,
		limits = { evses: MAX_TRACKED_EVSES, locations: MAX_TRACKED_LOCATIONS },
	) {
		this.memory = new PushMemory(staticData, {
			evseStatuses: limits.evses,
			knownLocations: limits.locations,
		});
	}

	knowsLocation(locationId: string): boolean {
		return this.memory.has('knownLocations', `${locationId}/`);
	}

	rememberLocation(locationId: string, at: string): void {
		this.memory.remember('knownLocations', `${locationId}/`, at);
	}

	evseStatus(locationId: string, evseUid: string): string | undefined {
		return this.memory.get('evseStatuses', `${locationId}/${evseUid}`);
	}

	rememberEvseStatus(locationId: string, evseUid: string, status: string): void {
		this.memory.remember('evseStatuses', `${locationId}/${evseUid}`, status);
	}

	save(): void {
		this.memory.save();
	}
}
