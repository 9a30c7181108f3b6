import type { IDataObject } from 'n8n-workflow';

/** How many EVSE statuses and location ids one trigger remembers (oldest forgotten first). */
export const MAX_TRACKED_EVSES = 2000;
export const MAX_TRACKED_LOCATIONS = 2000;

type StringMap = Record<string, string>;

function readMap(value: unknown): StringMap {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const map: StringMap = {};
	for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') map[key] = entry;
	return map;
}

/** Sets `key` as the newest entry and drops the oldest entries beyond `max` (insertion order). */
function remember(map: StringMap, key: string, value: string, max: number): void {
	delete map[key];
	map[key] = value;
	const keys = Object.keys(map);
	for (let i = 0; i < keys.length - max; i++) delete map[keys[i]];
}

/**
 * What the trigger remembers between pushes, in the workflow's static data for this node
 * (`getWorkflowStaticData('node')`): the last status of each EVSE (key `<location_id>/<evse_uid>`;
 * the `/` keeps keys non-numeric so insertion order is kept) and the location ids it has seen (value:
 * when). n8n saves static data after the webhook answered, for production executions only; pushes
 * handled at the same moment each start from the same saved state, so a status may be missed then.
 */
export class PushTracker {
	private readonly evses: StringMap;

	private readonly locations: StringMap;

	private changed = false;

	constructor(
		private readonly staticData: IDataObject,
		private readonly limits = { evses: MAX_TRACKED_EVSES, locations: MAX_TRACKED_LOCATIONS },
	) {
		this.evses = readMap(staticData.evseStatuses);
		this.locations = readMap(staticData.knownLocations);
	}

	knowsLocation(locationId: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.locations, `${locationId}/`);
	}

	rememberLocation(locationId: string, at: string): void {
		remember(this.locations, `${locationId}/`, at, this.limits.locations);
		this.changed = true;
	}

	evseStatus(locationId: string, evseUid: string): string | undefined {
		return this.evses[`${locationId}/${evseUid}`];
	}

	rememberEvseStatus(locationId: string, evseUid: string, status: string): void {
		remember(this.evses, `${locationId}/${evseUid}`, status, this.limits.evses);
		this.changed = true;
	}

	/** Writes the maps back as new objects: assigning top-level keys is what marks n8n's static data as changed. */
	save(): void {
		if (!this.changed) return;
		this.staticData.evseStatuses = { ...this.evses };
		this.staticData.knownLocations = { ...this.locations };
		this.changed = false;
	}
}
