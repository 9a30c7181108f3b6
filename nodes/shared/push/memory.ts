import type { IDataObject } from 'n8n-workflow';

type StringMap = Record<string, string>;

/** The string entries of a stored map (anything else in static data is ignored). */
function readMap(value: unknown): StringMap {
	const map: StringMap = Object.create(null) as StringMap;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return map;
	for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') map[key] = entry;
	return map;
}

/**
 * Bounded string maps a push trigger keeps between pushes in its workflow static data
 * (`getWorkflowStaticData('node')`), one per top-level key given in `limits` (key → most entries).
 * Each map keeps insertion order and forgets its oldest entries first; keys must not be integer-like
 * (JavaScript lists those first, which would break the order). Best effort: n8n saves static data
 * when it answers, for production webhooks only; pushes handled at the same moment each start from the
 * same saved state, so one of their changes may be lost; and n8n 2.41.1 answers a push that starts an
 * execution only after registering it, and does not keep that push's changes (measured in e2e 07:
 * only the changes of pushes that start no execution survive). The GreenFlux Poll Trigger is the
 * reliable source of previous statuses.
 */
export class PushMemory<K extends string> {
	private readonly maps = {} as Record<K, StringMap>;

	private changed = false;

	constructor(
		private readonly staticData: IDataObject,
		private readonly limits: Record<K, number>,
	) {
		for (const name of this.names()) this.maps[name] = readMap(staticData[name]);
	}

	has(map: K, key: string): boolean {
		return key in this.maps[map];
	}

	get(map: K, key: string): string | undefined {
		return this.maps[map][key];
	}

	/** Sets `key` as the newest entry of `map` and drops the oldest entries beyond its limit. */
	remember(map: K, key: string, value: string): void {
		const entries: StringMap = this.maps[map];
		delete entries[key];
		entries[key] = value;
		const keys = Object.keys(entries);
		for (let i = 0; i < keys.length - this.limits[map]; i++) delete entries[keys[i]];
		this.changed = true;
	}

	/** Writes the maps back as new objects: assigning top-level keys is what marks n8n's static data as changed. */
	save(): void {
		if (!this.changed) return;
		for (const name of this.names()) this.staticData[name] = { ...this.maps[name] };
		this.changed = false;
	}

	private names(): K[] {
		return Object.keys(this.limits) as K[];
	}
}
