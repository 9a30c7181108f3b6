import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import type { FieldDefinition, OperationContext } from '../../shared/operations';
import type { PlatformOperation } from '../resources';
import {
	type CollectionOption,
	collectionField,
	inQuery,
	jsonOption,
	pathField,
	stringOption,
	textField,
} from '../../shared/fields';
import { cpsoIdsOption } from './fields';

/** CPO customers are published as API version 2.0 only. */
const CUSTOMERS_PATH = '/api/2.0/CpoCustomers';

const customers = { resource: 'cpoCustomer' as const, module: 'CPO Customers' };

const cpoIdPath = pathField('cpoId', 'CPO ID', 'cpoId', {
	placeholder: 'e.g. NLGFXDEMO',
	description: 'CPO the customer belongs to (case sensitive)',
});
const externalIdPath = pathField('externalId', 'External ID', 'externalId', {
	placeholder: 'e.g. MyCpoCustomer',
	description: 'Your ID of the CPO customer',
});

const nameField = (description: string): FieldDefinition =>
	textField('Name', 'name', 'name', { placeholder: 'e.g. Example CPO Customer', description });

const OPERATOR_FIELDS: CollectionOption[] = [
	stringOption(
		'Operator Name',
		'operatorName',
		'operator_details.name',
		'Name of the operator shown to drivers (required when any operator detail is set)',
		'e.g. Operator ABC',
	),
	stringOption(
		'Operator Website URL',
		'operatorWebsiteUrl',
		'operator_details.website_url',
		'Website of the operator',
		'e.g. https://www.operatorabc.com',
	),
	stringOption(
		'Operator Phone Number',
		'operatorPhoneNumber',
		'operator_details.phone_number',
		'Phone number of the operator',
		'e.g. +441234567890',
	),
	stringOption(
		'Operator Support Email',
		'operatorSupportEmail',
		'operator_details.support_email',
		'Support email address of the operator',
		'e.g. support@operatorabc.com',
	),
	stringOption(
		'Operator Logo URL',
		'operatorLogoUrl',
		'operator_details.logo_url',
		'URL of the operator logo',
	),
	stringOption(
		'Operator Logo Thumbnail URL',
		'operatorLogoThumbnailUrl',
		'operator_details.logo_thumbnail_url',
		'URL of a small version of the operator logo',
	),
];

const customerFields = (): CollectionOption[] => [
	stringOption(
		'VAT Number',
		'vatNumber',
		'vat_number',
		'VAT number of the customer',
		'e.g. NL123456789B01',
	),
	jsonOption(
		'Properties (JSON)',
		'properties',
		'properties',
		'Custom properties: an array of {"name", "value"}',
		'[\n  { "name": "", "value": "" }\n]',
	),
	...OPERATOR_FIELDS,
];

/** GreenFlux requires the operator's name as soon as any operator detail is sent. */
function checkOperatorName(this: IExecuteFunctions, context: OperationContext): void {
	const given = Object.keys(context.values).filter((key) =>
		/^additionalFields\.operator/.test(key),
	);
	if (given.length > 0 && !given.includes('additionalFields.operatorName')) {
		throw invalidInput.call(
			this,
			context,
			'Additional Fields: Operator Name is required when other operator details are set',
			'GreenFlux needs the operator name in the operator details. Add "Operator Name", or remove the other operator fields.',
		);
	}
}

export const cpoCustomerOperations: PlatformOperation[] = [
	{
		...customers,
		operation: 'create',
		name: 'Create',
		action: 'Create a CPO customer',
		description:
			'Create a customer of a CPO, e.g. a company whose charge stations the CPO operates',
		method: 'POST',
		path: CUSTOMERS_PATH,
		fields: [
			textField('CPO ID', 'cpoId', 'cpo_id', {
				placeholder: 'e.g. NLGFXDEMO',
				description: 'CPO the customer belongs to (case sensitive)',
			}),
			textField('External ID', 'externalId', 'external_id', {
				placeholder: 'e.g. MyCpoCustomer',
				description: 'Your unique ID for the customer within the CPO',
			}),
			nameField('Name of the customer'),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', customerFields()),
		],
		validate: [checkOperatorName],
	},
	{
		...customers,
		operation: 'get',
		name: 'Get',
		action: 'Get a CPO customer',
		description: 'Get one customer of a CPO by its external ID',
		method: 'GET',
		path: `${CUSTOMERS_PATH}/{cpoId}/{externalId}`,
		fields: [cpoIdPath, externalIdPath],
	},
	{
		...customers,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many CPO customers',
		description: 'Get the customers of your CPOs',
		method: 'GET',
		path: CUSTOMERS_PATH,
		fields: [
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'CPO ID',
					'cpoId',
					inQuery('cpo_id'),
					'Only the customers of this CPO (case sensitive)',
					'e.g. NLGFXDEMO',
				),
			]),
		],
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			maxPageSize: 1000,
			fileOutput: { name: 'customers' },
		},
	},
	{
		...customers,
		operation: 'update',
		name: 'Update',
		action: 'Update a CPO customer',
		description:
			'Update a customer of a CPO. GreenFlux replaces the whole customer (PUT): VAT number, properties and operator details you leave out are cleared, so send everything the customer should keep.',
		method: 'PUT',
		path: `${CUSTOMERS_PATH}/{cpoId}/{externalId}`,
		fields: [
			cpoIdPath,
			externalIdPath,
			nameField('Name of the customer'),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				...customerFields(),
				cpsoIdsOption("CPSO IDs to send in GreenFlux's cpsoIds header, separated by commas"),
			]),
		],
		validate: [checkOperatorName],
	},
];
