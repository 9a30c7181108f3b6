import { IANAZone } from 'luxon';

import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/**
 * Smart Charging data derived from the seed: capacity groups over the seeded EVSEs, algorithm settings,
 * Smappee meter settings, day-of-week and date-time capacity scenarios, and priority requests. Generated on first
 * use with a fixed random seed; the four group ids are drawn first, so they are the same at every scale and anchor.
 *
 * - "Demo depot Amsterdam" (NLGFXDEMO, CAPACITYMANAGEMENTDEFAULT): up to 8 AC EVSEs of NLGFXDEMO (charging and
 *   offline ones first), 100 A, weekday office-hours scenario 60 A, two date-time scenarios, Smappee settings.
 * - "Demo fast hub" (NLGFXDEMO, CAPACITYMANAGEMENTDC): up to 4 DC EVSEs of NLGFXDEMO, 150 kW.
 * - "City garage Utrecht" (NLGFXCITY, CAPACITYMANAGEMENTDEFAULT, EXTERNALMETER): up to 6 AC EVSEs of NLGFXCITY.
 * - "City expansion" (NLGFXCITY, algorithm NONE): no EVSEs yet.
 * Allocation history (see routes/smartChargingReporting.ts) covers ANCHOR − 14 days to ANCHOR + 1 day in 15-minute
 * steps and is computed from these settings on request, not stored.
 */

export interface CapacityGroup {
	id: string;
	name: string;
	cpo_external_id: string;
	remarks: string | null;
	algorithm: string;
	capacity_update_method: string;
	/** Member EVSE uids, in the order they were added. */
	evseUids: string[];
	defaultState: {
		default_group_capacity_amps: number;
		session_started_duration: string;
		min_allocation_amps: number;
	};
	dcState: { default_group_capacity_watts: number };
	smappee: { charge_points_cable_max_amps: number | null; power_supply_max_amps: number | null };
	/** Windows time zone id of the day-of-week scenarios. */
	timeZone: string | null;
	dayOfWeek: Json[];
	dateTime: Json[];
}

export interface SmartChargingStore {
	groups: CapacityGroup[];
	/** Priority requests `{capacity_group_id, cpo_external_id, evse_uid, timestamp}`, oldest first. */
	priority: Json[];
	/** For ids of objects created through the API. */
	random: Random;
	/** The allocation history window (ms). */
	history: { from: number; to: number };
}

export const ALGORITHMS: Record<string, string> = {
	NONE: 'None',
	CAPACITYMANAGEMENTDEFAULT: 'Capacity Management - Default',
	CUSTOMERCONFIGUREDTOUALGORITHM: 'Customer Configured TOU',
	CAPACITYMANAGEMENTDC: 'Capacity Management - DC',
};
export const CAPACITY_UPDATE_METHODS = ['DEFAULT', 'FILE', 'API', 'EXTERNALMETER', 'PARENTGROUP'];
export const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Windows time zone ids the day-of-week scenarios accept, with the IANA zone used to evaluate them. */
export const TIME_ZONES = [
	{ id: 'UTC', name: '(UTC) Coordinated Universal Time', iana: 'Etc/UTC' },
	{ id: 'GMT Standard Time', name: '(UTC+00:00) Dublin, Lisbon, London', iana: 'Europe/London' },
	{
		id: 'W. Europe Standard Time',
		name: '(UTC+01:00) Amsterdam, Berlin, Rome',
		iana: 'Europe/Amsterdam',
	},
	{
		id: 'Romance Standard Time',
		name: '(UTC+01:00) Brussels, Madrid, Paris',
		iana: 'Europe/Paris',
	},
	{
		id: 'Central Europe Standard Time',
		name: '(UTC+01:00) Budapest, Prague',
		iana: 'Europe/Budapest',
	},
	{ id: 'GTB Standard Time', name: '(UTC+02:00) Athens, Bucharest', iana: 'Europe/Bucharest' },
	{ id: 'FLE Standard Time', name: '(UTC+02:00) Helsinki, Riga, Vilnius', iana: 'Europe/Helsinki' },
	{
		id: 'Eastern Standard Time',
		name: '(UTC-05:00) Eastern Time (US & Canada)',
		iana: 'America/New_York',
	},
	{
		id: 'Pacific Standard Time',
		name: '(UTC-08:00) Pacific Time (US & Canada)',
		iana: 'America/Los_Angeles',
	},
];

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const isoMs = (at: number) => `${new Date(at).toISOString().slice(0, 19)}Z`;

