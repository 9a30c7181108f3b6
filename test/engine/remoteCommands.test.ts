import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { Json } from '../sandbox/seed';
import { remoteCommandStore } from '../sandbox/routes/remoteCommands';
import { KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox();
const rc = (operation: string, parameters: IDataObject = {}) => ({
	resource: 'remoteCommand',
	operation,
	...parameters,
});
/** Short polling for tests (the sandbox answers 300 ms after a command). */
const waiting = { waitForResult: true, waitTimeout: 5, pollInterval: 0.1 };
const NOTIFICATION_ID = /^\d{18,}-[0-9a-f]{5}$/;
/** A driver contract (auth ID) and a certificate type, named so that the secrets lint does not mistake them for keys. */
const DRIVER_CONTRACT = 'NL-GFX-C12345678-9';
const V2G_ROOT = 'V2GRootCertificate';

const stations = () => sandbox().state.seed.chargeStations;
const evses = (station: Json) => station.evses as Json[];
const stationWith = (connectivity: 'Online' | 'Offline', evseStatus?: string) => {
	const station = stations().find(
		(s) =>
			s.connectivity_status === connectivity &&
			(!evseStatus || evses(s).some((e) => e.status === evseStatus)),
	);
	if (!station) throw new Error(`No ${connectivity} seed station with an ${evseStatus} EVSE`);
	const evse = evses(station).find((e) => !evseStatus || e.status === evseStatus)!;
	return {
		id: String(station.charge_station_id),
		locationId: String(station.location_id),
		evseUid: String(evse.uid),
		station,
	};
};
const online = () => stationWith('Online', 'AVAILABLE');
/** NodeApiError / NodeOperationError description of a run's error. */
const descriptionOf = (error: unknown) =>
	(error as { description?: string } | undefined)?.description;
/** Runs `fn` while the sandbox's charge stations answer commands after `ms` milliseconds. */
async function withCommandDelay<T>(ms: number, fn: () => Promise<T>): Promise<T> {
	const { options } = sandbox().state;
	const before = options.commandDelayMs;
	options.commandDelayMs = ms;
	try {
		return await fn();
	} finally {
		options.commandDelayMs = before;
	}
}
const storedCommand = (id: unknown) => remoteCommandStore(sandbox().state).commands.get(String(id));

/** Every output key of a quick-fire command (no waiting). */
function expectAccepted(json: IDataObject, command: string) {
	expect(json).toEqual({
		command,
		result: 'ACCEPTED',
		accepted: true,
		message: 'Success',
		chargeStationNotificationId: expect.stringMatching(NOTIFICATION_ID),
		statusCode: 1000,
		response: {
			result: 'ACCEPTED',
			charge_station_notification_id: json.chargeStationNotificationId,
		},
	});
	expect(storedCommand(json.chargeStationNotificationId)?.command).toBe(command);
}

function startParameters(target = online(), extra: IDataObject = {}) {
	return rc('startSession', {
		chargeStationId: target.id,
		locationId: target.locationId,
		evseUid: target.evseUid,
		authId: DRIVER_CONTRACT,
		...extra,
	});
}

describe('Remote Commands › one engine run per operation', () => {
	it('Start Session sends the token with its defaults and answers ACCEPTED with a notification ID', async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			startParameters(target, { additionalFields: { connectorId: '1' } }),
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(1);
		expectAccepted(run.json[0], 'START_SESSION');
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/1.0/remotecommands/START_SESSION',
			status: 200,
			ocpiStatus: 1000,
		});
		expect(run.requests[0].body).toEqual({
			token: { auth_id: DRIVER_CONTRACT, type: 'OTHER', valid: true, whitelist: 'ALWAYS' },
			chargestation_id: target.id,
			location_id: target.locationId,
			evse_uid: target.evseUid,
			connector_id: '1',
		});
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Start Session with the whole token as JSON sends it as it is', async () => {
		const token = {
			uid: '04A2B3C4D5E6F7',
			type: 'RFID',
			valid: true,
			whitelist: 'ALLOWED',
			visual_number: 'NL-GFX-100001',
		};
		const run = await runGreenFlux(
			sandbox(),
			startParameters(online(), {
				authId: '',
				tokenInput: 'json',
				tokenJson: JSON.stringify(token),
			}),
		);
		expect(run.error).toBeUndefined();
		expectAccepted(run.json[0], 'START_SESSION');
		expect((run.requests[0].body as IDataObject).token).toEqual(token);
	});

	it('Stop Session sends the session ID', async () => {
		const run = await runGreenFlux(
			sandbox(),
			rc('stopSession', { sessionId: 'NLGFX638016010467655638-404a4' }),
		);
		expect(run.error).toBeUndefined();
		expectAccepted(run.json[0], 'STOP_SESSION');
		expect(run.requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/1.0/remotecommands/STOP_SESSION'],
		]);
		expect(run.requests[0].body).toEqual({ session_id: 'NLGFX638016010467655638-404a4' });
	});

	it('Unlock Connector sends location, EVSE and connector', async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			rc('unlockConnector', {
				locationId: target.locationId,
				evseUid: target.evseUid,
				connectorId: '1',
			}),
		);
		expect(run.error).toBeUndefined();
		expectAccepted(run.json[0], 'UNLOCK_CONNECTOR');
		expect(run.requests[0].path).toBe('/api/1.0/remotecommands/UNLOCK_CONNECTOR');
		expect(run.requests[0].body).toEqual({
			location_id: target.locationId,
			evse_uid: target.evseUid,
			connector_id: '1',
		});
	});

	it('Reserve Now sends token fields, expiry and reservation; Cancel Reservation sends the cpsoIds header and ends CANCELED_RESERVATION', async () => {
		const target = online();
		const expiry = DateTime.utc().plus({ hours: 2 }).startOf('second');
		const reserve = await runGreenFlux(
			sandbox(),
			rc('reserveNow', {
				locationId: target.locationId,
				evseUid: target.evseUid,
				reservationId: 'RES-ENGINE-1',
				expiryDate: expiry.toISO(),
				chipUid: '04A2B3C4D5E6F7',
				tokenType: 'RFID',
				tokenOptions: { visualNumber: 'NL-GFX-100001', whitelist: 'ALLOWED', valid: true },
			}),
		);
		expect(reserve.error).toBeUndefined();
		expectAccepted(reserve.json[0], 'RESERVE_NOW');
		expect(reserve.requests[0].path).toBe('/api/1.0/remotecommands/RESERVE_NOW');
		expect(reserve.requests[0].body).toEqual({
			location_id: target.locationId,
			evse_uid: target.evseUid,
			reservation_id: 'RES-ENGINE-1',
			expiry_date: expiry.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
			token: {
				uid: '04A2B3C4D5E6F7',
				type: 'RFID',
				valid: true,
				whitelist: 'ALLOWED',
				visual_number: 'NL-GFX-100001',
			},
		});
		expect(remoteCommandStore(sandbox().state).reservations.get('RES-ENGINE-1')).toMatchObject({
			evse_uid: target.evseUid,
			chargeStationId: target.id,
		});

		const cancel = await runGreenFlux(
			sandbox(),
			rc('cancelReservation', {
				reservationId: 'RES-ENGINE-1',
				additionalFields: { cpsoIds: 'CPSO-1,CPSO-2' },
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		);
		expect(cancel.error).toBeUndefined();
		const [json] = cancel.json;
		expect(json).toMatchObject({
			command: 'CANCEL_RESERVATION',
			result: 'CANCELED_RESERVATION',
			accepted: true,
			timedOut: false,
			evseUid: target.evseUid,
		});
		expect(json.final).toEqual({
			result: 'CANCELED_RESERVATION',
			message: 'Reservation RES-ENGINE-1 canceled',
			request: { reservation_id: 'RES-ENGINE-1' },
			charge_station_notification_id: json.chargeStationNotificationId,
		});
		expect(cancel.requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/1.0/remotecommands/CANCEL_RESERVATION',
			body: { reservation_id: 'RES-ENGINE-1' },
		});
		expect(storedCommand(json.chargeStationNotificationId)?.cpsoIds).toBe('CPSO-1,CPSO-2');
		expect(
			cancel.requests
				.slice(1)
				.every(
					(r) =>
						r.method === 'GET' &&
						r.path ===
							`/api/1.0/remotecommands/${target.evseUid}/${String(json.chargeStationNotificationId)}`,
				),
		).toBe(true);
		expect(remoteCommandStore(sandbox().state).reservations.has('RES-ENGINE-1')).toBe(false);
	});

	it('Reset by charge station sends type and schedule, and waits via "EVSE UID for Result"', async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			rc('reset', {
				chargeStationId: target.id,
				resetType: 'Hard',
				additionalFields: { scheduled: 'OnIdle' },
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		);
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({
			charge_station_id: target.id,
			type: 'Hard',
			scheduled: 'OnIdle',
		});
		expect(run.json[0]).toMatchObject({
			command: 'RESET',
			result: 'ACCEPTED',
			accepted: true,
			message: 'Hard reset accepted',
			evseUid: target.evseUid,
		});
	});

	it('Get Configuration with no keys sends keys: [] (all keys) and returns the station answer', async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			rc('getConfiguration', {
				chargeStationId: target.id,
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		);
		expect(run.error).toBeUndefined();
		expect(run.requests[0]).toMatchObject({
			path: '/api/1.0/remotecommands/GET_CONFIGURATION',
			body: { charge_station_id: target.id, keys: [] },
		});
		expect(run.json[0]).toMatchObject({ command: 'GET_CONFIGURATION', result: 'ACCEPTED' });
		expect(run.json[0].message).toContain(
			`HeartbeatInterval=${String(target.station.heartbeat_interval)}`,
		);
		expect(run.json[0].message).toContain('MeterValueSampleInterval=900');
	});

	it('Change Configuration sends key and value, and a later Get Configuration reads the new value', async () => {
		const target = online();
		const change = await runGreenFlux(
			sandbox(),
			rc('changeConfiguration', {
				chargeStationId: target.id,
				key: 'MeterValueSampleInterval',
				value: '60',
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		);
		expect(change.error).toBeUndefined();
		expect(change.requests[0]).toMatchObject({
			path: '/api/1.0/remotecommands/CHANGE_CONFIGURATION',
			body: { charge_station_id: target.id, key: 'MeterValueSampleInterval', value: '60' },
		});
		expect(change.json[0]).toMatchObject({
			result: 'ACCEPTED',
			message: 'MeterValueSampleInterval set to 60',
		});

		const read = await runGreenFlux(
			sandbox(),
			rc('getConfiguration', {
				chargeStationId: target.id,
				configurationKeys: 'MeterValueSampleInterval, NoSuchKey',
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		);
		expect(read.requests[0].body).toEqual({
			charge_station_id: target.id,
			keys: ['MeterValueSampleInterval', 'NoSuchKey'],
		});
		expect(read.json[0].message).toBe('MeterValueSampleInterval=60; unknown keys: NoSuchKey');
	});

	it('Install Certificate sends type and PEM', async () => {
		const target = online();
		const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
		const run = await runGreenFlux(
			sandbox(),
			rc('installCertificate', {
				chargeStationId: target.id,
				certificateType: V2G_ROOT,
				certificate: pem,
			}),
		);
		expect(run.error).toBeUndefined();
		expectAccepted(run.json[0], 'INSTALL_CERTIFICATE');
		expect(run.requests[0].body).toEqual({
			charge_station_id: target.id,
			certificateType: V2G_ROOT,
			certificate: pem,
		});
	});

	it('Set Network Profile sends connection_data from fields plus VPN and APN JSON', async () => {
		const target = online();
		const apn = {
			apn: 'internet',
			apn_authentication: 'PAP',
			sim_pin: 1234,
			use_only_preferred_network: true,
		};
		const vpn = { server: 'vpn.example.com', type: 'IPSec', user: 'cs' };
		const run = await runGreenFlux(
			sandbox(),
			rc('setNetworkProfile', {
				chargeStationId: target.id,
				configurationSlot: 2,
				ocppCsmsUrl: 'wss://ocpp.example.com',
				ocppTransport: 'JSON',
				ocppInterface: 'Wireless0',
				messageTimeout: 45,
				securityProfile: 2,
				additionalFields: { apn: JSON.stringify(apn), vpn: JSON.stringify(vpn) },
			}),
		);
		expect(run.error).toBeUndefined();
		expectAccepted(run.json[0], 'SET_NETWORK_PROFILE');
		expect(run.requests[0].body).toEqual({
			charge_station_id: target.id,
			configuration_slot: 2,
			connection_data: {
				ocpp_csms_url: 'wss://ocpp.example.com',
				ocpp_version: 'OCPP20',
				ocpp_transport: 'JSON',
				ocpp_interface: 'Wireless0',
				message_timeout: 45,
				security_profile: 2,
				apn,
				vpn,
			},
		});
	});

	it('Set Network Profile answered without a notification ID (the published example shape) is ACCEPTED but cannot be followed', async () => {
		const target = online();
		const store = remoteCommandStore(sandbox().state);
		store.publishedNetworkProfileAnswer = true;
		const run = await runGreenFlux(
			sandbox(),
			rc('setNetworkProfile', {
				chargeStationId: target.id,
				ocppCsmsUrl: 'wss://ocpp.example.com',
				...waiting,
				resultEvseUid: target.evseUid,
			}),
		).finally(() => {
			store.publishedNetworkProfileAnswer = false;
		});
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			command: 'SET_NETWORK_PROFILE',
			result: 'ACCEPTED',
			accepted: true,
			chargeStationNotificationId: null,
			statusCode: 1000,
			final: null,
			timedOut: false,
			polls: 0,
		});
		expect(run.json[0].message).toMatch(
			/sent no charge_station_notification_id, so its result cannot be followed/,
		);
		expect(run.requests).toHaveLength(1);
	});

	it('Get Result returns PENDING before the station answers, then the final result with the command it echoes', async () => {
		const target = online();
		const start = await runGreenFlux(sandbox(), startParameters(target));
		const id = String(start.json[0].chargeStationNotificationId);
		const getResult = rc('getResult', { evseUid: target.evseUid, chargeStationNotificationId: id });
		const pending = await withCommandDelay(
			60_000,
			async () => await runGreenFlux(sandbox(), getResult),
		);
		const done = await withCommandDelay(0, async () => await runGreenFlux(sandbox(), getResult));

		expect(pending.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', `/api/1.0/remotecommands/${target.evseUid}/${id}`],
		]);
		expect(pending.json).toEqual([
			{
				result: 'PENDING',
				message: 'Waiting for the charge station to respond',
				request: start.requests[0].body,
				charge_station_notification_id: id,
			},
		]);
		expect(done.json).toEqual([
			{
				result: 'ACCEPTED',
				message: 'RemoteStartTransaction accepted by the charge station',
				request: start.requests[0].body,
				charge_station_notification_id: id,
			},
		]);
	});

	it('Get Result of an unknown notification ID is a 404 NodeApiError', async () => {
		const run = await runGreenFlux(
			sandbox(),
			rc('getResult', {
				evseUid: online().evseUid,
				chargeStationNotificationId: '638000000000000000-00000',
			}),
		);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(
			/GreenFlux found nothing at GET \/api\/1\.0\/remotecommands\/.+ \(HTTP 404\)/,
		);
		expect(run.requests.map((r) => r.status)).toEqual([404]);
	});
});

