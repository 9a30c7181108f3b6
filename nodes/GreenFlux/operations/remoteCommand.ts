import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import { checkWaitTimes } from '../../shared/waiting';
import type { FieldDefinition, OperationDefinition, Validator } from '../../shared/operations';
import type { PlatformNodeMap, PlatformOperation } from '../resources';
import {
	COMMAND_RESULT_PATH,
	resultEvseUidOf,
	waitForCommandResult,
} from '../hooks/waitForCommandResult';
import {
	type CollectionOption,
	collectionField,
	inBody,
	textField,
	optionsProperty,
} from '../../shared/fields';
import { chargeStationLocator, evseLocator, locationLocator } from '../locators';

const MODULE = 'Remote Commands';
const MAX_WAIT_SECONDS = 3600;

type EvseForResult = 'inBody' | 'required' | 'optional';

const chargeStationId = (
	bodyName = 'charge_station_id',
	required = true,
	description?: string,
) => ({
	property: chargeStationLocator('chargeStationId', {
		displayName: 'Charge Station ID',
		required,
		description: description ?? 'ID of the charge station in GreenFlux',
	}),
	to: inBody(bodyName),
});
const locationId = () => ({
	property: locationLocator('locationId', {
		displayName: 'Location ID',
		description: 'ID of the location of the EVSE',
	}),
	to: inBody('location_id'),
});
const evseUid = (required = true, description = 'UID of the EVSE (not the EVSE ID)') => ({
	property: evseLocator('evseUid', { displayName: 'EVSE UID', required, description }),
	to: inBody('evse_uid'),
});

// ---- token (START_SESSION, RESERVE_NOW) ----

const TOKEN_DEFAULTS = { valid: true, whitelist: 'ALWAYS' };
const TOKEN_KEYS = [
	'auth_id',
	'issuer',
	'language',
	'last_updated',
	'type',
	'uid',
	'valid',
	'visual_number',
	'whitelist',
];

