import { stringOption } from '../../shared/fields';
import type { EmspOperation } from '../resources';
import { checkCountry, contactOptions, crmObject } from './crm';

export const driverOperations: EmspOperation[] = crmObject({
	resource: 'driver',
	label: 'driver',
	plural: 'drivers',
	segment: 'drivers',
	id: {
		displayName: 'Driver ID',
		name: 'driverId',
		key: 'id',
		placeholder: 'e.g. DRV-00001',
		description: 'Your ID of the driver',
	},
	required: [
		{
			displayName: 'Customer ID',
			name: 'customerId',
			key: 'customer_id',
			placeholder: 'e.g. CUST-0001',
			description: 'The customer the driver belongs to (create or update the customer first)',
		},
		{
			displayName: 'Retail Package ID',
			name: 'retailPackageId',
			key: 'retail_package_id',
			placeholder: 'e.g. NLGFX-RP-STANDARD',
			description:
				'The retail package of the driver; every driver needs one (Retail Package › Get Many lists them)',
		},
	],
	optional: [
		stringOption('First Name', 'firstName', 'first_name', 'First name of the driver', 'e.g. Sanne'),
		stringOption('Last Name', 'lastName', 'last_name', 'Last name of the driver', 'e.g. de Vries'),
		stringOption(
			'Mobile Phone Number',
			'mobilePhoneNumber',
			'mobile_phone_number',
			'Mobile phone number of the driver',
			'e.g. +31 6 12345678',
		),
		stringOption(
			'Energy Contract',
			'energyContract',
			'energy_contract',
			'ID of the energy contract of the driver',
			'e.g. EC-123456',
		),
		...contactOptions('driver'),
	],
	keys: [
		'id',
		'first_name',
		'last_name',
		'phone_number',
		'mobile_phone_number',
		'email',
		'retail_package_id',
		'address',
		'postal_code',
		'city',
		'country',
		'customer_id',
		'energy_contract',
		'modified_on_utc',
		'modified_by',
	],
	validate: [checkCountry],
});