describe('Remote Commands › Wait for Result', () => {
	it('a remote start with Wait for Result polls until ACCEPTED and shows how long it waited', async () => {
		const target = online();
		// The station answers 600 ms after the command; the node polls every 100 ms.
		const run = await withCommandDelay(
			600,
			async () => await runGreenFlux(sandbox(), startParameters(target, waiting)),
		);
		expect(run.error).toBeUndefined();
		const [json] = run.json;
		const id = String(json.chargeStationNotificationId);
		expect(json).toEqual({
			command: 'START_SESSION',
			result: 'ACCEPTED',
			accepted: true,
			message: 'RemoteStartTransaction accepted by the charge station',
			chargeStationNotificationId: expect.stringMatching(NOTIFICATION_ID),
			statusCode: 1000,
			response: { result: 'ACCEPTED', charge_station_notification_id: id },
			evseUid: target.evseUid,
			final: {
				result: 'ACCEPTED',
				message: 'RemoteStartTransaction accepted by the charge station',
				request: run.requests[0].body,
				charge_station_notification_id: id,
			},
			timedOut: false,
			waitedSeconds: expect.any(Number),
			polls: expect.any(Number),
		});
		expect(json.waitedSeconds).toBeGreaterThanOrEqual(0.4);
		expect(json.waitedSeconds).toBeLessThan(4);
		const polls = run.requests.slice(1);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(json.polls).toBe(polls.length);
		expect(
			polls.every(
				(r) =>
					r.method === 'GET' &&
					r.path === `/api/1.0/remotecommands/${target.evseUid}/${id}` &&
					r.status === 200,
			),
		).toBe(true);
	});

	it('an offline charge station ends EVSE_INOPERATIVE, as an output item', async () => {
		const target = stationWith('Offline');
		const run = await runGreenFlux(sandbox(), startParameters(target, waiting));
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			result: 'EVSE_INOPERATIVE',
			accepted: false,
			message: 'The charge station is not connected',
			timedOut: false,
		});
	});

	it('an occupied EVSE ends EVSE_OCCUPIED; Fail on Rejection makes it a NodeApiError', async () => {
		const target = stationWith('Online', 'CHARGING');
		const run = await runGreenFlux(
			sandbox(),
			startParameters(target, { ...waiting, failOnRejection: true }),
		);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			`The charge station answered EVSE_OCCUPIED to START_SESSION: EVSE ${target.evseUid} is occupied`,
		);
		expect(run.items).toHaveLength(0);
	});

	it('a result still PENDING at the timeout is returned with timedOut true, or an error with Fail on Rejection', async () => {
		const target = online();
		const parameters = startParameters(target, {
			waitForResult: true,
			waitTimeout: 0.3,
			pollInterval: 0.1,
		});
		const [quiet, failing] = await withCommandDelay(60_000, async () => [
			await runGreenFlux(sandbox(), parameters),
			await runGreenFlux(sandbox(), { ...parameters, failOnRejection: true }),
		]);

		expect(quiet.error).toBeUndefined();
		expect(quiet.json[0]).toMatchObject({
			result: 'PENDING',
			accepted: false,
			timedOut: true,
			message: 'Waiting for the charge station to respond',
		});
		expect(quiet.json[0].waitedSeconds).toBeGreaterThanOrEqual(0.3);
		expect(quiet.requests.slice(1).length).toBe(quiet.json[0].polls);
		expect(failing.error?.name).toBe('NodeApiError');
		expect(failing.error?.message).toBe('START_SESSION was still PENDING after 0.3 seconds');
		expect(descriptionOf(failing.error)).toMatch(
			/Get Result \(EVSE UID .+, notification ID \d+-[0-9a-f]{5}\)/,
		);
	});

	it('an EVSE UID for Result of another charge station is a 404 NodeApiError naming the field', async () => {
		const target = online();
		const other = stations().find((s) => s.charge_station_id !== target.id)!;
		const run = await runGreenFlux(
			sandbox(),
			rc('reset', {
				chargeStationId: target.id,
				resetType: 'Soft',
				...waiting,
				resultEvseUid: String(evses(other)[0].uid),
			}),
		);
		expect(run.error?.name).toBe('NodeApiError');
		expect(descriptionOf(run.error)).toMatch(/check "EVSE UID for Result"/);
		expect(run.requests.map((r) => r.status)).toEqual([200, 404]);
	});
});