/** Stable pseudo-random fraction in [0, 1) for a string (FNV-1a). */
export function hashFraction(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return (h >>> 0) / 4294967296;
}

export interface EvseRef {
	station: Json;
	evse: Json;
}

/** Every seeded EVSE by lower-case uid (one pass over the charge stations, which other modules can change). */
export function evseIndex(state: SandboxState): Map<string, EvseRef> {
	const index = new Map<string, EvseRef>();
	for (const station of state.seed.chargeStations)
		for (const evse of (station.evses as Json[] | undefined) ?? [])
			index.set(String(evse.uid).toLowerCase(), { station, evse });
	return index;
}

const isDc = (evse: Json) =>
	((evse.connectors as Json[] | undefined)?.[0]?.power_type ?? '') === 'DC';
const isOffline = (station: Json) => station.connectivity_status === 'Offline';

/** Live smart-charging status: OFFLINE (station offline), SMARTCHARGINGACTIVE / VEHICLEDONECHARGING (charging), else null. */
export function smartChargingStatus(ref: EvseRef): string | null {
	if (isOffline(ref.station)) return 'OFFLINE';
	if (ref.evse.status !== 'CHARGING') return null;
	return hashFraction(`vehicle-done:${String(ref.evse.uid)}`) < 0.25
		? 'VEHICLEDONECHARGING'
		: 'SMARTCHARGINGACTIVE';
}

/** Local weekday name and seconds since local midnight in a Windows time zone. */
export function localTime(timeZone: string, at: number): { day: string; seconds: number } {
	const zone = IANAZone.create(TIME_ZONES.find((z) => z.id === timeZone)?.iana ?? 'Etc/UTC');
	const local = new Date(at + zone.offset(at) * MINUTE);
	return {
		day: DAYS[local.getUTCDay()],
		seconds: local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds(),
	};
}

/** "HH:MM:SS" (or "24:00:00") → seconds. */
export const secondsOfDay = (time: unknown) => {
	const [h, m, s] = String(time).split(':').map(Number);
	return h * 3600 + m * 60 + s;
};

/** Capacity in force at `at`: a date-time scenario, else a day-of-week scenario, else the default. */
export function capacityAt(group: CapacityGroup, at: number, defaultCapacity: number): number {
	for (const scenario of group.dateTime) {
		if (
			at >= Date.parse(String(scenario.start_date_time)) &&
			at < Date.parse(String(scenario.end_date_time))
		)
			return Number(scenario.capacity);
	}
	if (group.timeZone && group.dayOfWeek.length) {
		const local = localTime(group.timeZone, at);
		for (const scenario of group.dayOfWeek) {
			if (
				scenario.day_of_week === local.day &&
				local.seconds >= secondsOfDay(scenario.start_time) &&
				local.seconds < secondsOfDay(scenario.end_time)
			)
				return Number(scenario.capacity);
		}
	}
	return defaultCapacity;
}

/** Up to `count` EVSEs of a CPO not in a group yet: at most `max` of each preferred kind first, then any; in seed order. */
function pickEvses(
	state: SandboxState,
	cpo: string,
	dc: boolean,
	count: number,
	taken: Set<string>,
	preferred: Array<[(ref: EvseRef) => boolean, number]>,
): string[] {
	const candidates: EvseRef[] = [];
	for (const station of state.seed.chargeStations)
		if (station.cpo_id === cpo)
			for (const evse of station.evses as Json[])
				if (isDc(evse) === dc && !taken.has(String(evse.uid))) candidates.push({ station, evse });
	const chosen: string[] = [];
	for (const [wanted, max] of [...preferred, [() => true, count] as const]) {
		const matching = candidates.filter(
			(ref) => wanted(ref) && !chosen.includes(String(ref.evse.uid)),
		);
		for (const ref of matching.slice(0, Math.min(max, count - chosen.length)))
			chosen.push(String(ref.evse.uid));
	}
	chosen.forEach((uid) => taken.add(uid));
	return chosen.sort();
}

export function newCapacityGroup(
	fields: Partial<CapacityGroup> & Pick<CapacityGroup, 'id' | 'name' | 'cpo_external_id'>,
): CapacityGroup {
	return {
		remarks: null,
		algorithm: 'NONE',
		capacity_update_method: 'DEFAULT',
		evseUids: [],
		defaultState: {
			default_group_capacity_amps: 0,
			session_started_duration: '00:00:00',
			min_allocation_amps: 6,
		},
		dcState: { default_group_capacity_watts: 0 },
		smappee: { charge_points_cable_max_amps: null, power_supply_max_amps: null },
		timeZone: null,
		dayOfWeek: [],
		dateTime: [],
		...fields,
	};
}

