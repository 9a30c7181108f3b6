import { DateTime } from 'luxon';

import { generateSeed, isSmallCdr, type Json, type SeedData, withoutKeys } from './seed';

export interface SandboxOptions {
	/** Default 4010; 0 picks a free port. */
	port?: number;
	host?: string;
	scale?: number;
	/** ISO date; default today 00:00 UTC. */
	anchor?: string;
	seed?: number;
	/** GreenFlux's PUBLISH_ALL_CDRS: also serve CDRs under 0.2 kWh and 2 minutes. */
	publishAllCdrs?: boolean;
	/** Request log file (default: GREENFLUX_SANDBOX_LOG). */
	logFile?: string;
	/** Milliseconds before a remote command leaves PENDING. */
	commandDelayMs?: number;
	/**
	 * Charge Assist session clock, milliseconds per step (default 700): REQUESTED → STARTING → CHARGING takes
	 * 2 steps, a stop → STOPPING → COMPLETED → CDR_AVAILABLE 3 steps, PARKING follows 30 steps of CHARGING.
	 */
	chargeAssistClockMs?: number;
	/** Where the sandbox POSTs Charge Assist session statuses (`Authorization: Token <token>`) as they change. */
	chargeAssistPush?: { url: string; token: string };
	quiet?: boolean;
}

/** Data the list routes serve from cached pages (see pageCache.ts). */
export type Collection = 'cdrs' | 'sessions' | 'notifications' | 'meterValues' | 'locations';

const COLLECTIONS: Collection[] = ['cdrs', 'sessions', 'notifications', 'meterValues', 'locations'];

/** Everything the sandbox knows; route modules keep their own stores next to the seed. */
export class SandboxState {
	readonly seed: SeedData;

	readonly options: Required<Pick<SandboxOptions, 'publishAllCdrs' | 'commandDelayMs'>> &
		SandboxOptions;

	private readonly stores = new Map<string, unknown>();

	private readonly versions = new Map<Collection, number>();

	constructor(options: SandboxOptions) {
		this.options = { publishAllCdrs: false, commandDelayMs: 1500, ...options };
		const anchor = options.anchor
			? DateTime.fromISO(options.anchor, { zone: 'utc' })
			: DateTime.utc().startOf('day');
		if (!anchor.isValid) throw new Error(`Invalid sandbox anchor date: ${options.anchor}`);
		this.seed = generateSeed({ scale: options.scale ?? 1, anchor, seed: options.seed ?? 20261123 });
	}

	/** A module's own store, created on first use. */
	store<T>(name: string, create: () => T): T {
		if (!this.stores.has(name)) this.stores.set(name, create());
		return this.stores.get(name) as T;
	}

	/** A collection's data version; cached pages carry it, so a change makes them unreachable. */
	version(collection: Collection): number {
		return this.versions.get(collection) ?? 0;
	}

	/** Call after changing collections (none given: all of them). */
	changed(...collections: Collection[]): void {
		for (const c of collections.length > 0 ? collections : COLLECTIONS)
			this.versions.set(c, this.version(c) + 1);
	}

	/** CDRs as the API publishes them (small ones only with publishAllCdrs), ordered by last_updated. */
	visibleCdrs(): Json[] {
		return this.options.publishAllCdrs
			? this.seed.cdrs
			: this.seed.cdrs.filter((cdr) => !isSmallCdr(cdr));
	}

	/** A location in the OCPI v1 shape: EVSEs of all its charge stations inline. */
	locationV1(location: Json): Json {
		const stationIds = location.chargeStationIds as string[];
		const evses = this.seed.chargeStations
			.filter((s) => stationIds.includes(String(s.charge_station_id)))
			.flatMap((s) => s.evses as Json[])
			.map((evse) => withoutKeys(evse, ['evse_sequence_number']));
		return { ...withoutKeys(location, ['chargeStationIds', 'cpo_id', 'created']), evses };
	}

	locationsV1(): Json[] {
		return this.seed.locations
			.map((l) => this.locationV1(l))
			.filter((l) => (l.evses as Json[]).length > 0)
			.sort(
				(a, b) =>
					String(a.last_updated).localeCompare(String(b.last_updated)) ||
					String(a.id).localeCompare(String(b.id)),
			);
	}
}