describe('Remote Commands › rejections', () => {
	it("a start on an unknown charge station ends REJECTED with GreenFlux's message, without polling", async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			startParameters(target, { chargeStationId: 'GFX-CS-9999', ...waiting }),
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				command: 'START_SESSION',
				result: 'REJECTED',
				accepted: false,
				message: "Can't find chargeStation",
				chargeStationNotificationId: null,
				statusCode: 2000,
				response: { result: 'REJECTED' },
				evseUid: target.evseUid,
				final: null,
				timedOut: false,
				waitedSeconds: 0,
				polls: 0,
			},
		]);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({ status: 200, ocpiStatus: 2000 });
	});

	it("Fail on Rejection turns the REJECTED answer into a NodeApiError carrying GreenFlux's message", async () => {
		const run = await runGreenFlux(
			sandbox(),
			startParameters(online(), { chargeStationId: 'GFX-CS-9999', failOnRejection: true }),
		);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			"GreenFlux did not accept START_SESSION (REJECTED): Can't find chargeStation",
		);
		expect(run.requests).toHaveLength(1);
	});

	it('Continue On Fail: one item rejected, one accepted, each paired with its input', async () => {
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			startParameters(target, { chargeStationId: '={{ $json.station }}', failOnRejection: true }),
			{ inputItems: [{ station: 'GFX-CS-9999' }, { station: target.id }], continueOnFail: true },
		);
		expect(run.json.map((j) => j.error ?? j.result)).toEqual([
			"GreenFlux did not accept START_SESSION (REJECTED): Can't find chargeStation",
			'ACCEPTED',
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("a status_code 2000 answer without a result is REJECTED with GreenFlux's message", async () => {
		sandbox().faults.add({
			kind: 'ocpi',
			code: 2000,
			message: 'Charge station is blocked',
			path: '/remotecommands/UNLOCK_CONNECTOR',
			times: 1,
		});
		const target = online();
		const run = await runGreenFlux(
			sandbox(),
			rc('unlockConnector', {
				locationId: target.locationId,
				evseUid: target.evseUid,
				connectorId: '1',
			}),
		);
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toEqual({
			command: 'UNLOCK_CONNECTOR',
			result: 'REJECTED',
			accepted: false,
			message: 'Charge station is blocked',
			chargeStationNotificationId: null,
			statusCode: 2000,
			response: {},
		});
	});

	it('a stop with an unknown session ID ends UNKNOWN_SESSION', async () => {
		const run = await runGreenFlux(sandbox(), rc('stopSession', { sessionId: 'ABC-123' }));
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			command: 'STOP_SESSION',
			result: 'UNKNOWN_SESSION',
			accepted: false,
			message: "Can't find session",
			statusCode: 2000,
		});
	});

	it('a body GreenFlux finds invalid (status_code 2001) is a NodeApiError, not an outcome', async () => {
		const token = { auth_id: DRIVER_CONTRACT, type: 'BADGE' };
		const run = await runGreenFlux(
			sandbox(),
			startParameters(online(), { tokenInput: 'json', tokenJson: JSON.stringify(token) }),
		);
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			'GreenFlux returned status_code 2001 for POST /api/1.0/remotecommands/START_SESSION: token.type must be one of OTHER, RFID',
		);
		expect(run.requests.map((r) => r.ocpiStatus)).toEqual([2001]);
	});

	it('a read-only key gets the 403 message for the Remote Commands module', async () => {
		const run = await runGreenFlux(sandbox(), startParameters(), { key: KEYS.readOnly });
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe(
			'The Remote Commands module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
	});
});