function tokenFields(purpose: string): FieldDefinition[] {
	const fieldsMode = { show: { tokenInput: ['fields'] } };
	return [
		{
			property: optionsProperty(
				'Token Input',
				'tokenInput',
				[
					{
						name: 'Fields',
						value: 'fields',
						description: 'Auth ID and/or UID, with defaults for the rest',
					},
					{
						name: 'JSON',
						value: 'json',
						description: 'The whole OCPI token object, sent as it is',
					},
				],
				{ default: 'fields', description: `How to give the driver token ${purpose}` },
			),
		},
		{
			property: {
				displayName: 'Token Auth ID',
				name: 'authId',
				type: 'string',
				default: '',
				placeholder: 'e.g. NL-GFX-C12345678-9',
				description: 'Auth ID (contract ID) of the token. Give this, Token UID or both.',
				displayOptions: fieldsMode,
			},
			to: { in: 'body', name: 'token.auth_id' },
		},
		{
			property: {
				displayName: 'Token UID',
				name: 'chipUid',
				type: 'string',
				default: '',
				placeholder: 'e.g. 04A2B3C4D5E6F7',
				description: 'UID (chip ID) of the token. Give this, Token Auth ID or both.',
				displayOptions: fieldsMode,
			},
			to: { in: 'body', name: 'token.uid' },
		},
		{
			property: optionsProperty(
				'Token Type',
				'tokenType',
				[
					{ name: 'Other', value: 'OTHER' },
					{ name: 'RFID', value: 'RFID' },
				],
				{ default: 'OTHER', displayOptions: fieldsMode },
			),
			to: { in: 'body', name: 'token.type' },
		},
		{
			property: {
				displayName: 'Token Options',
				name: 'tokenOptions',
				type: 'collection',
				placeholder: 'Add Token Option',
				default: {},
				description:
					'Other token fields. Unless set here, the token is sent with valid true and whitelist ALWAYS.',
				displayOptions: fieldsMode,
				options: [
					{
						displayName: 'Issuer',
						name: 'issuer',
						type: 'string',
						default: '',
						description: 'Company that issued the token',
					},
					{
						displayName: 'Language',
						name: 'language',
						type: 'string',
						default: '',
						placeholder: 'e.g. nl',
						description: 'Language code of the driver',
					},
					{ displayName: 'Last Updated', name: 'lastUpdated', type: 'dateTime', default: '' },
					{
						displayName: 'Valid',
						name: 'valid',
						type: 'boolean',
						default: true,
						description: 'Whether the token is valid',
					},
					{
						displayName: 'Visual Number',
						name: 'visualNumber',
						type: 'string',
						default: '',
						description: 'Number printed on the card',
					},
					optionsProperty(
						'Whitelist',
						'whitelist',
						[
							{ name: 'Allowed', value: 'ALLOWED' },
							{ name: 'Allowed Offline', value: 'ALLOWED_OFFLINE' },
							{ name: 'Always', value: 'ALWAYS' },
							{ name: 'Never', value: 'NEVER' },
						],
						{ default: 'ALWAYS' },
					),
				],
			},
			options: {
				issuer: { to: { in: 'body', name: 'token.issuer' } },
				language: { to: { in: 'body', name: 'token.language' } },
				lastUpdated: { to: { in: 'body', name: 'token.last_updated' }, format: 'dateTime' },
				valid: { to: { in: 'body', name: 'token.valid' }, format: 'boolean' },
				visualNumber: { to: { in: 'body', name: 'token.visual_number' } },
				whitelist: { to: { in: 'body', name: 'token.whitelist' }, format: 'raw' },
			},
		},
		{
			property: {
				displayName: 'Token (JSON)',
				name: 'tokenJson',
				type: 'json',
				required: true,
				default:
					'{\n  "auth_id": "",\n  "type": "OTHER",\n  "valid": true,\n  "whitelist": "ALWAYS"\n}',
				description: 'The OCPI token object, sent as it is. It needs auth_id or uid.',
				displayOptions: { show: { tokenInput: ['json'] } },
			},
			to: { in: 'body', name: 'token' },
			format: 'json',
		},
	];
}

const checkToken: Validator = function (context) {
	const token = (context.request.body as IDataObject | undefined)?.token;
	const fromJson = context.values.tokenInput === 'json';
	if (fromJson && (typeof token !== 'object' || token === null || Array.isArray(token))) {
		throw invalidInput.call(
			this,
			context,
			'Token (JSON): must be a JSON object such as {"auth_id": "NL-GFX-C12345678-9"}',
		);
	}
	const given = (token ?? {}) as IDataObject;
	const has = (key: string) => given[key] !== undefined && given[key] !== null && given[key] !== '';
	if (!has('auth_id') && !has('uid')) {
		throw fromJson
			? invalidInput.call(
					this,
					context,
					'Token (JSON): needs "auth_id" or "uid"',
					'GreenFlux needs the auth_id or the uid of the token.',
				)
			: invalidInput.call(
					this,
					context,
					'Token Auth ID or Token UID is required',
					'Give the auth ID or the UID of the driver token (or both).',
				);
	}
	const unknown = Object.keys(given).filter((key) => !TOKEN_KEYS.includes(key));
	if (unknown.length) {
		throw invalidInput.call(
			this,
			context,
			`Token (JSON): unknown field(s) ${unknown.join(', ')}`,
			`GreenFlux accepts only ${TOKEN_KEYS.join(', ')}.`,
		);
	}
};

// ---- waiting for the result (shared by every command) ----

