import type { DateTime } from 'luxon';
import type { INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import { checkWaitTimes } from '../../shared/waiting';
import {
	booleanOption,
	collectionField,
	dateTimeOption,
	multiOptionsOption,
	numberOption,
	optionsOption,
	optionsProperty,
	stringOption,
	textField,
} from '../../shared/fields';
import type {
	FieldDefinition,
	OperationDefinition,
	Target,
	Validator,
} from '../../shared/operations';
import { acknowledgedItem } from '../hooks/driverAnswers';
import { MAX_WAIT_SECONDS, waitForSessionStatus } from '../hooks/sessionStatusWait';
import { CHARGE_ASSIST, type ChargeAssistNodeMap, type ChargeAssistOperation } from '../resources';
import { apiVersionField, appTokenField } from './appToken';

type SessionDefinition = OperationDefinition<'session', ChargeAssistNodeMap['session']>;

const SESSION_STATUSES = [
	'CANCELLED',
	'CDR_AVAILABLE',
	'CHARGING',
	'COMPLETED',
	'ERROR',
	'PARKING',
	'REJECTED',
	'REQUESTED',
	'STARTING',
	'STOPPING',
	'TIMEOUT',
];

const versionField = apiVersionField(
	'The Charge Assist route to use; both act on the same sessions',
	'Errors as validation messages with codes',
	'Errors as one message with a code and context',
);

const appTokenInQuery = appTokenField({ in: 'query', name: 'appToken' });

const chargeSessionId = (to: Target | string, description?: string): FieldDefinition =>
	textField('Charge Session ID', 'chargeSessionId', to, {
		placeholder: 'e.g. dd815b43-5130-4346-b02c-4eac672289f4',
		description:
			description ?? 'The chargeSessionId Session › Start answered (or from Session › Get History)',
	});

/** A session action GreenFlux offers as `/session/…` (v1) and `/v2.1/session/…` (v2.1), both with the same input. */
function versioned(
	definition: Omit<SessionDefinition, 'resource' | 'api' | 'module' | 'path'> & {
		route: string;
	},
): SessionDefinition {
	const { route, fields, ...rest } = definition;
	return {
		...CHARGE_ASSIST,
		...rest,
		resource: 'session',
		path: (values) => (values.apiVersion === '2.1' ? `/v2.1${route}` : route),
		fields: [versionField, ...fields],
	};
}

// ---- waiting for the session (start and stop share the hook) ----

function waitFields(start: boolean): FieldDefinition[] {
	const waiting = { show: { waitForStatus: [true] } };
	const fields: FieldDefinition[] = [
		{
			property: {
				displayName: 'Wait for Status',
				name: 'waitForStatus',
				type: 'boolean',
				default: false,
				description: start
					? 'Whether to wait until the session charges (CHARGING) or fails (REJECTED, TIMEOUT, CANCELLED, ERROR) and output that final status. Off: return as soon as GreenFlux accepted the request; the session is then only REQUESTED.'
					: 'Whether to wait until the session is COMPLETED or its costs are known (CDR_AVAILABLE) and output that final status. Off: return the status right after the stop request (usually STOPPING).',
			},
		},
	];
	if (!start) {
		fields.push({
			property: optionsProperty(
				'Wait Until',
				'waitUntil',
				[
					{
						name: 'CDR Available (Costs Known)',
						value: 'CDR_AVAILABLE',
						description: 'Wait until the costs are calculated (totalCosts, totalVat, receipt)',
					},
					{
						name: 'Completed',
						value: 'COMPLETED',
						description: 'Wait until charging has ended; the final costs may follow later',
					},
				],
				{ default: 'CDR_AVAILABLE', displayOptions: waiting },
			),
		});
	}
	const timeout: INodeProperties = {
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 60,
		typeOptions: { minValue: 0.1, maxValue: MAX_WAIT_SECONDS, numberPrecision: 1 },
		description: `How long to wait. A session that has not reached ${start ? 'CHARGING' : 'the status'} by then is returned with timedOut true.`,
		displayOptions: waiting,
	};
	// Costs (CDR_AVAILABLE) usually follow a stop later than charging follows a start.
	if (!start) timeout.default = 120;
	fields.push(
		{ property: timeout },
		{
			property: {
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				description:
					"Time between two status requests until the session charges (GreenFlux advises 3–5 seconds); afterwards the node follows GreenFlux's nextStatusCall, never sooner than this",
				displayOptions: waiting,
			},
		},
		{
			property: {
				displayName: 'Fail on Rejection',
				name: 'failOnRejection',
				type: 'boolean',
				default: false,
				description: start
					? 'Whether to stop with an error when the session does not start (REJECTED, TIMEOUT, CANCELLED, ERROR) or still has not started at the timeout. Off: these outcomes are output items with succeeded false, the status, error and errorMessage.'
					: 'Whether to stop with an error when the session ends in an error or has not reached the status at the timeout. Off: these outcomes are output items with succeeded false.',
				displayOptions: waiting,
			},
		},
	);
	return fields;
}

const checkWait: Validator = function (context) {
	checkWaitTimes.call(this, context, { toggle: 'waitForStatus', maxSeconds: MAX_WAIT_SECONDS });
};

/** GreenFlux takes the mileage as a string; the node accepts numbers only (km, no units). */
const checkMileage: Validator = function (context) {
	const mileage = String(context.values.mileage ?? '').trim();
	if (!/^\d+(\.\d+)?$/.test(mileage)) {
		throw invalidInput.call(
			this,
			context,
			`Mileage: "${mileage}" is not a number of kilometres (0 or more)`,
			'Give the odometer reading as a number of kilometres without units, e.g. 48250.',
		);
	}
};

/** Session history: Date From must be before Date To (both optional filters). */
const checkHistoryDates: Validator = function (context) {
	const from = context.values['filters.dateTimeFrom'] as DateTime | undefined;
	const to = context.values['filters.dateTimeTo'] as DateTime | undefined;
	if (from && to && from >= to) {
		throw invalidInput.call(
			this,
			context,
			'Filters → Started From must be before Started Before',
			`Started From is ${from.toISO()} and Started Before is ${to.toISO()}.`,
		);
	}
};

const historyFilters = collectionField('Filters', 'filters', 'Add Filter', [
	dateTimeOption(
		'Started From',
		'dateTimeFrom',
		{ in: 'query', name: 'filter.dateTimeFrom' },
		'Only sessions started at or after this time. GreenFlux defaults to the first day of the current month.',
	),
	dateTimeOption(
		'Started Before',
		'dateTimeTo',
		{ in: 'query', name: 'filter.dateTimeTo' },
		'Only sessions started before this time. GreenFlux defaults to now.',
	),
	stringOption(
		'Charge Session ID',
		'chargeSessionId',
		{ in: 'query', name: 'filter.chargeSessionId' },
		'Only the session with this Charge Assist ID',
	),
	stringOption(
		'OCPI Session ID',
		'ocpiSessionId',
		{ in: 'query', name: 'filter.ocpiSessionId' },
		"Only the session with this OCPI session ID (the status's externalSessionId)",
	),
	stringOption(
		'Payment Method IDs',
		'paymentMethodIds',
		{ in: 'query', name: 'filter.paymentMethodIds' },
		'Only sessions paid with these payment methods (comma-separated IDs)',
	),
	optionsOption(
		'Payment Method Type',
		'paymentMethodType',
		{ in: 'query', name: 'filter.paymentMethodType' },
		[
			{ name: 'Charge Card', value: 'CHARGE_CARD' },
			{ name: 'Other', value: 'OTHER' },
		],
		{ default: 'CHARGE_CARD', description: 'Only sessions paid by charge card, or by other means' },
	),
	multiOptionsOption(
		'Session Statuses',
		'sessionStatus',
		{ in: 'query', name: 'filter.sessionStatus', repeat: true },
		SESSION_STATUSES.map((status) => ({ name: status, value: status })),
		'Only sessions in these statuses',
	),
	{
		property: {
			displayName: 'Newest First',
			name: 'sortDesc',
			type: 'boolean',
			default: true,
			description:
				'Whether to list the newest sessions first (GreenFlux default) or the oldest first',
		},
		to: { in: 'query', name: 'sortDesc' },
	},
]);

export const sessionOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'session',
		operation: 'getExternalCdr',
		name: 'Get External CDR',
		action: 'Get the session of a CDR',
		description:
			"Find the Charge Assist session, payment and receipt behind a CDR (by the CDR's ID and auth ID), e.g. to link a Platform CDR to the driver",
		method: 'GET',
		path: '/session/externalcdr/{cdrId}/authid/{authId}',
		fields: [
			textField(
				'CDR ID',
				'cdrId',
				{ in: 'path', name: 'cdrId' },
				{
					description:
						"The CDR's ID (the session's transactionDetails.externalCdrId once CDR_AVAILABLE)",
				},
			),
			textField(
				'Auth ID',
				'authId',
				{ in: 'path', name: 'authId' },
				{
					placeholder: 'e.g. NL-GFX-C12345678-9',
					description: 'The auth ID of the token the session was charged with (in the CDR)',
				},
			),
		],
	},
	{
		...CHARGE_ASSIST,
		resource: 'session',
		operation: 'getHistory',
		name: 'Get History',
		action: "Get a driver's session history",
		description:
			"Get the driver's charging sessions with their costs, newest first; by default GreenFlux lists the sessions of the current month only (set Filters → Started From)",
		method: 'GET',
		path: (values) =>
			values.apiVersion === '2.1'
				? '/v2.1/token/{appToken}/sessions'
				: '/token/{appToken}/sessions',
		fields: [
			apiVersionField(
				'The Charge Assist route to use',
				'The whole list at once, each session with its full location',
				'Paged, each session with a location summary, payment status and CO2 saved',
				'2.1',
			),
			appTokenField({ in: 'path', name: 'appToken' }),
			historyFilters,
		],
		list: { pagination: 'chargeAssist', maxPageSize: 100, fileOutput: { name: 'session-history' } },
		validate: [checkHistoryDates],
	},
	versioned({
		operation: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a session',
		description:
			'Get the status of a charging session: status, energy, power, costs once known, and the time GreenFlux suggests to ask again (nextStatusCall)',
		method: 'GET',
		route: '/session/status',
		fields: [
			appTokenInQuery,
			chargeSessionId({ in: 'query', name: 'chargeSessionId' }),
			collectionField('Options', 'options', 'Add Option', [
				numberOption(
					'Max Data Points',
					'maxDataPoints',
					{ in: 'query', name: 'maxDataPoints' },
					'How many meter readings to return in usageSummary.dataPoints (GreenFlux default 15)',
					{ default: 15, typeOptions: { minValue: 0 } },
				),
			]),
		],
	}),
	versioned({
		operation: 'requestHighPriority',
		name: 'Request High Priority',
		action: 'Request high priority charging',
		description:
			'Ask smart charging to give a charging session priority; GreenFlux answers APPROVED, DENIED or ERROR (an error where the location has no smart charging)',
		method: 'POST',
		route: '/session/highpriority',
		fields: [
			appTokenField(
				{ in: 'query', name: 'appToken' },
				{
					required: false,
					description:
						'The app token of the driver; when given, GreenFlux only finds the session among its sessions',
				},
			),
			chargeSessionId('chargeSessionId'),
		],
	}),
	versioned({
		operation: 'setMileage',
		name: 'Set Mileage',
		action: 'Set the mileage of a session',
		description: "Record the car's odometer reading (km) on an ongoing charging session",
		method: 'POST',
		route: '/session/{appToken}/mileage',
		fields: [
			appTokenField({ in: 'path', name: 'appToken' }),
			chargeSessionId(
				'chargeSessionId',
				'The ongoing session (chargeSessionId of Session › Start)',
			),
			{
				property: {
					displayName: 'Mileage',
					name: 'mileage',
					type: 'number',
					required: true,
					default: 0,
					typeOptions: { minValue: 0 },
					description: "The car's odometer reading in kilometres",
				},
				to: { in: 'body', name: 'mileage' },
				// GreenFlux takes the mileage as a string; checkMileage makes sure it is a number.
				format: 'string',
			},
		],
		validate: [checkMileage],
		hook: acknowledgedItem,
	}),
	versioned({
		operation: 'start',
		name: 'Start',
		action: 'Start a session',
		description:
			"Start charging a driver's car at an EVSE, paid with one of the driver's payment methods; optionally wait until it charges or is rejected",
		method: 'POST',
		route: '/session/start',
		fields: [
			appTokenInQuery,
			textField('Location ID', 'locationId', 'locationId', {
				placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
				description: 'The ID of the location of the EVSE (from the Location operations)',
			}),
			textField('EVSE UID', 'evseUid', 'evseUid', {
				placeholder: 'e.g. NL-GFX-E0001-1',
				description: 'The UID (or EVSE ID) of the EVSE to charge at',
			}),
			textField('Payment Method ID', 'paymentMethodId', 'paymentMethodId', {
				description:
					"The ID of one of the driver's payment methods (Payment Method › Get Wallet) that the location accepts",
			}),
			...waitFields(true),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Connector ID',
					'connectorId',
					'connectorId',
					'The connector to use, e.g. 1 (default: the first)',
				),
				stringOption(
					'Ad Hoc Payment Method ID',
					'adhocPaymentMethodId',
					'adhocPaymentMethodId',
					'A one-off payment method for this session',
				),
				booleanOption(
					'Ignore EVSE Availability',
					'ignoreEvseAvailability',
					'ignoreEvseAvailablity',
					'Whether to try the start even when the EVSE is not available',
				),
				booleanOption(
					'Pinned',
					'isPinned',
					'isPinned',
					"Whether this is the driver's main session (used by GreenFlux's own apps; deprecated)",
				),
			]),
		],
		validate: [checkWait],
		hook: waitForSessionStatus,
	}),
	versioned({
		operation: 'stop',
		name: 'Stop',
		action: 'Stop a session',
		description:
			"Stop a driver's charging session; optionally wait until it is completed or its costs are known",
		method: 'POST',
		route: '/session/stop',
		fields: [
			appTokenInQuery,
			chargeSessionId(
				'chargeSessionId',
				'The session to stop (chargeSessionId of Session › Start)',
			),
			...waitFields(false),
		],
		validate: [checkWait],
		hook: waitForSessionStatus,
	}),
];
