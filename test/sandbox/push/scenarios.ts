import { Random, round } from '../random';
import { cdrParties, cdrTotals, type Json } from '../seed';
import { SandboxState } from '../state';

/**
 * GreenFlux's push sequences, built from the sandbox seed (locations, charge stations, EVSEs,
 * connectors, tokens), following reference.md §8.3 / §14 and gaps.md §4:
 * - per session: PUT {base}/{cc}/{party}/{session_id} (full session, ACTIVE, kwh 0) → PATCHes every
 *   5 minutes (compact `{start_datetime, kwh, status, last_updated}`; every third one full with `id`
 *   and `charging_periods`) → PATCH status COMPLETED → POST {cdrs base} with the CDR of that session;
 * - per location: PUT {base}/{cc}/{party}/{location_id} (full v1 location) → PATCH
 *   …/{evse_uid} `{"status":"CHARGING"}` → PATCH `{"status":"AVAILABLE"}`;
 * - notifications: PUT {notifications base} (no suffix), one bare ChargeStationNotification each,
 *   levels Info/Warning/Error (6:2:2), `charge_station_message_payload` a JSON string.
 * Everything is deterministic for a given seed state and random seed. Pushes are ordered by the time
 * GreenFlux would send them, so the objects' sequences interleave.
 */

export type PushModule = 'cdrs' | 'sessions' | 'locations' | 'notifications';
export type PushEventName =
	| 'cdr.created'
	| 'session.started'
	| 'session.updated'
	| 'session.completed'
	| 'location.created'
	| 'evse.status_changed'
	| 'notification.received';

export interface PlannedPush {
	module: PushModule;
	method: 'POST' | 'PUT' | 'PATCH';
	/** Appended to the module's base URL ('' or `/{cc}/{party}/{id}[/{evse_uid}]`). */
	suffix: string;
	/** The event the GreenFlux Trigger should classify this push as (location.created: a location the trigger has not seen). */
	event: PushEventName;
	/** The GreenFlux object the push belongs to (session id, location id or notification id); pushes of one object keep their order. */
	objectKey: string;
	/** When GreenFlux would send it (ISO). */
	at: string;
	body: Json;
	/** Session PATCH flavour (reference.md §8.3). */
	patchKind?: 'compact' | 'full' | 'completed';
}

export interface ScenarioOptions {
	sessions?: number;
	locations?: number;
	notifications?: number;
	/** PATCHes before the COMPLETED one (default 4: compact, full, compact, compact). */
	patchesPerSession?: number;
	/** Seed for the choices made here (default 20261123). */
	randomSeed?: number;
	countryCode?: string;
	partyId?: string;
	/** Sandbox state whose seed the payloads come from (default: a sandbox with anchor 2026-11-01). */
	state?: SandboxState;
}

const MINUTE = 60_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const hex = (rand: Random, length: number) => rand.hex(length);

export const DEFAULT_ANCHOR = '2026-11-01T00:00:00Z';

/** The sequences to push, ordered by time. */
export function planPushes(options: ScenarioOptions = {}): PlannedPush[] {
	const state = options.state ?? new SandboxState({ anchor: DEFAULT_ANCHOR, quiet: true });
	const rand = new Random(options.randomSeed ?? 20261123);
	const cc = options.countryCode ?? 'NL';
	const party = options.partyId ?? 'GFX';
	const anchor = state.seed.anchor.toMillis();
	const locations = state.locationsV1();
	if (locations.length === 0)
		throw new Error('The sandbox seed has no location with an EVSE to push');
	const pushes: PlannedPush[] = [];

	const sessionCount = options.sessions ?? 5;
	const patches = Math.max(1, options.patchesPerSession ?? 4);
	for (let i = 0; i < sessionCount; i++)
		pushes.push(...sessionSequence(state, rand, i, anchor, patches, cc, party));

	const locationCount = options.locations ?? 3;
	for (let j = 0; j < locationCount; j++) {
		const location = locations[j % locations.length];
		pushes.push(...locationSequence(location, j, anchor, cc, party));
	}

	const notificationCount = options.notifications ?? 20;
	for (let k = 0; k < notificationCount; k++) pushes.push(notificationPush(state, rand, k, anchor));

	// Stable: equal times keep the order above (a session's PUT before its PATCHes, and so on).
	return pushes
		.map((push, index) => ({ push, index }))
		.sort((a, b) => (a.push.at < b.push.at ? -1 : a.push.at > b.push.at ? 1 : a.index - b.index))
		.map((x) => x.push);
}

