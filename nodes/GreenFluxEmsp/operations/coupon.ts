import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import {
	booleanOption,
	collectionField,
	dateTimeOption,
	numberField,
	optionsProperty,
	pathField,
	stringOption,
	textField,
} from '../../shared/fields';
import type { FieldDefinition, OperationContext, Validator } from '../../shared/operations';
import { couponScope, driverBalanceItems } from '../hooks/coupons';
import { type EmspOperation, MODULES } from '../resources';
import { emspIdField, unpagedList } from './fields';

const COUPONS = '/api/1.0/coupons';

/** Each coupon type has its own create route. */
const ROUTES: Record<string, string> = {
	discount: 'discount',
	meterValue: 'metervalue',
	money: 'money',
	session: 'session',
};

/** .NET time span as GreenFlux takes it: HH:MM:SS, optionally with days (d.HH:MM:SS). */
const TIME_SPAN = /^(?:\d+\.)?(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

const coupons = { resource: 'coupon' as const, module: MODULES.coupons };

const couponIdPath = (description: string) =>
	pathField('couponId', 'Coupon ID', 'couponId', {
		placeholder: 'e.g. WELCOME-2026-0001',
		description,
	});

const driverIdPath = () =>
	pathField('driverId', 'Driver ID', 'driverId', {
		placeholder: 'e.g. DRV-00001',
		description: 'ID of the driver in the CRM of the eMSP',
	});

const forType = (type: string) => ({ show: { couponType: [type] } });

const createFields: FieldDefinition[] = [
	emspIdField(),
	couponIdPath(
		'Your ID for the new coupon. It must be unique in all of GreenFlux, not only in this eMSP.',
	),
	{
		property: optionsProperty(
			'Coupon Type',
			'couponType',
			[
				{
					name: 'Meter Value',
					value: 'meterValue',
					description: 'Free charging time: the first part of each session is not charged',
				},
				{ name: 'Money', value: 'money', description: 'Credit that pays for sessions' },
				{
					name: 'Percentage Discount',
					value: 'discount',
					description: 'A share off the retail cost of sessions',
				},
				{ name: 'Session', value: 'session', description: 'A number of free sessions' },
			],
			{ default: 'money', description: 'What the coupon gives the driver' },
		),
	},
	numberField('Amount', 'value', 'value', {
		description: "Credit in the currency of the driver's retail package",
		typeOptions: { minValue: 0, numberPrecision: 2 },
		displayOptions: forType('money'),
	}),
	numberField('Sessions', 'sessions', 'sessions', {
		default: 1,
		description: 'Number of free sessions',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		displayOptions: forType('session'),
	}),
	numberField('Percentage', 'percentage', 'percentage', {
		description: 'Discount on the retail cost as a decimal from 0 to 1, e.g. 0.25 for 25 %',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 4 },
		displayOptions: forType('discount'),
	}),
	textField('Duration', 'duration', 'duration', {
		placeholder: 'e.g. 01:00:00',
		description:
			'Free charging time per session as HH:MM:SS: 01:00:00 means the first hour of meter values is not charged',
		displayOptions: forType('meterValue'),
	}),
	textField('Tolerance', 'tolerance', 'tolerance', {
		default: '00:00:00',
		placeholder: 'e.g. 00:05:00',
		description:
			'How much the measured time may fall short of Duration and still count as the full duration, as HH:MM:SS',
		displayOptions: forType('meterValue'),
	}),
	{
		property: optionsProperty(
			'Applies To',
			'appliesTo',
			[
				{
					name: 'Every Driver of the eMSP',
					value: 'emsp',
					description: 'One coupon that every driver of the eMSP can use',
				},
				{ name: 'One Driver', value: 'driver', description: 'Only the driver given below' },
			],
			{ default: 'driver', description: 'Who can use the coupon' },
		),
	},
	textField('Driver ID', 'driverId', 'scope.driverId', {
		placeholder: 'e.g. DRV-00001',
		description: 'ID of the driver in the CRM of the eMSP',
		displayOptions: { show: { appliesTo: ['driver'] } },
	}),
	collectionField('Additional Fields', 'additionalFields', 'Add Field', [
		{
			...stringOption(
				'CPSO IDs',
				'cpsoIds',
				'scope.cpsos',
				'Only at the charge stations of these CPSOs (charge point service operators), separated by commas. Leave out for every CPSO.',
				'e.g. NLGFXDEMO, NLGFXCITY',
			),
			format: 'stringList',
		},
		dateTimeOption(
			'Expiration',
			'expiration',
			'expirationUtc',
			'When the coupon stops being valid. Leave out for a coupon that does not expire.',
		),
		stringOption(
			'Reason',
			'reason',
			'reason',
			'Why the coupon is given, e.g. the promotion',
			'e.g. Summer promotion 2026',
		),
	]),
];

const checkCouponType: Validator = function (context) {
	const type = String(context.values.couponType);
	if (!(type in ROUTES)) {
		throw invalidInput.call(
			this,
			context,
			`Coupon Type: "${type}" is not a coupon type`,
			`Use one of ${Object.keys(ROUTES).join(', ')}.`,
		);
	}
};