function waitFields(evseForResult: EvseForResult, notice?: string): FieldDefinition[] {
	const waiting = { show: { waitForResult: [true] } };
	const fields: FieldDefinition[] = [
		{
			property: {
				displayName: 'Wait for Result',
				name: 'waitForResult',
				type: 'boolean',
				default: false,
				description:
					"Whether to wait for the charge station's answer. Off: return as soon as GreenFlux has checked the command (ACCEPTED then only means it is being sent). On: poll the command's result until it is no longer PENDING or the timeout passes.",
			},
		},
	];
	if (notice) {
		fields.push({
			property: {
				displayName: notice,
				name: 'waitNotice',
				type: 'notice',
				default: '',
				displayOptions: waiting,
			},
		});
	}
	if (evseForResult !== 'inBody') {
		fields.push({
			property: {
				...evseLocator('resultEvseUid', {
					displayName: 'EVSE UID for Result',
					required: evseForResult === 'required',
					description:
						evseForResult === 'required'
							? 'GreenFlux looks command results up by EVSE and this command names none: give the UID of an EVSE of the charge station concerned'
							: 'Needed only when the command names a charge station and no EVSE UID: GreenFlux looks command results up by EVSE',
				}),
				displayOptions: waiting,
			},
		});
	}
	fields.push(
		{
			property: {
				displayName: 'Timeout (Seconds)',
				name: 'waitTimeout',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 0.1, maxValue: MAX_WAIT_SECONDS, numberPrecision: 1 },
				description:
					'How long to wait for the answer. A command still PENDING then is returned with timedOut true.',
				displayOptions: waiting,
			},
		},
		{
			property: {
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				description: 'Time between two requests for the result',
				displayOptions: waiting,
			},
		},
		{
			property: {
				displayName: 'Fail on Rejection',
				name: 'failOnRejection',
				type: 'boolean',
				default: false,
				description:
					'Whether to stop with an error when the command does not succeed: GreenFlux refuses it (e.g. REJECTED, UNKNOWN_SESSION), the charge station answers anything but ACCEPTED (or CANCELED_RESERVATION), or it is still PENDING at the timeout. Off: these outcomes are output items with result, accepted false and the message.',
			},
		},
	);
	return fields;
}

const checkWait: Validator = function (context) {
	if (context.values.waitForResult !== true) return;
	checkWaitTimes.call(this, context, {
		toggle: 'waitForResult',
		maxSeconds: MAX_WAIT_SECONDS,
		timeoutFix: 'GreenFlux gives up on a charge station after one hour.',
	});
	if (!resultEvseUidOf(context)) {
		throw invalidInput.call(
			this,
			context,
			'EVSE UID for Result is required to wait for the result when no EVSE UID is given',
			'GreenFlux looks command results up by EVSE: fill in "EVSE UID for Result" (or "EVSE UID"), or turn off "Wait for Result".',
		);
	}
};

const UNTRACKED_NOTICE =
	'GreenFlux documents results only for start, stop, unlock, reserve, cancel reservation, reset and configuration commands: waiting for this one may end with timedOut true';

type RemoteCommandDefinition = OperationDefinition<
	'remoteCommand',
	PlatformNodeMap['remoteCommand']
>;

/** A remote command: POST /api/1.0/remotecommands/<COMMAND>, answered with a result and a notification ID. */
function command(
	definition: Pick<
		RemoteCommandDefinition,
		'operation' | 'name' | 'action' | 'description' | 'fields'
	> &
		Partial<Pick<RemoteCommandDefinition, 'validate' | 'fixedBody'>> & {
			command: string;
			evseForResult: EvseForResult;
			untracked?: boolean;
		},
): RemoteCommandDefinition {
	const { command: name, evseForResult, untracked, fields, validate, ...rest } = definition;
	return {
		...rest,
		resource: 'remoteCommand',
		module: MODULE,
		method: 'POST',
		path: `/api/1.0/remotecommands/${name}`,
		// Additional Fields last, after the waiting options (n8n's usual order).
		fields: [
			...fields.filter((f) => f.property.name !== 'additionalFields'),
			...waitFields(evseForResult, untracked ? UNTRACKED_NOTICE : undefined),
			...fields.filter((f) => f.property.name === 'additionalFields'),
		],
		// REJECTED, NOT_SUPPORTED, UNKNOWN_SESSION… come as status_code 2000 with a result: an outcome, not a failure.
		acceptOcpiErrors: [2000],
		validate: [...(validate ?? []), checkWait],
		hook: waitForCommandResult,
	};
}

