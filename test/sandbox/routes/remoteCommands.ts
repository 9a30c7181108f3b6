import {
	notFound,
	ocpiError,
	ok,
	type RouteContext,
	type Router,
	sendJson,
	timestamp,
} from '../http';
import { Random } from '../random';
import type { Json } from '../seed';
import type { SandboxState } from '../state';

/** A command GreenFlux accepted: what the charge station will answer once `commandDelayMs` has passed. */
export interface RemoteCommand {
	charge_station_notification_id: string;
	command: string;
	/** The request body as received (echoed as `request` in the result). */
	request: Json;
	/** The `cpsoIds` header, when sent. */
	cpsoIds?: string;
	receivedAt: number;
	/** The charge station the command went to, when GreenFlux could tell. */
	chargeStationId?: string;
	final: { result: string; message: string };
}

export interface RemoteCommandStore {
	commands: Map<string, RemoteCommand>;
	/** Accepted reservations by reservation_id. */
	reservations: Map<string, { evse_uid: string; chargeStationId: string; expiry_date: string }>;
	/** OCPP configuration per charge station (changed by CHANGE_CONFIGURATION). */
	configuration: Map<string, Record<string, string>>;
	random: Random;
	sequence: number;
	/**
	 * Quirk: answer SET_NETWORK_PROFILE like GreenFlux's published SetNetworkProfileSuccess example
	 * (status_code inside `data`, the request echoed, no charge_station_notification_id).
	 */
	publishedNetworkProfileAnswer: boolean;
}

export const remoteCommandStore = (state: SandboxState): RemoteCommandStore =>
	state.store<RemoteCommandStore>('remoteCommands', () => ({
		commands: new Map(),
		reservations: new Map(),
		configuration: new Map(),
		random: new Random(4242),
		sequence: 0,
		publishedNetworkProfileAnswer: false,
	}));

/** A request problem GreenFlux reports with HTTP 200 and status_code 2001. */
class Invalid extends Error {}
/** A command GreenFlux refuses with HTTP 200, status_code 2000 and a result (REJECTED, UNKNOWN_SESSION…). */
class Refused extends Error {
	constructor(
		readonly result: string,
		message: string,
	) {
		super(message);
	}
}

const CANT_FIND_STATION = "Can't find chargeStation";