function sessionSequence(
	state: SandboxState,
	rand: Random,
	i: number,
	anchor: number,
	patches: number,
	cc: string,
	party: string,
): PlannedPush[] {
	const locations = state.locationsV1();
	const location = rand.pick(locations);
	const evses = location.evses as Json[];
	const evse = rand.pick(evses);
	const connector = (evse.connectors as Json[])[0];
	const token = rand.pick(state.seed.tokens);
	const cpoId = state.seed.locations.find((l) => l.id === location.id)?.cpo_id;
	const dc = connector.power_type === 'DC';
	const powerKw = dc ? 40 : rand.pick([7.4, 11]);
	const id = `NLGFX${hex(rand, 12)}-${hex(rand, 5).toLowerCase()}`;
	const start = anchor + 6 * 60 * MINUTE + i * 7 * MINUTE + rand.int(0, 59) * 1000;
	const suffix = `/${cc}/${party}/${id}`;
	const sessionLocation = {
		...location,
		evses: [{ ...evse, status: 'CHARGING', connectors: [connector] }],
	};
	const kwhAt = (ms: number) => round(((ms - start) / (60 * MINUTE)) * powerKw * 0.92, 3);
	const price = dc ? 0.59 : 0.35;
	const out: PlannedPush[] = [];
	const push = (
		at: number,
		method: PlannedPush['method'],
		event: PushEventName,
		body: Json,
		patchKind?: PlannedPush['patchKind'],
	) =>
		out.push({
			module: 'sessions',
			method,
			suffix,
			event,
			objectKey: id,
			at: iso(at),
			body,
			...(patchKind ? { patchKind } : {}),
		});

	push(start, 'PUT', 'session.started', {
		id,
		start_datetime: iso(start),
		end_datetime: null,
		kwh: 0.0,
		auth_id: token.auth_id,
		auth_method: 'WHITELIST',
		location: sessionLocation,
		meter_id: null,
		currency: 'EUR',
		charging_periods: null,
		status: 'ACTIVE',
		last_updated: iso(start),
	});
	const periods = (kwh: number, hours: number) => [
		{
			start_date_time: iso(start),
			dimensions: [
				{ type: 'TIME', volume: round(hours, 4) },
				{ type: 'ENERGY', volume: kwh },
			],
		},
	];
	for (let k = 1; k <= patches; k++) {
		const at = start + k * 5 * MINUTE;
		const kwh = kwhAt(at);
		if (k % 3 === 2) {
			push(
				at,
				'PATCH',
				'session.updated',
				{
					id,
					start_datetime: iso(start),
					kwh,
					charging_periods: periods(kwh, (at - start) / (60 * MINUTE)),
					status: 'ACTIVE',
					last_updated: iso(at),
				},
				'full',
			);
		} else {
			push(
				at,
				'PATCH',
				'session.updated',
				{ start_datetime: iso(start), kwh, status: 'ACTIVE', last_updated: iso(at) },
				'compact',
			);
		}
	}
	const end = start + (patches + 1) * 5 * MINUTE;
	const kwh = kwhAt(end);
	const hours = (end - start) / (60 * MINUTE);
	const cost = round(kwh * price * 0.8, 2);
	const retail = round(kwh * price, 2);
	push(
		end,
		'PATCH',
		'session.completed',
		{
			id,
			start_datetime: iso(start),
			end_datetime: iso(end),
			kwh,
			charging_periods: periods(kwh, hours),
			total_cost: cost,
			status: 'COMPLETED',
			last_updated: iso(end),
		},
		'completed',
	);
	const cdrAt = end + 2 * MINUTE;
	out.push({
		module: 'cdrs',
		method: 'POST',
		suffix: '',
		event: 'cdr.created',
		objectKey: id,
		at: iso(cdrAt),
		body: {
			id: `NLGFX${String(639000000000000000 + i * 7919)}`,
			start_date_time: iso(start),
			stop_date_time: iso(end),
			session_id: id,
			auth_id: token.auth_id,
			token_uid: token.uid,
			token_visual_number: token.visual_number,
			auth_method: 'WHITELIST',
			location: {
				...sessionLocation,
				evses: [{ ...evse, status: 'AVAILABLE', connectors: [connector] }],
			},
			meter_id: null,
			currency: 'EUR',
			tariffs: [],
			charging_periods: periods(kwh, hours),
			...cdrTotals(cost, retail),
			total_energy: kwh,
			total_time: round(hours, 4),
			total_parking_time: 0.0,
			...cdrParties(token),
			cpo_id: cpoId,
			charger_type: 'Public',
			max_power_w: Math.round(powerKw * 1000),
			last_updated: iso(cdrAt),
		},
	});
	return out;
}