const additionalFields = (options: CollectionOption[]): FieldDefinition =>
	collectionField('Additional Fields', 'additionalFields', 'Add Field', options);

// ---- validators of single commands ----

const checkResetTarget: Validator = function (context) {
	const body = (context.request.body ?? {}) as IDataObject;
	if (!body.charge_station_id && !body.evse_uid) {
		throw invalidInput.call(
			this,
			context,
			'Charge Station ID or EVSE UID is required',
			'Reset needs the charge station to reset: give its ID, or the UID of one of its EVSEs.',
		);
	}
};

const checkExpiry: Validator = function (context) {
	const expiry = context.values.expiryDate as DateTime;
	if (expiry <= DateTime.utc()) {
		throw invalidInput.call(
			this,
			context,
			`Expiry Date: must be in the future (got ${expiry.toISO()})`,
			'The reservation ends at this time.',
		);
	}
};

const VPN_KEYS = ['group', 'key', 'password', 'server', 'type', 'user'];
const APN_KEYS = [
	'apn',
	'apn_authentication',
	'apn_password',
	'apn_user_name',
	'preferred_network',
	'sim_pin',
	'use_only_preferred_network',
];

const checkNetworkProfile: Validator = function (context) {
	const body = context.request.body as IDataObject;
	for (const [name, label] of [
		['configuration_slot', 'Configuration Slot'],
		['connection_data.message_timeout', 'Message Timeout (Seconds)'],
	] as const) {
		const value =
			name === 'configuration_slot'
				? body.configuration_slot
				: (body.connection_data as IDataObject).message_timeout;
		if (!Number.isInteger(value) || (value as number) < 0) {
			throw invalidInput.call(
				this,
				context,
				`${label}: must be a whole number of 0 or more (got ${String(value)})`,
			);
		}
	}
	const connection = body.connection_data as IDataObject;
	for (const [key, label, allowed] of [
		['vpn', 'VPN (JSON)', VPN_KEYS],
		['apn', 'APN (JSON)', APN_KEYS],
	] as const) {
		const value = connection[key];
		if (value === undefined) continue;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw invalidInput.call(
				this,
				context,
				`${label}: must be a JSON object`,
				`Allowed fields: ${allowed.join(', ')}.`,
			);
		}
		const unknown = Object.keys(value).filter((k) => !(allowed as readonly string[]).includes(k));
		if (unknown.length) {
			throw invalidInput.call(
				this,
				context,
				`${label}: unknown field(s) ${unknown.join(', ')}`,
				`GreenFlux accepts only ${allowed.join(', ')}.`,
			);
		}
	}
};

// ---- the operations ----

const startOrReserveDescription =
	'Tokens are sent with valid true and whitelist ALWAYS unless set otherwise.';