function generate(state: SandboxState): SmartChargingStore {
	const rand = new Random(20261210);
	const ids = [rand.uuid(), rand.uuid(), rand.uuid(), rand.uuid()];
	const anchor = state.seed.anchor.toMillis();
	const taken = new Set<string>();
	const charging = (ref: EvseRef) => !isOffline(ref.station) && ref.evse.status === 'CHARGING';
	const offline = (ref: EvseRef) => isOffline(ref.station);
	const weekdays = DAYS.slice(1, 6);

	const depot = newCapacityGroup({
		id: ids[0],
		name: 'Demo depot Amsterdam',
		cpo_external_id: 'NLGFXDEMO',
		remarks: 'Office car park, shared grid connection',
		algorithm: 'CAPACITYMANAGEMENTDEFAULT',
		evseUids: pickEvses(state, 'NLGFXDEMO', false, 8, taken, [
			[charging, 3],
			[offline, 1],
		]),
		defaultState: {
			default_group_capacity_amps: 100,
			session_started_duration: '00:15:00',
			min_allocation_amps: 6,
		},
		smappee: { charge_points_cable_max_amps: 80, power_supply_max_amps: 125 },
		timeZone: 'W. Europe Standard Time',
		dayOfWeek: weekdays.map((day) => ({
			id: rand.uuid(),
			capacity: 60,
			day_of_week: day,
			start_time: '07:00:00',
			end_time: '19:00:00',
		})),
		dateTime: [
			{
				id: rand.uuid(),
				capacity: 50,
				start: anchor - 3 * DAY + 8 * HOUR,
				end: anchor - 3 * DAY + 20 * HOUR,
			},
			{ id: rand.uuid(), capacity: 40, start: anchor + 2 * DAY, end: anchor + 3 * DAY },
		].map((s) => ({
			id: s.id,
			capacity: s.capacity,
			start_date_time: isoMs(s.start),
			end_date_time: isoMs(s.end),
		})),
	});
	const fastHub = newCapacityGroup({
		id: ids[1],
		name: 'Demo fast hub',
		cpo_external_id: 'NLGFXDEMO',
		remarks: 'DC chargers behind one 150 kW transformer',
		algorithm: 'CAPACITYMANAGEMENTDC',
		capacity_update_method: 'API',
		evseUids: pickEvses(state, 'NLGFXDEMO', true, 4, taken, [[charging, 2]]),
		dcState: { default_group_capacity_watts: 150000 },
	});
	const garage = newCapacityGroup({
		id: ids[2],
		name: 'City garage Utrecht',
		cpo_external_id: 'NLGFXCITY',
		remarks: null,
		algorithm: 'CAPACITYMANAGEMENTDEFAULT',
		capacity_update_method: 'EXTERNALMETER',
		evseUids: pickEvses(state, 'NLGFXCITY', false, 6, taken, [
			[charging, 2],
			[offline, 2],
		]),
		defaultState: {
			default_group_capacity_amps: 63,
			session_started_duration: '00:10:00',
			min_allocation_amps: 8,
		},
		smappee: { charge_points_cable_max_amps: 63, power_supply_max_amps: 100 },
	});
	const expansion = newCapacityGroup({
		id: ids[3],
		name: 'City expansion',
		cpo_external_id: 'NLGFXCITY',
		remarks: 'Planned, no charge points yet',
	});

	const priority: Json[] = [];
	for (const group of [depot, garage]) {
		for (let n = 0; n < 6 && group.evseUids.length; n++) {
			const at = anchor - rand.int(1, 13) * DAY + rand.int(7 * 3600, 20 * 3600) * 1000;
			priority.push({
				capacity_group_id: group.id,
				cpo_external_id: group.cpo_external_id,
				evse_uid: rand.pick(group.evseUids),
				timestamp: isoMs(at),
			});
		}
	}
	priority.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
	return {
		groups: [depot, fastHub, garage, expansion],
		priority,
		random: new Random(20261211),
		history: { from: anchor - 14 * DAY, to: anchor + DAY },
	};
}

export function smartChargingStore(state: SandboxState): SmartChargingStore {
	return state.store('smartCharging', () => generate(state));
}

export function findCapacityGroup(state: SandboxState, id: string): CapacityGroup | undefined {
	return smartChargingStore(state).groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
}
