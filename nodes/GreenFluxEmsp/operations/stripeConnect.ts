import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import {
	booleanOption,
	type CollectionOption,
	collectionField,
	jsonOption,
	numberOption,
	pathField,
	stringOption,
	textField,
} from '../../shared/fields';
import type { Validator } from '../../shared/operations';
import { type EmspOperation, MODULES } from '../resources';
import { unpagedList } from './fields';

const STRIPE_CONNECT = '/api/1.0/stripeconnect';

const stripeConnect = {
	resource: 'stripeConnect' as const,
	module: MODULES.stripeConnect,
	objectName: 'Stripe Connect configuration',
};

const idPath = () =>
	pathField('stripeConnectId', 'Stripe Connect ID', 'id', {
		placeholder: 'e.g. 3e60b43e-940d-4ef8-af40-73dc583edc6c',
		description: 'ID of the Stripe Connect configuration (Stripe Connect › Get Many lists them)',
	});

/** The business the connected Stripe account belongs to; GreenFlux needs all but phone and registration number. */
const BUSINESS_DETAILS: Array<{
	key: string;
	name: string;
	displayName: string;
	description: string;
	placeholder: string;
	required: boolean;
}> = [
	{
		key: 'name',
		name: 'businessName',
		displayName: 'Business Name',
		description: 'Registered name of the business',
		placeholder: 'e.g. Example Mobility B.V.',
		required: true,
	},
	{
		key: 'street',
		name: 'businessStreet',
		displayName: 'Business Street',
		description: 'Street and house number of the business',
		placeholder: 'e.g. Damrak 12',
		required: true,
	},
	{
		key: 'postal_code',
		name: 'businessPostalCode',
		displayName: 'Business Postal Code',
		description: 'Postal code of the business',
		placeholder: 'e.g. 1012 AB',
		required: true,
	},
	{
		key: 'city',
		name: 'businessCity',
		displayName: 'Business City',
		description: 'City of the business',
		placeholder: 'e.g. Amsterdam',
		required: true,
	},
	{
		key: 'country',
		name: 'businessCountry',
		displayName: 'Business Country',
		description: 'Country code of the business',
		placeholder: 'e.g. NL',
		required: true,
	},
	{
		key: 'email',
		name: 'businessEmail',
		displayName: 'Business Email',
		description: 'Email address of the business',
		placeholder: 'e.g. finance@example.com',
		required: true,
	},
	{
		key: 'vat_number',
		name: 'businessVatNumber',
		displayName: 'Business VAT Number',
		description: 'VAT number of the business',
		placeholder: 'e.g. NL123456789B01',
		required: true,
	},
	{
		key: 'phone',
		name: 'businessPhone',
		displayName: 'Business Phone',
		description: 'Phone number of the business',
		placeholder: 'e.g. +31 20 123 4567',
		required: false,
	},
	{
		key: 'registration_number',
		name: 'businessRegistrationNumber',
		displayName: 'Business Registration Number',
		description: 'Chamber of commerce (company registry) number of the business',
		placeholder: 'e.g. 12345678',
		required: false,
	},
];

/** Arrays GreenFlux takes as JSON, with the keys each entry needs. */
const LISTS: Record<string, { displayName: string; keys: string[] }> = {
	cpsos: { displayName: 'CPSOs (JSON)', keys: ['cpso_external_id'] },
	cpo_customers: {
		displayName: 'CPO Customers (JSON)',
		keys: ['cpo_customer_external_id', 'cpso_id'],
	},
};

const configurationOptions = (): CollectionOption[] => [
	numberOption(
		'Application Fee Percentage',
		'applicationFeePercentage',
		'application_fee_percentage',
		'Percentage of each payment kept as application fee, e.g. 2.5',
		{ typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 } },
	),
	stringOption(
		'Customer Email',
		'customerEmail',
		'customer_email',
		'Email address used for the Stripe connection',
		'e.g. payments@example.com',
	),
	booleanOption(
		'Enable Tax Calculation',
		'enableTaxCalculation',
		'enable_tax_calculation',
		'Whether Stripe calculates the tax of payments',
	),
	jsonOption(
		LISTS.cpsos.displayName,
		'cpsos',
		'cpsos',
		'The CPSOs whose payments this configuration handles: an array of {"cpso_external_id"}',
		'[\n  { "cpso_external_id": "" }\n]',
	),
	jsonOption(
		LISTS.cpo_customers.displayName,
		'cpoCustomers',
		'cpo_customers',
		'The CPO customers whose payments this configuration handles: an array of {"cpo_customer_external_id", "cpso_id"}',
		'[\n  { "cpo_customer_external_id": "", "cpso_id": "" }\n]',
	),
	...BUSINESS_DETAILS.map((detail) =>
		stringOption(
			detail.displayName,
			detail.name,
			`business_details.${detail.key}`,
			`${detail.description}${detail.required ? ' (required when any business detail is set)' : ''}`,
			detail.placeholder,
		),
	),
];