function locationSequence(
	location: Json,
	j: number,
	anchor: number,
	cc: string,
	party: string,
): PlannedPush[] {
	const start = anchor + 60 * MINUTE + j * 3 * MINUTE;
	const evses = location.evses as Json[];
	const evse = evses[0];
	const id = String(location.id);
	const put = {
		...location,
		evses: evses.map((e) => (e.uid === evse.uid ? { ...e, status: 'AVAILABLE' } : e)),
		last_updated: iso(start),
	};
	const base = { module: 'locations' as const, objectKey: id };
	return [
		{
			...base,
			method: 'PUT',
			suffix: `/${cc}/${party}/${id}`,
			event: 'location.created',
			at: iso(start),
			body: put,
		},
		{
			...base,
			method: 'PATCH',
			suffix: `/${cc}/${party}/${id}/${String(evse.uid)}`,
			event: 'evse.status_changed',
			at: iso(start + MINUTE),
			body: { status: 'CHARGING' },
		},
		{
			...base,
			method: 'PATCH',
			suffix: `/${cc}/${party}/${id}/${String(evse.uid)}`,
			event: 'evse.status_changed',
			at: iso(start + 45 * MINUTE),
			body: { status: 'AVAILABLE' },
		},
	];
}

/** Level per position in a cycle of 10: 6 Info, 2 Warning, 2 Error. */
export const NOTIFICATION_LEVEL_CYCLE = [
	'Info',
	'Info',
	'Warning',
	'Info',
	'Error',
	'Info',
	'Info',
	'Warning',
	'Info',
	'Error',
] as const;

function notificationPush(
	state: SandboxState,
	rand: Random,
	k: number,
	anchor: number,
): PlannedPush {
	const station = rand.pick(state.seed.chargeStations);
	const evse = rand.pick(station.evses as Json[]);
	const at = anchor + 30 * MINUTE + k * 30 * 1000;
	const level = NOTIFICATION_LEVEL_CYCLE[k % NOTIFICATION_LEVEL_CYCLE.length];
	const connectorId = Number(evse.evse_sequence_number ?? 1);
	let action: string;
	let payload: Json;
	let evseLevel = true;
	if (level === 'Error') {
		action = 'StatusNotification';
		payload = {
			connectorId,
			errorCode: rand.pick(['GroundFailure', 'PowerSwitchFailure', 'OverCurrentFailure']),
			info: 'Possible power outage chargepoint',
			status: 'Faulted',
			timestamp: iso(at),
			VendorErrorCode: null,
			level,
		};
	} else if (level === 'Warning') {
		action = 'StatusNotification';
		payload = {
			connectorId,
			errorCode: rand.pick(['HighTemperature', 'EVCommunicationError']),
			info: '',
			status: 'SuspendedEVSE',
			timestamp: iso(at),
			VendorErrorCode: null,
			level,
		};
	} else {
		action = rand.pick([
			'StatusNotification',
			'StatusNotification',
			'Heartbeat',
			'MeterValues',
			'BootNotification',
		]);
		if (action === 'StatusNotification')
			payload = {
				connectorId,
				errorCode: 'NoError',
				info: '',
				status: rand.pick(['Available', 'Charging', 'Preparing']),
				timestamp: iso(at),
				VendorErrorCode: null,
				level,
			};
		else if (action === 'MeterValues')
			payload = {
				connectorId,
				transactionId: 5_100_000 + k,
				meterValue: [
					{
						timestamp: iso(at),
						sampledValue: [
							{
								value: String(rand.int(1000, 90000)),
								measurand: 'Energy.Active.Import.Register',
								unit: 'Wh',
							},
						],
					},
				],
			};
		else if (action === 'BootNotification') {
			evseLevel = false;
			payload = {
				chargePointVendor: station.charge_point_vendor,
				chargePointModel: station.charge_point_model,
				firmwareVersion: station.firmware_version,
			};
		} else {
			evseLevel = false;
			payload = {};
		}
	}
	const id = String(240000 + k);
	const body: Json = {
		id: rand.uuid(),
		charge_station_notification_id: id,
		charge_station_id: station.charge_station_id,
		location_id: station.location_id,
		charge_location_id: station.location_id,
		...(evseLevel ? { evse_id: evse.uid } : {}),
		charge_station_message_payload: JSON.stringify(payload),
		created: iso(at),
		level,
		message_type: '2',
		message_action: action,
		MessageAction: action,
		direction: 'ToGsop',
	};
	return {
		module: 'notifications',
		method: 'PUT',
		suffix: '',
		event: 'notification.received',
		objectKey: `notification:${id}`,
		at: iso(at),
		body,
	};
}