function checkTimeSpan(
	this: IExecuteFunctions,
	context: OperationContext,
	displayName: string,
	value: unknown,
): void {
	if (value !== undefined && !TIME_SPAN.test(String(value))) {
		throw invalidInput.call(
			this,
			context,
			`${displayName}: "${String(value)}" is not a duration in HH:MM:SS`,
			`Write ${displayName} as hours, minutes and seconds, e.g. 01:00:00 for one hour or 00:05:00 for five minutes.`,
		);
	}
}

/** The amount of each coupon type, checked before GreenFlux is asked. */
const checkAmount: Validator = function (context) {
	const { values } = context;
	if (values.couponType === 'money' && !((values.value as number) > 0)) {
		throw invalidInput.call(
			this,
			context,
			`Amount: must be more than 0 (got ${String(values.value)})`,
		);
	}
	if (values.couponType === 'session') {
		const sessions = values.sessions as number;
		if (!Number.isInteger(sessions) || sessions < 1)
			throw invalidInput.call(
				this,
				context,
				`Sessions: must be a whole number of 1 or more (got ${String(sessions)})`,
			);
	}
	if (values.couponType === 'discount') {
		const percentage = values.percentage as number;
		if (!(percentage >= 0 && percentage <= 1))
			throw invalidInput.call(
				this,
				context,
				`Percentage: must be a decimal from 0 to 1 (got ${String(percentage)})`,
				'GreenFlux takes the discount as a fraction: 0.25 is 25 %, 1 is free charging.',
			);
	}
	if (values.couponType === 'meterValue') {
		checkTimeSpan.call(this, context, 'Duration', values.duration);
		checkTimeSpan.call(this, context, 'Tolerance', values.tolerance);
		if (/^(?:0+\.)?00:00:00$/.test(String(values.duration)))
			throw invalidInput.call(this, context, 'Duration: must be longer than 00:00:00');
	}
};

const requirePatch: Validator = function (context) {
	const body = (context.request.body ?? {}) as IDataObject;
	if (Object.keys(body).length === 0) {
		throw invalidInput.call(
			this,
			context,
			'Update Fields: set at least one field to change',
			'A coupon can be reactivated or withdrawn (Active), extended (Expiration) and given a Reason.',
		);
	}
};

export const couponOperations: EmspOperation[] = [
	{
		...coupons,
		operation: 'create',
		name: 'Create',
		action: 'Create a coupon',
		description:
			'Give a driver, or every driver of the eMSP, a money, session, percentage discount or meter value coupon',
		method: 'POST',
		path: (values) => `${COUPONS}/${ROUTES[String(values.couponType)]}/{emspId}/{couponId}`,
		fields: createFields,
		validate: [checkCouponType, checkAmount],
		hook: couponScope,
	},
	{
		...coupons,
		operation: 'get',
		name: 'Get',
		action: 'Get a coupon',
		description: 'Get one coupon of the eMSP by its ID',
		method: 'GET',
		path: `${COUPONS}/{emspId}/{couponId}`,
		fields: [emspIdField(), couponIdPath('ID of the coupon')],
	},
	{
		...coupons,
		operation: 'getDriverBalance',
		name: 'Get Driver Balance',
		action: 'Get the coupon balance of a driver',
		description:
			'Get what the active coupons of a driver still hold (money, sessions, discount, free time), per CPO',
		method: 'GET',
		path: `${COUPONS}/drivers/balance/{emspId}/{driverId}`,
		fields: [
			emspIdField(),
			driverIdPath(),
			{
				property: {
					displayName: 'One Item per CPO',
					name: 'splitByCpo',
					type: 'boolean',
					default: false,
					description:
						'Whether to return one item per CPO instead of the balance as GreenFlux groups it. The balance usable at every CPO becomes one more item with shared true.',
				},
			},
		],
		hook: driverBalanceItems,
	},
	{
		...coupons,
		operation: 'getAllForDriver',
		name: 'Get Many for Driver',
		action: 'Get many coupons of a driver',
		description:
			"Get a driver's coupons, including the coupons for every driver of the eMSP, newest first",
		method: 'GET',
		path: `${COUPONS}/drivers/{emspId}/{driverId}`,
		fields: [emspIdField(), driverIdPath()],
		list: unpagedList(),
	},
	{
		...coupons,
		operation: 'update',
		name: 'Update',
		action: 'Update a coupon',
		description: 'Extend, reactivate or withdraw a coupon, or change its reason',
		method: 'PATCH',
		path: `${COUPONS}/{emspId}/{couponId}`,
		fields: [
			emspIdField(),
			couponIdPath('ID of the coupon'),
			collectionField('Update Fields', 'updateFields', 'Add Field', [
				booleanOption(
					'Active',
					'active',
					'active',
					'Whether the coupon can be used: on to reactivate it (with a new Expiration if it expired), off to withdraw it',
				),
				dateTimeOption(
					'Expiration',
					'expiration',
					'expirationUtc',
					'New end of validity, e.g. to extend the coupon',
				),
				stringOption(
					'Reason',
					'reason',
					'reason',
					'Why the coupon changes',
					'e.g. Promotion extended',
				),
			]),
		],
		validate: [requirePatch],
	},
];
