import type { EmspOperation } from '../resources';
import { checkCountry, contactOptions, crmObject } from './crm';

export const customerOperations: EmspOperation[] = crmObject({
	resource: 'customer',
	label: 'customer',
	plural: 'customers',
	segment: 'customers',
	id: {
		displayName: 'Customer ID',
		name: 'customerId',
		key: 'id',
		placeholder: 'e.g. CUST-0001',
		description: 'Your ID of the customer (a company or other business partner of the eMSP)',
	},
	required: [
		{
			displayName: 'Name',
			name: 'name',
			key: 'name',
			placeholder: 'e.g. Example Fleet B.V.',
			description: 'Name of the customer',
		},
	],
	optional: contactOptions('customer'),
	keys: [
		'id',
		'name',
		'phone_number',
		'email',
		'address',
		'city',
		'postal_code',
		'country',
		'modified_on_utc',
		'modified_by',
	],
	validate: [checkCountry],
});
