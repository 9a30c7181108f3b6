import { Random, round } from '../random';
import { type Json, SEED_DAYS, type SeedData } from '../seed';
import type { SandboxState } from '../state';

/**
 * CPO data derived from the seed: charge station notifications, meter values and sessions.
 * Each list is generated on first use (kept in a `state.store`), with its own fixed random seed, so every
 * sandbox with the same anchor and scale serves exactly the same data.
 *
 * - Notifications (sorted by `created`, then `id`): per station a BootNotification every 10–25 days (followed by
 *   StatusNotifications), a Heartbeat about every 12 h (GreenFlux receives one every few minutes; thinned here),
 *   a command to the station (GetConfiguration / TriggerMessage / SetChargingProfile / ChangeConfiguration) about
 *   every 2 days with its CALLRESULT (same charge_station_notification_id), random faults (Error) and warnings;
 *   per session StartTransaction, StatusNotification Charging, hourly MeterValues, StopTransaction and
 *   StatusNotification Available. The first seeded station has a burst of 300 flapping notifications on
 *   ANCHOR − 20 days (from 02:00 UTC, one a minute: 120 Error, 120 Info, 60 Warning) — more than one
 *   single-station page of 100, also when filtered on level Error.
 * - Meter values (sorted by `created`, then `meter_value_uid`): per session a Transaction.Begin energy reading,
 *   every 30 minutes energy (Wh), power (W) and current (A, phase L1), and a Transaction.End energy reading.
 * - Sessions (sorted by `last_updated`, then `id`): one COMPLETED session per seeded CDR (small ones included),
 *   plus ACTIVE sessions on the EVSEs that are charging at the anchor and a few INVALID ones. The route serves
 *   only COMPLETED sessions of the last month before the anchor, as GreenFlux does.
 */

export const BURST = {
	stationIndex: 0,
	daysBeforeAnchor: 20,
	startHour: 2,
	count: 300,
	everySeconds: 60,
};
/** Sessions are stored for about a month (GreenFlux: "Session data is only stored up to one month"). */
export const SESSION_RETENTION = { months: 1 };

interface StationRef {
	station: Json;
	evse: Json;
}

const DOTNET_EPOCH_TICKS = 621355968000000000n;
const ticksOf = (at: number) => (BigInt(at) * 10000n + DOTNET_EPOCH_TICKS).toString();

// Plain epoch milliseconds keep generation fast (luxon arithmetic is slow inside jest's VM contexts).
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** UTC, seconds precision, like the rest of the seed (2026-10-01T12:00:00Z). */
const iso = (at: number) => `${new Date(at).toISOString().slice(0, 19)}Z`;

function evseIndex(seed: SeedData): Map<string, StationRef> {
	const index = new Map<string, StationRef>();
	for (const station of seed.chargeStations) {
		for (const evse of station.evses as Json[]) index.set(String(evse.uid), { station, evse });
	}
	return index;
}

const without = (object: Json, keys: string[]): Json =>
	Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
const cdrEvse = (cdr: Json): Json => ((cdr.location as Json).evses as Json[])[0];
/** Lower-case hex from 32-bit draws (Random.hex draws once per character, which is slow for 130,000 ids). */
function hex(rand: Random, length: number): string {
	let out = '';
	while (out.length < length)
		out += Math.floor(rand.next() * 0x100000000)
			.toString(16)
			.padStart(8, '0');
	return out.slice(0, length);
}