/** GreenFlux needs the whole business address, email and VAT number as soon as any business detail is sent. */
const checkBusinessDetails: Validator = function (context) {
	const details = (context.request.body as IDataObject | undefined)?.business_details as
		| IDataObject
		| undefined;
	if (!details) return;
	const missing = BUSINESS_DETAILS.filter((d) => d.required && !details[d.key]).map(
		(d) => d.displayName,
	);
	if (missing.length) {
		throw invalidInput.call(
			this,
			context,
			`${missing.join(', ')}: required when other business details are set`,
			'GreenFlux needs the name, street, postal code, city, country, email and VAT number of the business together. Add them, or remove the business details.',
		);
	}
};

/** CPSOs and CPO customers: arrays of objects with their keys, checked before GreenFlux is asked. */
const checkLists: Validator = function (context) {
	const body = (context.request.body ?? {}) as IDataObject;
	for (const [key, { displayName, keys }] of Object.entries(LISTS)) {
		const list = body[key];
		if (list === undefined) continue;
		const entries = Array.isArray(list) ? list : [];
		const bad =
			!Array.isArray(list) ||
			entries.some(
				(entry) =>
					typeof entry !== 'object' ||
					entry === null ||
					keys.some(
						(k) => typeof (entry as IDataObject)[k] !== 'string' || !(entry as IDataObject)[k],
					),
			);
		if (bad) {
			throw invalidInput.call(
				this,
				context,
				`${displayName}: must be an array of objects with ${keys.join(' and ')}`,
				`For example [{${keys.map((k) => `"${k}": "…"`).join(', ')}}].`,
			);
		}
	}
};

const requireChange: Validator = function (context) {
	if (Object.keys((context.request.body ?? {}) as IDataObject).length > 0) return;
	throw invalidInput.call(this, context, 'Update Fields: set at least one field to change');
};

export const stripeConnectOperations: EmspOperation[] = [
	{
		...stripeConnect,
		operation: 'create',
		name: 'Create',
		action: 'Create a Stripe Connect configuration',
		description:
			'Create a Stripe Connect configuration; the answer holds the onboarding URL to finish the connection in Stripe',
		method: 'POST',
		path: STRIPE_CONNECT,
		fields: [
			textField('Connection Name', 'connectionName', 'connection_name', {
				placeholder: 'e.g. Demo CPO payouts',
				description: 'Name of the configuration; it cannot be changed later',
			}),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', configurationOptions()),
		],
		validate: [checkLists, checkBusinessDetails],
	},
	{
		...stripeConnect,
		operation: 'get',
		name: 'Get',
		action: 'Get a Stripe Connect configuration',
		description: 'Get one Stripe Connect configuration by its ID',
		method: 'GET',
		path: `${STRIPE_CONNECT}/{id}`,
		fields: [idPath()],
	},
	{
		...stripeConnect,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many Stripe Connect configurations',
		description: 'Get the Stripe Connect configurations of this subscription',
		method: 'GET',
		path: STRIPE_CONNECT,
		fields: [],
		list: unpagedList(),
	},
	{
		...stripeConnect,
		operation: 'update',
		name: 'Update',
		action: 'Update a Stripe Connect configuration',
		description:
			'Change a Stripe Connect configuration; only the fields you set are sent (the connection name cannot change)',
		method: 'PUT',
		path: `${STRIPE_CONNECT}/{id}`,
		fields: [
			idPath(),
			collectionField('Update Fields', 'updateFields', 'Add Field', configurationOptions()),
		],
		validate: [requireChange, checkLists, checkBusinessDetails],
	},
];