const TOKEN_TYPES = ['OTHER', 'RFID'];
const WHITELIST = ['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER'];
const TOKEN_FIELDS = [
	'uid',
	'type',
	'auth_id',
	'visual_number',
	'issuer',
	'valid',
	'whitelist',
	'language',
	'last_updated',
];
const RESET_TYPES = ['Hard', 'Soft'];
const RESET_SCHEDULES = ['Immediate', 'OnIdle'];
const CERTIFICATE_TYPES = [
	'V2GRootCertificate',
	'MORootCertificate',
	'CSMSRootCertificate',
	'ManufacturerRootCertificate',
];
const OCPP_INTERFACES = [
	'Wired0',
	'Wired1',
	'Wired2',
	'Wired3',
	'Wireless0',
	'Wireless1',
	'Wireless2',
	'Wireless3',
];
const VPN_FIELDS = ['server', 'user', 'group', 'password', 'key', 'type'];
const APN_FIELDS = [
	'apn',
	'apn_user_name',
	'apn_password',
	'sim_pin',
	'preferred_network',
	'use_only_preferred_network',
	'apn_authentication',
];
const APN_AUTHENTICATION = ['CHAP', 'NONE', 'PAP', 'AUTO'];

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Checks the shape of a body object (GreenFlux's schemas have additionalProperties: false). */
function shape(where: string, value: unknown, allowed: string[], required: string[]): Json {
	if (!isObject(value)) throw new Invalid(`${where} must be a JSON object`);
	const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
	if (unknown.length) throw new Invalid(`Unknown field(s) in ${where}: ${unknown.join(', ')}`);
	const missing = required.filter((key) => !isGiven(value[key]));
	if (missing.length)
		throw new Invalid(`Missing required field(s) in ${where}: ${missing.join(', ')}`);
	return value;
}

function oneOf(where: string, value: unknown, allowed: string[]): void {
	if (isGiven(value) && !allowed.includes(String(value)))
		throw new Invalid(`${where} must be one of ${allowed.join(', ')}`);
}

function isInteger(where: string, value: unknown): void {
	if (isGiven(value) && !Number.isInteger(value)) throw new Invalid(`${where} must be an integer`);
}

function checkToken(token: unknown): void {
	const t = shape('token', token, TOKEN_FIELDS, []);
	if (!isGiven(t.uid) && !isGiven(t.auth_id))
		throw new Invalid('Either token.auth_id or token.uid is required');
	oneOf('token.type', t.type, TOKEN_TYPES);
	oneOf('token.whitelist', t.whitelist, WHITELIST);
	if (
		t.valid !== undefined &&
		typeof t.valid !== 'boolean' &&
		t.valid !== 'true' &&
		t.valid !== 'false'
	)
		throw new Invalid('token.valid must be a boolean');
	if (isGiven(t.last_updated) && Number.isNaN(Date.parse(String(t.last_updated))))
		throw new Invalid('token.last_updated must be a date-time');
}

const CONFIGURATION_DEFAULTS = (station: Json): Record<string, string> => ({
	AuthorizeRemoteTxRequests: 'false',
	ConnectionTimeOut: '60',
	HeartbeatInterval: String(station.heartbeat_interval ?? 300),
	LocalAuthorizeOffline: 'true',
	MeterValueSampleInterval: '900',
	NumberOfConnectors: String((station.evses as Json[]).length),
});

/**
 * Remote Commands: each POST is checked like GreenFlux does (2001 for a malformed body, REJECTED + 2000
 * "Can't find chargeStation" for unknown stations or EVSEs), then ACCEPTED with a notification ID.
 * GET …/{evse_uid}/{id} answers PENDING until `commandDelayMs` has passed, then the station's final
 * answer, decided deterministically: an Offline station → EVSE_INOPERATIVE; START_SESSION / RESERVE_NOW on
 * a CHARGING EVSE → EVSE_OCCUPIED, on an OUTOFORDER EVSE → EVSE_INOPERATIVE; CANCEL_RESERVATION of a known
 * reservation → CANCELED_RESERVATION, of an unknown one → UNKNOWN_RESERVATION; CHANGE_CONFIGURATION of an
 * unknown key → NOT_SUPPORTED; INSTALL_CERTIFICATE of a non-PEM certificate → FAILED; otherwise ACCEPTED.
 */
export function registerRemoteCommandRoutes(router: Router, state: SandboxState): void {
	const store = () => remoteCommandStore(state);
	const stations = () => state.seed.chargeStations;
	const stationById = (id: unknown) =>
		stations().find((s) => String(s.charge_station_id).toLowerCase() === String(id).toLowerCase());
	const stationOfEvse = (uid: unknown) =>
		stations().find((s) =>
			(s.evses as Json[]).some((e) => String(e.uid).toLowerCase() === String(uid).toLowerCase()),
		);
	const evseOf = (station: Json, uid: unknown) =>
		(station.evses as Json[]).find(
			(e) => String(e.uid).toLowerCase() === String(uid).toLowerCase(),
		);

	/** The station and EVSE a command names, or REJECTED "Can't find chargeStation". */
	const locate = (body: Json, stationKey?: string): { station: Json; evse?: Json } => {
		const byId =
			stationKey && isGiven(body[stationKey]) ? stationById(body[stationKey]) : undefined;
		if (stationKey && isGiven(body[stationKey]) && !byId)
			throw new Refused('REJECTED', CANT_FIND_STATION);
		let station = byId;
		let evse: Json | undefined;
		if (isGiven(body.evse_uid)) {
			const ofEvse = stationOfEvse(body.evse_uid);
			if (!ofEvse || (station && ofEvse !== station))
				throw new Refused('REJECTED', CANT_FIND_STATION);
			station = ofEvse;
			evse = evseOf(ofEvse, body.evse_uid);
		}
		if (!station) throw new Refused('REJECTED', CANT_FIND_STATION);
		if (
			isGiven(body.location_id) &&
			String(station.location_id).toLowerCase() !== String(body.location_id).toLowerCase()
		) {
			throw new Refused('REJECTED', CANT_FIND_STATION);
		}
		return { station, evse };
	};
	const offline = (station: Json) => station.connectivity_status === 'Offline';
	const inoperative = {
		result: 'EVSE_INOPERATIVE',
		message: 'The charge station is not connected',
	};
	const evseAnswer = (station: Json, evse: Json | undefined, accepted: string) => {
		if (offline(station)) return inoperative;
		if (evse?.status === 'CHARGING')
			return { result: 'EVSE_OCCUPIED', message: `EVSE ${String(evse.uid)} is occupied` };
		if (evse?.status === 'OUTOFORDER')
			return { result: 'EVSE_INOPERATIVE', message: `EVSE ${String(evse.uid)} is out of order` };
		return { result: 'ACCEPTED', message: accepted };
	};
	const configurationOf = (station: Json) => {
		const id = String(station.charge_station_id);
		if (!store().configuration.has(id))
			store().configuration.set(id, CONFIGURATION_DEFAULTS(station));
		return store().configuration.get(id)!;
	};

	type Decision = { chargeStationId?: string; final: RemoteCommand['final']; after?: () => void };
	const commands: Record<string, (body: Json, ctx: RouteContext) => Decision> = {
		START_SESSION: (body) => {
			shape(
				'START_SESSION',
				body,
				['token', 'location_id', 'evse_uid', 'connector_id', 'chargestation_id'],
				['token', 'location_id', 'evse_uid', 'chargestation_id'],
			);
			checkToken(body.token);
			const { station, evse } = locate(body, 'chargestation_id');
			if (
				isGiven(body.connector_id) &&
				!(evse!.connectors as Json[]).some((c) => String(c.id) === String(body.connector_id))
			) {
				throw new Refused('REJECTED', "Can't find connector");
			}
			return {
				chargeStationId: String(station.charge_station_id),
				final: evseAnswer(station, evse, 'RemoteStartTransaction accepted by the charge station'),
			};
		},
		STOP_SESSION: (body) => {
			shape('STOP_SESSION', body, ['session_id'], ['session_id']);
			if (!/^NLGFX/i.test(String(body.session_id)))
				throw new Refused('UNKNOWN_SESSION', "Can't find session");
			return {
				final: {
					result: 'ACCEPTED',
					message: 'RemoteStopTransaction accepted by the charge station',
				},
			};
		},
		UNLOCK_CONNECTOR: (body) => {
			shape(
				'UNLOCK_CONNECTOR',
				body,
				['location_id', 'evse_uid', 'connector_id'],
				['location_id', 'evse_uid', 'connector_id'],
			);
			const { station, evse } = locate(body);
			if (!(evse!.connectors as Json[]).some((c) => String(c.id) === String(body.connector_id)))
				throw new Refused('REJECTED', "Can't find connector");
			return {
				chargeStationId: String(station.charge_station_id),
				final: offline(station) ? inoperative : { result: 'ACCEPTED', message: 'Unlocked' },
			};
		},
		RESERVE_NOW: (body) => {
			shape(
				'RESERVE_NOW',
				body,
				['token', 'expiry_date', 'reservation_id', 'location_id', 'evse_uid'],
				['token', 'expiry_date', 'reservation_id', 'location_id', 'evse_uid'],
			);
			checkToken(body.token);
			if (Number.isNaN(Date.parse(String(body.expiry_date))))
				throw new Invalid('expiry_date must be a date-time');
			const { station, evse } = locate(body);
			const final = evseAnswer(station, evse, `Reserved until ${String(body.expiry_date)}`);
			const chargeStationId = String(station.charge_station_id);
			const after = () => {
				if (final.result === 'ACCEPTED') {
					store().reservations.set(String(body.reservation_id), {
						evse_uid: String(evse!.uid),
						chargeStationId,
						expiry_date: String(body.expiry_date),
					});
				}
			};
			return { chargeStationId, final, after };
		},
		CANCEL_RESERVATION: (body) => {
			shape('CANCEL_RESERVATION', body, ['reservation_id'], ['reservation_id']);
			const id = String(body.reservation_id);
			const reservation = store().reservations.get(id);
			if (!reservation)
				return {
					final: {
						result: 'UNKNOWN_RESERVATION',
						message: `Reservation ${id} is unknown to the charge station`,
					},
				};
			const station = stationById(reservation.chargeStationId)!;
			const final = offline(station)
				? inoperative
				: { result: 'CANCELED_RESERVATION', message: `Reservation ${id} canceled` };
			return {
				chargeStationId: reservation.chargeStationId,
				final,
				after: () => final.result === 'CANCELED_RESERVATION' && store().reservations.delete(id),
			};
		},
		RESET: (body) => {
			shape('RESET', body, ['charge_station_id', 'evse_uid', 'type', 'scheduled'], ['type']);
			if (!isGiven(body.charge_station_id) && !isGiven(body.evse_uid))
				throw new Invalid('Either charge_station_id or evse_uid is required');
			oneOf('type', body.type, RESET_TYPES);
			oneOf('scheduled', body.scheduled, RESET_SCHEDULES);
			const { station } = locate(body, 'charge_station_id');
			return {
				chargeStationId: String(station.charge_station_id),
				final: offline(station)
					? inoperative
					: { result: 'ACCEPTED', message: `${String(body.type)} reset accepted` },
			};
		},
		GET_CONFIGURATION: (body) => {
			shape('GET_CONFIGURATION', body, ['charge_station_id', 'keys'], ['charge_station_id']);
			if (!Array.isArray(body.keys) || body.keys.some((k) => typeof k !== 'string'))
				throw new Invalid('keys must be an array of strings');
			const { station } = locate(body, 'charge_station_id');
			const configuration = configurationOf(station);
			const keys = (body.keys as string[]).length
				? (body.keys as string[])
				: Object.keys(configuration);
			const known = keys.filter((k) => k in configuration).map((k) => `${k}=${configuration[k]}`);
			const unknown = keys.filter((k) => !(k in configuration));
			const message = [
				known.join('; '),
				unknown.length ? `unknown keys: ${unknown.join(', ')}` : '',
			]
				.filter(Boolean)
				.join('; ');
			return {
				chargeStationId: String(station.charge_station_id),
				final: offline(station) ? inoperative : { result: 'ACCEPTED', message },
			};
		},
		CHANGE_CONFIGURATION: (body) => {
			shape(
				'CHANGE_CONFIGURATION',
				body,
				['charge_station_id', 'key', 'value'],
				['charge_station_id', 'key'],
			);
			if (typeof body.value !== 'string')
				throw new Invalid('Missing required field(s) in CHANGE_CONFIGURATION: value');
			const { station } = locate(body, 'charge_station_id');
			const configuration = configurationOf(station);
			const key = String(body.key);
			const final = offline(station)
				? inoperative
				: key in configuration
					? { result: 'ACCEPTED', message: `${key} set to ${String(body.value)}` }
					: { result: 'NOT_SUPPORTED', message: `Configuration key ${key} is not supported` };
			return {
				chargeStationId: String(station.charge_station_id),
				final,
				after: () => final.result === 'ACCEPTED' && (configuration[key] = String(body.value)),
			};
		},
		INSTALL_CERTIFICATE: (body) => {
			shape(
				'INSTALL_CERTIFICATE',
				body,
				['charge_station_id', 'certificateType', 'certificate'],
				['charge_station_id', 'certificateType', 'certificate'],
			);
			oneOf('certificateType', body.certificateType, CERTIFICATE_TYPES);
			const { station } = locate(body, 'charge_station_id');
			const pem = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(
				String(body.certificate),
			);
			const final = offline(station)
				? inoperative
				: pem
					? { result: 'ACCEPTED', message: `${String(body.certificateType)} installed` }
					: { result: 'FAILED', message: 'The certificate could not be parsed' };
			return { chargeStationId: String(station.charge_station_id), final };
		},
		SET_NETWORK_PROFILE: (body) => {
			shape(
				'SET_NETWORK_PROFILE',
				body,
				['charge_station_id', 'configuration_slot', 'connection_data'],
				['charge_station_id', 'configuration_slot', 'connection_data'],
			);
			isInteger('configuration_slot', body.configuration_slot);
			const connection = shape(
				'connection_data',
				body.connection_data,
				[
					'ocpp_version',
					'ocpp_transport',
					'ocpp_csms_url',
					'message_timeout',
					'security_profile',
					'ocpp_interface',
					'vpn',
					'apn',
				],
				[
					'ocpp_version',
					'ocpp_transport',
					'ocpp_csms_url',
					'message_timeout',
					'security_profile',
					'ocpp_interface',
				],
			);
			oneOf('connection_data.ocpp_version', connection.ocpp_version, ['OCPP20']);
			oneOf('connection_data.ocpp_transport', connection.ocpp_transport, ['JSON', 'SOAP']);
			oneOf('connection_data.ocpp_interface', connection.ocpp_interface, OCPP_INTERFACES);
			isInteger('connection_data.message_timeout', connection.message_timeout);
			isInteger('connection_data.security_profile', connection.security_profile);
			if (connection.vpn !== undefined)
				shape('connection_data.vpn', connection.vpn, VPN_FIELDS, []);
			if (connection.apn !== undefined) {
				const apn = shape('connection_data.apn', connection.apn, APN_FIELDS, []);
				oneOf('connection_data.apn.apn_authentication', apn.apn_authentication, APN_AUTHENTICATION);
				isInteger('connection_data.apn.sim_pin', apn.sim_pin);
				if (
					apn.use_only_preferred_network !== undefined &&
					typeof apn.use_only_preferred_network !== 'boolean'
				) {
					throw new Invalid('connection_data.apn.use_only_preferred_network must be a boolean');
				}
			}
			const { station } = locate(body, 'charge_station_id');
			return {
				chargeStationId: String(station.charge_station_id),
				final: offline(station)
					? inoperative
					: { result: 'ACCEPTED', message: 'Network profile set' },
			};
		},
	};

	/** GreenFlux-style IDs: .NET ticks, a dash and five hex digits, e.g. 638053116813678296-4a208. */
	const notificationId = () => {
		const s = store();
		s.sequence++;
		const msSinceYearOne = Date.now() + 62_135_596_800_000;
		return `${msSinceYearOne}${String(s.sequence % 10000).padStart(4, '0')}-${s.random.hex(5).toLowerCase()}`;
	};

	for (const [name, decide] of Object.entries(commands)) {
		router.add('POST', `/api/1.0/remotecommands/${name}`, { module: 'remoteCommands' }, (ctx) => {
			if (!isObject(ctx.body))
				return ocpiError(ctx, 2001, `The ${name} request body must be a JSON object`);
			let decision: Decision;
			try {
				decision = decide(ctx.body, ctx);
			} catch (error) {
				if (error instanceof Invalid) return ocpiError(ctx, 2001, error.message);
				if (error instanceof Refused)
					return ocpiError(ctx, 2000, error.message, 200, { result: error.result });
				return ocpiError(ctx, 3000, `Sandbox error: ${(error as Error).message}`, 500);
			}
			const header = ctx.req.headers.cpsoids;
			const id = notificationId();
			store().commands.set(id, {
				charge_station_notification_id: id,
				command: name,
				request: ctx.body as Json,
				...(header === undefined
					? {}
					: { cpsoIds: Array.isArray(header) ? header.join(',') : header }),
				receivedAt: Date.now(),
				chargeStationId: decision.chargeStationId,
				final: decision.final,
			});
			decision.after?.();
			if (name === 'SET_NETWORK_PROFILE' && store().publishedNetworkProfileAnswer) {
				ctx.ocpiStatus = 1000;
				const data = {
					result: 'ACCEPTED',
					request: ctx.body,
					status_code: '1000',
					status_message: 'Success',
				};
				return sendJson(ctx.res, 200, { timestamp: timestamp(), data });
			}
			ok(ctx, { result: 'ACCEPTED', charge_station_notification_id: id });
		});
	}

	router.add(
		'GET',
		'/api/1.0/remotecommands/:evseUid/:notificationId',
		{ module: 'remoteCommands' },
		(ctx) => {
			const { evseUid, notificationId: id } = ctx.params;
			const command = store().commands.get(id);
			const station = stationOfEvse(evseUid);
			// Results are kept per EVSE: the EVSE must exist and belong to the command's charge station.
			if (
				!command ||
				!station ||
				(command.chargeStationId && String(station.charge_station_id) !== command.chargeStationId)
			) {
				return notFound(ctx, `Command notification ${id} for EVSE ${evseUid}`);
			}
			const pending = Date.now() - command.receivedAt < state.options.commandDelayMs;
			const { result, message } = pending
				? { result: 'PENDING', message: 'Waiting for the charge station to respond' }
				: command.final;
			ok(ctx, { result, message, request: command.request, charge_station_notification_id: id });
		},
	);
}