function uuid(rand: Random): string {
	const h = hex(rand, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Code-unit order (ISO timestamps sort correctly; localeCompare is far slower on 80,000 items). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTimeThenId = (time: string, id: string) => (a: Json, b: Json) =>
	compare(String(a[time]), String(b[time])) || compare(String(a[id]), String(b[id]));

const parse = (text: unknown): number => Date.parse(String(text));

function generateNotifications(seed: SeedData): Json[] {
	const rand = new Random(0x2026c5e1);
	const anchor = seed.anchor.toMillis();
	const start = anchor - SEED_DAYS * DAY;
	const out: Json[] = [];
	const usedIds = new Set<string>();
	let counter = 230000;

	const add = (
		station: Json,
		at: number,
		n: {
			action: string;
			direction: 'ToGsop' | 'ToChargePoint';
			level?: string;
			type?: string;
			payload: unknown;
			evse?: Json;
			messageId?: string;
		},
	): string => {
		let messageId = n.messageId;
		if (!messageId && n.direction === 'ToGsop') messageId = String(++counter);
		if (!messageId) {
			let ticks = BigInt(ticksOf(at));
			while (usedIds.has(`${String(station.charge_station_id)}@${ticks}`)) ticks += 1n;
			messageId = `${String(station.charge_station_id)}@${ticks}`;
			usedIds.add(messageId);
		}
		const payload = typeof n.payload === 'string' ? n.payload : JSON.stringify(n.payload);
		out.push({
			id: uuid(rand),
			charge_station_notification_id: messageId,
			charge_station_id: station.charge_station_id,
			location_id: station.location_id,
			charge_location_id: station.location_id,
			charge_station_message_payload: payload,
			...(n.evse ? { evse_id: n.evse.uid } : {}),
			created: iso(at),
			level: n.level ?? 'Info',
			message_type: n.type ?? '2',
			message_action: n.action,
			MessageAction: n.action,
			direction: n.direction,
		});
		return messageId;
	};
	const status = (
		station: Json,
		at: number,
		evse: Json | undefined,
		value: string,
		errorCode = 'NoError',
		level = 'Info',
		info = '',
	) =>
		add(station, at, {
			action: 'StatusNotification',
			direction: 'ToGsop',
			level,
			evse,
			payload: {
				connectorId: evse ? Number(evse.evse_sequence_number) : 0,
				errorCode,
				info,
				status: value,
				timestamp: iso(at),
				VendorErrorCode: null,
				level,
			},
		});

	const commands = [
		'GetConfiguration',
		'TriggerMessage',
		'SetChargingProfile',
		'ChangeConfiguration',
	];
	const commandPayload = (action: string): unknown => {
		if (action === 'GetConfiguration') return { GetVariableData: null, FullUpdate: true };
		if (action === 'TriggerMessage')
			return { requestedMessage: 'StatusNotification', connectorId: 1 };
		if (action === 'ChangeConfiguration') return { key: 'HeartbeatInterval', value: '300' };
		return {
			connectorId: 1,
			csChargingProfiles: {
				chargingProfileId: rand.int(1000, 99999),
				stackLevel: 1,
				chargingProfilePurpose: 'TxDefaultProfile',
				chargingProfileKind: 'Relative',
				chargingSchedule: {
					chargingRateUnit: 'A',
					chargingSchedulePeriod: [
						{ startPeriod: 0, limit: rand.pick([16, 25, 32]), numberPhases: 3 },
					],
				},
			},
		};
	};

	for (const station of seed.chargeStations) {
		const evses = station.evses as Json[];
		// Boot notifications, each followed by the connectors' status.
		for (
			let at = start + rand.int(1, 72) * HOUR;
			at < anchor;
			at += rand.int(10, 25) * DAY + rand.int(0, 600) * MINUTE
		) {
			add(station, at, {
				action: 'BootNotification',
				direction: 'ToGsop',
				payload: {
					chargePointVendor: station.charge_point_vendor,
					chargePointModel: station.charge_point_model,
					firmwareVersion: station.firmware_version,
					chargePointSerialNumber: `SN-${String(station.charge_station_id)}`,
				},
			});
			status(station, at + 4 * SECOND, undefined, 'Available');
			evses.forEach((evse, i) => status(station, at + (5 + i) * SECOND, evse, 'Available'));
		}
		for (
			let at = start + rand.int(0, 720) * MINUTE;
			at < anchor;
			at += 12 * HOUR + rand.int(-300, 300) * SECOND
		) {
			add(station, at, { action: 'Heartbeat', direction: 'ToGsop', payload: {} });
		}
		for (
			let at = start + rand.int(2, 48) * HOUR;
			at < anchor;
			at += rand.int(30, 66) * HOUR + rand.int(0, 59) * MINUTE
		) {
			const action = rand.pick(commands);
			const messageId = add(station, at, {
				action,
				direction: 'ToChargePoint',
				payload: commandPayload(action),
			});
			add(station, at + rand.int(1, 4) * SECOND, {
				action,
				direction: 'ToGsop',
				type: '3',
				messageId,
				payload:
					action === 'GetConfiguration'
						? { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }
						: { status: 'Accepted' },
			});
		}
		for (let day = 0; day < SEED_DAYS; day++) {
			const dayStart = start + day * DAY;
			if (rand.next() < 0.05) {
				const evse = rand.pick(evses);
				const at = dayStart + rand.int(0, 86399) * SECOND;
				status(
					station,
					at,
					evse,
					'Faulted',
					rand.pick([
						'GroundFailure',
						'PowerSwitchFailure',
						'OverCurrentFailure',
						'ConnectorLockFailure',
					]),
					'Error',
					'Possible power outage chargepoint',
				);
				status(station, at + rand.int(5, 120) * MINUTE, evse, 'Available');
			}
			if (rand.next() < 0.08) {
				const evse = rand.pick(evses);
				status(
					station,
					dayStart + rand.int(0, 86399) * SECOND,
					evse,
					'SuspendedEVSE',
					rand.pick(['HighTemperature', 'EVCommunicationError']),
					'Warning',
				);
			}
		}
	}

	// What the charge stations reported around each session.
	const stations = evseIndex(seed);
	seed.cdrs.forEach((cdr, n) => {
		const ref = stations.get(String(cdrEvse(cdr).uid));
		if (!ref) return;
		const begin = parse(cdr.start_date_time);
		const end = parse(cdr.stop_date_time);
		const transactionId = 5_000_000 + n;
		const connectorId = Number(ref.evse.evse_sequence_number);
		add(ref.station, begin + 2 * SECOND, {
			action: 'StartTransaction',
			direction: 'ToGsop',
			evse: ref.evse,
			payload: { connectorId, idTag: cdr.token_uid, meterStart: 0, timestamp: iso(begin) },
		});
		status(ref.station, begin + 4 * SECOND, ref.evse, 'Charging');
		const energyWh = Math.round(Number(cdr.total_energy) * 1000);
		const hours = Math.floor((end - begin) / HOUR);
		for (let h = 1; h <= hours; h++) {
			const at = begin + h * HOUR;
			add(ref.station, at, {
				action: 'MeterValues',
				direction: 'ToGsop',
				evse: ref.evse,
				payload: {
					connectorId,
					transactionId,
					meterValue: [
						{
							timestamp: iso(at),
							sampledValue: [
								{
									value: String(Math.round((energyWh * h) / (hours + 1))),
									measurand: 'Energy.Active.Import.Register',
									unit: 'Wh',
								},
							],
						},
					],
				},
			});
		}
		add(ref.station, end, {
			action: 'StopTransaction',
			direction: 'ToGsop',
			evse: ref.evse,
			payload: {
				transactionId,
				idTag: cdr.token_uid,
				meterStop: energyWh,
				timestamp: iso(end),
				reason: 'EVDisconnected',
			},
		});
		status(ref.station, end + 3 * SECOND, ref.evse, 'Available');
	});

	// A flapping connector: more notifications for one station in one day than a single page holds.
	const noisy = seed.chargeStations[BURST.stationIndex];
	const burstStart = anchor - BURST.daysBeforeAnchor * DAY + BURST.startHour * HOUR;
	const noisyEvse = (noisy.evses as Json[])[0];
	for (let i = 0; i < BURST.count; i++) {
		const at = burstStart + i * BURST.everySeconds * SECOND;
		if (i % 5 === 4) status(noisy, at, noisyEvse, 'SuspendedEVSE', 'HighTemperature', 'Warning');
		else if (i % 2 === 0)
			status(noisy, at, noisyEvse, 'Faulted', 'OtherError', 'Error', 'FW-1402 contactor feedback');
		else status(noisy, at, noisyEvse, 'Available');
	}

	const end = iso(anchor);
	return out.filter((n) => String(n.created) < end).sort(byTimeThenId('created', 'id'));
}

function generateMeterValues(seed: SeedData): Json[] {
	const rand = new Random(0x2026be71);
	const stations = evseIndex(seed);
	const out: Json[] = [];
	const registers = new Map<string, number>();
	const cdrs = [...seed.cdrs].sort(byTimeThenId('start_date_time', 'id'));
	for (const cdr of cdrs) {
		const evse = cdrEvse(cdr);
		const ref = stations.get(String(evse.uid));
		if (!ref) continue;
		const connector = (evse.connectors as Json[])[0];
		const begin = parse(cdr.start_date_time);
		const end = parse(cdr.stop_date_time);
		const chargingHours = Math.max(
			Number(cdr.total_time) - Number(cdr.total_parking_time),
			1 / 3600,
		);
		const chargingEnd = begin + Math.round(chargingHours * 3600) * SECOND;
		const energyWh = Number(cdr.total_energy) * 1000;
		const powerW = energyWh / chargingHours;
		const startRegister = registers.get(String(evse.uid)) ?? rand.int(100_000, 5_000_000);
		registers.set(String(evse.uid), Math.round(startRegister + energyWh));
		const registerAt = (at: number) => {
			const charged = Math.min(Math.max((at - begin) / HOUR, 0), chargingHours);
			return Math.round(startRegister + (energyWh * charged) / chargingHours);
		};
		const sample = (
			at: number,
			context: string,
			values: Array<{ measurand: string; unit: string; phase: string; value: number }>,
		) => {
			const messageId = `${hex(rand, 13)}L`;
			for (const v of values) {
				out.push({
					meter_value_uid: uuid(rand),
					value: v.value,
					unit: v.unit,
					evse_id: evse.uid,
					charge_station_id: ref.station.charge_station_id,
					location_id: ref.station.location_id,
					meter_type: 'EVSE',
					created: iso(at + 3 * SECOND),
					timestamp: iso(at),
					message_id: messageId,
					session_id: cdr.session_id,
					connector_id: Number(connector.id),
					context,
					measurand: v.measurand,
					phase: v.phase,
					format: 'Raw',
					location: 'Outlet',
				});
			}
		};
		const energy = (at: number) => ({
			measurand: 'EnergyActiveImportRegister',
			unit: 'Wh',
			phase: 'None',
			value: registerAt(at),
		});
		sample(begin, 'Transaction.Begin', [energy(begin)]);
		for (let at = begin + 30 * MINUTE; at < end; at += 30 * MINUTE) {
			const charging = at < chargingEnd;
			const power = charging ? round(powerW * (0.9 + rand.next() * 0.2), 1) : 0;
			const phases =
				connector.power_type === 'DC' ? 1 : connector.power_type === 'AC_3_PHASE' ? 3 : 1;
			const current = charging ? round(power / (Number(connector.voltage) * phases), 2) : 0;
			sample(at, 'SamplePeriodic', [
				energy(at),
				{ measurand: 'PowerActiveImport', unit: 'W', phase: 'None', value: power },
				{ measurand: 'CurrentImport', unit: 'A', phase: 'L1', value: current },
			]);
		}
		sample(end, 'Transaction.End', [energy(end)]);
	}
	const anchor = iso(seed.anchor.toMillis());
	return out
		.filter((m) => String(m.created) < anchor)
		.sort(byTimeThenId('created', 'meter_value_uid'));
}

function generateSessions(seed: SeedData): Json[] {
	const rand = new Random(0x2026_5e55);
	const anchor = seed.anchor.toMillis();
	const sessions: Json[] = seed.cdrs.map((cdr) => {
		const end = parse(cdr.stop_date_time);
		return {
			id: cdr.session_id,
			start_datetime: cdr.start_date_time,
			end_datetime: cdr.stop_date_time,
			kwh: cdr.total_energy,
			auth_id: cdr.auth_id,
			auth_method: cdr.auth_method,
			location: cdr.location,
			meter_id: cdr.meter_id,
			currency: cdr.currency,
			charging_periods: cdr.charging_periods,
			status: 'COMPLETED',
			last_updated: iso(end + rand.int(5, 120) * SECOND),
			authorization_id: null,
			total_cost: cdr.total_cost,
		};
	});
	const locations = new Map(seed.locations.map((l) => [String(l.id), l]));
	const sessionLocation = (station: Json, evse: Json): Json => {
		const location = without(locations.get(String(station.location_id)) ?? {}, [
			'chargeStationIds',
			'cpo_id',
			'created',
		]);
		return { ...location, evses: [without(evse, ['evse_sequence_number'])] };
	};
	const token = (i: number) => seed.tokens[i % seed.tokens.length];
	let n = 0;
	for (const station of seed.chargeStations) {
		for (const evse of station.evses as Json[]) {
			const active = evse.status === 'CHARGING';
			const invalid = !active && rand.next() < 0.05;
			if (!active && !invalid) continue;
			const startAt =
				anchor - (active ? rand.int(20, 300) : rand.int(2 * 24 * 60, 25 * 24 * 60)) * MINUTE;
			const kwh = active ? round(rand.next() * 20, 3) : 0;
			const t = token(n++ * 7);
			sessions.push({
				id: `NLGFX${hex(rand, 12).toUpperCase()}-${hex(rand, 5)}`,
				start_datetime: iso(startAt),
				end_datetime: active ? null : iso(startAt + MINUTE),
				kwh,
				auth_id: t.auth_id,
				auth_method: 'WHITELIST',
				location: sessionLocation(station, evse),
				meter_id: null,
				currency: 'EUR',
				charging_periods: active
					? [{ start_date_time: iso(startAt), dimensions: [{ type: 'ENERGY', volume: kwh }] }]
					: null,
				status: active ? 'ACTIVE' : 'INVALID',
				last_updated: iso(active ? anchor - rand.int(1, 15) * MINUTE : startAt + 2 * MINUTE),
				authorization_id: null,
				total_cost: null,
			});
		}
	}
	return sessions.sort(byTimeThenId('last_updated', 'id'));
}

/** Every charge station notification (both endpoints serve these objects). */
export const notificationsOf = (state: SandboxState): Json[] =>
	state.store('cpoData.notifications', () => generateNotifications(state.seed));

export const meterValuesOf = (state: SandboxState): Json[] =>
	state.store('cpoData.meterValues', () => generateMeterValues(state.seed));

/** Every session the sandbox knows (ACTIVE and INVALID ones included; the route serves COMPLETED ones only). */
export const sessionsOf = (state: SandboxState): Json[] =>
	state.store('cpoData.sessions', () => generateSessions(state.seed));

/** The oldest last_updated GreenFlux still keeps sessions for. */
export const sessionRetentionStart = (state: SandboxState): string =>
	iso(state.seed.anchor.minus(SESSION_RETENTION).toMillis());
