import { textField } from '../../shared/fields';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

export const accountOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'account',
		operation: 'mapUserAndDrivers',
		name: 'Map User and Drivers',
		action: 'Map a user account to drivers',
		description:
			"Link a user account (directory ID and domain) to drivers of the GreenFlux CRM; GreenFlux answers the account's name and email",
		method: 'POST',
		path: '/account/mapuseranddrivers',
		fields: [
			textField('AD ID', 'adId', 'adId', {
				placeholder: 'e.g. 9b2f6c1e-4d3a-4f7e-8a51-2c0d7e9f1a23',
				description: "The user's ID in the identity directory (AdId)",
			}),
			textField('Domain', 'domain', 'domain', {
				placeholder: 'e.g. example.com',
				description: "The user's directory domain",
			}),
			{
				...textField('Driver IDs', 'driverIds', 'driverIds', {
					placeholder: 'e.g. DRV-0001, DRV-0002',
					description: 'The GreenFlux CRM driver IDs of this user, comma-separated',
				}),
				format: 'stringList',
			},
		],
	},
];