export const remoteCommandOperations: PlatformOperation[] = [
	command({
		command: 'CANCEL_RESERVATION',
		evseForResult: 'required',
		operation: 'cancelReservation',
		name: 'Cancel Reservation',
		action: 'Cancel a reservation',
		description:
			'Cancel a reservation made with Reserve Now. To wait for the result, give the reserved EVSE as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			textField('Reservation ID', 'reservationId', 'reservation_id', {
				placeholder: 'e.g. RES-0001',
				description: 'ID given to Reserve Now',
			}),
			additionalFields([
				{
					property: {
						displayName: 'CPSO IDs',
						name: 'cpsoIds',
						type: 'string',
						default: '',
						description:
							'Sent as the cpsoIds header: the sub-CPOs (CPSOs) the reservation belongs to',
					},
					to: { in: 'header', name: 'cpsoIds' },
				},
			]),
		],
	}),
	command({
		command: 'CHANGE_CONFIGURATION',
		evseForResult: 'required',
		operation: 'changeConfiguration',
		name: 'Change Configuration',
		action: 'Change a configuration key of a charge station',
		description:
			'Set one OCPP configuration key of a charge station. To wait for the result, give an EVSE of the station as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			chargeStationId(),
			textField('Key', 'key', 'key', {
				placeholder: 'e.g. HeartbeatInterval',
				description: 'OCPP configuration key',
			}),
			textField('Value', 'value', 'value', {
				placeholder: 'e.g. 300',
				description: 'New value, as text',
			}),
		],
	}),
	command({
		command: 'GET_CONFIGURATION',
		evseForResult: 'required',
		operation: 'getConfiguration',
		name: 'Get Configuration',
		action: 'Get the configuration of a charge station',
		description:
			'Ask a charge station for OCPP configuration keys; with Wait for Result the station\'s answer is in the result. Give an EVSE of the station as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fixedBody: { keys: [] },
		fields: [
			chargeStationId(),
			{
				property: {
					displayName: 'Keys',
					name: 'configurationKeys',
					type: 'string',
					default: '',
					placeholder: 'e.g. HeartbeatInterval,MeterValueSampleInterval',
					description: 'Comma-separated configuration keys to read. Leave empty to read all keys.',
				},
				to: { in: 'body', name: 'keys' },
				format: 'stringList',
			},
		],
	}),
	{
		resource: 'remoteCommand',
		operation: 'getResult',
		name: 'Get Result',
		action: 'Get the result of a remote command',
		description:
			'Get the charge station\'s answer to a command (PENDING until it answers) with the command it answers to. Any command\'s "Wait for Result" does this for you.',
		module: MODULE,
		method: 'GET',
		path: COMMAND_RESULT_PATH,
		fields: [
			{
				...evseUid(
					true,
					'UID of the EVSE the command was for (for station commands: an EVSE of that station)',
				),
				to: { in: 'path', name: 'evse_uid' },
			},
			{
				property: {
					displayName: 'Charge Station Notification ID',
					name: 'chargeStationNotificationId',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. 638053116813678296-4a208',
					description: 'The charge_station_notification_id GreenFlux returned for the command',
				},
				to: { in: 'path', name: 'charge_station_notification_id' },
			},
		],
	},
	command({
		command: 'INSTALL_CERTIFICATE',
		evseForResult: 'required',
		untracked: true,
		operation: 'installCertificate',
		name: 'Install Certificate',
		action: 'Install a certificate on a charge station',
		description:
			'Install a root certificate on a charge station. To wait for the result, give an EVSE of the station as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			chargeStationId(),
			{
				property: optionsProperty(
					'Certificate Type',
					'certificateType',
					[
						{ name: 'CSMS Root Certificate', value: 'CSMSRootCertificate' },
						{ name: 'Manufacturer Root Certificate', value: 'ManufacturerRootCertificate' },
						{ name: 'MO Root Certificate', value: 'MORootCertificate' },
						{ name: 'V2G Root Certificate', value: 'V2GRootCertificate' },
					],
					{ default: 'CSMSRootCertificate', required: true },
				),
				to: { in: 'body', name: 'certificateType' },
			},
			textField('Certificate', 'certificate', 'certificate', {
				typeOptions: { rows: 6 },
				placeholder: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
				description: 'The certificate in PEM format',
			}),
		],
	}),
	command({
		command: 'RESERVE_NOW',
		evseForResult: 'inBody',
		operation: 'reserveNow',
		name: 'Reserve Now',
		action: 'Reserve an EVSE for a token',
		description: `Reserve an EVSE for a driver token until an expiry date (how strictly depends on the charge station). ${startOrReserveDescription}`,
		fixedBody: { token: { ...TOKEN_DEFAULTS } },
		fields: [
			locationId(),
			evseUid(),
			textField('Reservation ID', 'reservationId', 'reservation_id', {
				placeholder: 'e.g. RES-0001',
				description: 'Your ID for the reservation, needed to cancel it',
			}),
			{
				property: {
					displayName: 'Expiry Date',
					name: 'expiryDate',
					type: 'dateTime',
					required: true,
					default: '',
					description: 'When the reservation ends',
				},
				to: { in: 'body', name: 'expiry_date' },
				format: 'dateTime',
			},
			...tokenFields('the EVSE is reserved for'),
		],
		validate: [checkToken, checkExpiry],
	}),
	command({
		command: 'RESET',
		evseForResult: 'optional',
		operation: 'reset',
		name: 'Reset',
		action: 'Reset a charge station',
		description:
			'Reset a charge station, named by its ID or by one of its EVSEs. To wait for the result of a reset by charge station ID, also give an EVSE of the station as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			chargeStationId(
				'charge_station_id',
				false,
				'ID of the charge station to reset. Give this or EVSE UID.',
			),
			evseUid(
				false,
				'UID of an EVSE of the charge station to reset. Give this or Charge Station ID.',
			),
			{
				property: optionsProperty(
					'Reset Type',
					'resetType',
					[
						{ name: 'Hard', value: 'Hard', description: 'Reboot the charge station' },
						{
							name: 'Soft',
							value: 'Soft',
							description: 'Restart the software, ending sessions gracefully',
						},
					],
					{ default: 'Soft', required: true },
				),
				to: { in: 'body', name: 'type' },
			},
			additionalFields([
				{
					property: optionsProperty(
						'Scheduled',
						'scheduled',
						[
							{ name: 'Immediate', value: 'Immediate', description: 'Reset now' },
							{ name: 'On Idle', value: 'OnIdle', description: 'Reset once no session is active' },
						],
						{ default: 'Immediate', description: 'When the charge station resets' },
					),
					to: { in: 'body', name: 'scheduled' },
					format: 'raw',
				},
			]),
		],
		validate: [checkResetTarget],
	}),
	command({
		command: 'SET_NETWORK_PROFILE',
		evseForResult: 'required',
		untracked: true,
		operation: 'setNetworkProfile',
		name: 'Set Network Profile',
		action: 'Set the network profile of a charge station',
		description:
			'Configure how an OCPP 2.0.1 charge station connects to its back end. Changing the OCPP version can cut the station off. To wait for the result, give an EVSE of the station as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			chargeStationId(),
			{
				property: {
					displayName: 'Configuration Slot',
					name: 'configurationSlot',
					type: 'number',
					required: true,
					default: 1,
					typeOptions: { minValue: 0 },
					description: 'Slot of the charge station in which the profile is stored',
				},
				to: { in: 'body', name: 'configuration_slot' },
			},
			textField('CSMS URL', 'ocppCsmsUrl', 'connection_data.ocpp_csms_url', {
				placeholder: 'e.g. wss://ocpp.example.com',
				description: 'URL of the back end (CSMS) the charge station connects to',
			}),
			{
				property: optionsProperty(
					'OCPP Version',
					'ocppVersion',
					[{ name: 'OCPP 2.0.1', value: 'OCPP20' }],
					{
						default: 'OCPP20',
						description: 'The only version GreenFlux supports for this command',
						required: true,
					},
				),
				to: { in: 'body', name: 'connection_data.ocpp_version' },
			},
			{
				property: optionsProperty(
					'OCPP Transport',
					'ocppTransport',
					[
						{ name: 'JSON', value: 'JSON' },
						{ name: 'SOAP', value: 'SOAP' },
					],
					{ default: 'JSON', required: true },
				),
				to: { in: 'body', name: 'connection_data.ocpp_transport' },
			},
			{
				property: optionsProperty(
					'OCPP Interface',
					'ocppInterface',
					[
						'Wired0',
						'Wired1',
						'Wired2',
						'Wired3',
						'Wireless0',
						'Wireless1',
						'Wireless2',
						'Wireless3',
					].map((value) => ({ name: value, value })),
					{
						default: 'Wired0',
						description: 'Network interface of the charge station to use',
						required: true,
					},
				),
				to: { in: 'body', name: 'connection_data.ocpp_interface' },
			},
			{
				property: {
					displayName: 'Message Timeout (Seconds)',
					name: 'messageTimeout',
					type: 'number',
					required: true,
					default: 30,
					typeOptions: { minValue: 0 },
					description: 'How long the charge station waits for an answer to an OCPP message',
				},
				to: { in: 'body', name: 'connection_data.message_timeout' },
			},
			{
				property: optionsProperty(
					'Security Profile',
					'securityProfile',
					[
						{ name: '1 - Basic Authentication, No TLS', value: 1 },
						{ name: '2 - TLS with Basic Authentication', value: 2 },
						{ name: '3 - TLS with Client Certificate', value: 3 },
					],
					{ default: 1, description: 'OCPP security profile of the connection', required: true },
				),
				to: { in: 'body', name: 'connection_data.security_profile' },
			},
			additionalFields([
				{
					property: {
						displayName: 'APN (JSON)',
						name: 'apn',
						type: 'json',
						default: '{\n  "apn": "",\n  "apn_authentication": "AUTO"\n}',
						description:
							'Mobile network settings: apn, apn_user_name, apn_password, sim_pin (number), preferred_network, use_only_preferred_network (boolean), apn_authentication (CHAP, NONE, PAP or AUTO)',
					},
					to: { in: 'body', name: 'connection_data.apn' },
					format: 'json',
				},
				{
					property: {
						displayName: 'VPN (JSON)',
						name: 'vpn',
						type: 'json',
						default: '{\n  "server": "",\n  "type": "IPSec"\n}',
						description: 'VPN settings: server, user, group, password, key, type',
					},
					to: { in: 'body', name: 'connection_data.vpn' },
					format: 'json',
				},
			]),
		],
		validate: [checkNetworkProfile],
	}),
	command({
		command: 'START_SESSION',
		evseForResult: 'inBody',
		operation: 'startSession',
		name: 'Start Session',
		action: 'Start a charging session',
		description: `Start a charging session on an EVSE for a driver token. GreenFlux returns no session ID: the session arrives through the Sessions push. ${startOrReserveDescription}`,
		fixedBody: { token: { ...TOKEN_DEFAULTS } },
		fields: [
			chargeStationId('chargestation_id'),
			locationId(),
			evseUid(),
			...tokenFields('the session is started for'),
			additionalFields([
				{
					property: {
						displayName: 'Connector ID',
						name: 'connectorId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1',
						description: 'Connector of the EVSE to start on',
					},
					to: { in: 'body', name: 'connector_id' },
				},
			]),
		],
		validate: [checkToken],
	}),
	command({
		command: 'STOP_SESSION',
		evseForResult: 'required',
		operation: 'stopSession',
		name: 'Stop Session',
		action: 'Stop a charging session',
		description:
			'Stop a charging session by its session ID. To wait for the result, give the EVSE of the session as "EVSE UID for Result" (GreenFlux looks results up by EVSE).',
		fields: [
			textField('Session ID', 'sessionId', 'session_id', {
				placeholder: 'e.g. NLGFX638016010467655638-404a4',
				description: 'OCPI ID of the session (starts with NLGFX)',
			}),
		],
	}),
	command({
		command: 'UNLOCK_CONNECTOR',
		evseForResult: 'inBody',
		operation: 'unlockConnector',
		name: 'Unlock Connector',
		action: 'Unlock a connector',
		description: 'Unlock a connector whose cable stayed locked after a session ended',
		fields: [
			locationId(),
			evseUid(),
			textField('Connector ID', 'connectorId', 'connector_id', {
				placeholder: 'e.g. 1',
				description: 'ID of the connector on the EVSE',
			}),
		],
	}),
];