// Required fields left empty in the editor stop n8n before the node runs; an expression that resolves to
// nothing reaches the node, which must name the field.
describe('Remote Commands › bad input fails before any request', () => {
	const target = () => online();
	it.each([
		[
			'Start Session without Auth ID and UID',
			() => startParameters(target(), { authId: '' }),
			/^Token Auth ID or Token UID is required$/,
		],
		[
			'Start Session with a token JSON array',
			() => startParameters(target(), { tokenInput: 'json', tokenJson: '[1]' }),
			/^Token \(JSON\): must be a JSON object/,
		],
		[
			'Start Session with a token JSON without auth_id or uid',
			() => startParameters(target(), { tokenInput: 'json', tokenJson: '{"type":"RFID"}' }),
			/^Token \(JSON\): needs "auth_id" or "uid"$/,
		],
		[
			'Start Session with an unknown token field',
			() =>
				startParameters(target(), { tokenInput: 'json', tokenJson: '{"uid":"X","contract":"Y"}' }),
			/^Token \(JSON\): unknown field\(s\) contract$/,
		],
		[
			'Start Session without EVSE UID',
			() => startParameters(target(), { evseUid: '={{ $json.evse }}' }),
			/^EVSE UID: is required$/,
		],
		[
			'Reset without Charge Station ID and EVSE UID',
			() => rc('reset', { resetType: 'Soft' }),
			/^Charge Station ID or EVSE UID is required$/,
		],
		[
			'Reset by station, waiting, without EVSE UID for Result',
			() => rc('reset', { chargeStationId: target().id, ...waiting }),
			/^EVSE UID for Result is required/,
		],
		[
			'Stop Session, waiting, without EVSE UID for Result',
			() =>
				rc('stopSession', { sessionId: 'NLGFX1', ...waiting, resultEvseUid: '={{ $json.evse }}' }),
			/^EVSE UID for Result: is required$/,
		],
		[
			'Reserve Now with an expiry in the past',
			() =>
				rc('reserveNow', {
					locationId: target().locationId,
					evseUid: target().evseUid,
					reservationId: 'R',
					expiryDate: '2020-01-01T00:00:00Z',
					authId: 'A',
				}),
			/^Expiry Date: must be in the future/,
		],
		[
			'Reserve Now with an expiry that is no date',
			() =>
				rc('reserveNow', {
					locationId: target().locationId,
					evseUid: target().evseUid,
					reservationId: 'R',
					expiryDate: 'tomorrow-ish',
					authId: 'A',
				}),
			/^Expiry Date: "tomorrow-ish" is not a date/,
		],
		[
			'Set Network Profile with an unknown APN field',
			() =>
				rc('setNetworkProfile', {
					chargeStationId: target().id,
					ocppCsmsUrl: 'wss://x',
					additionalFields: { apn: '{"apn":"internet","pin":1}' },
				}),
			/^APN \(JSON\): unknown field\(s\) pin$/,
		],
		[
			'Set Network Profile with a fractional slot',
			() =>
				rc('setNetworkProfile', {
					chargeStationId: target().id,
					ocppCsmsUrl: 'wss://x',
					configurationSlot: 1.5,
				}),
			/^Configuration Slot: must be a whole number/,
		],
		[
			'a timeout of 0 seconds',
			() => startParameters(target(), { ...waiting, waitTimeout: 0 }),
			/^Timeout \(Seconds\): must be more than 0/,
		],
		[
			'Get Result without notification ID',
			() =>
				rc('getResult', {
					evseUid: target().evseUid,
					chargeStationNotificationId: '={{ $json.id }}',
				}),
			/^Charge Station Notification ID: is required$/,
		],
	])('%s', async (_name, parameters, message) => {
		const run = await runGreenFlux(sandbox(), parameters());
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect(descriptionOf(run.error)).toMatch(/No request was sent to GreenFlux/);
		expect(run.requests).toHaveLength(0);
	});
});
