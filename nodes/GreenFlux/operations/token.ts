import type { PlatformOperation } from '../resources';
import { tokenLookupItems } from '../hooks/tokenLookup';
import { collectionField, inQuery, textField } from '../../shared/fields';
import { chargeStationLocator } from '../locators';

export const tokenOperations: PlatformOperation[] = [
	{
		resource: 'token',
		operation: 'lookUp',
		name: 'Look Up',
		action: 'Look up a token',
		description:
			'Find a charge token by its UID, auth ID or visual number across your CPOs. Returns one item per match; an unknown token returns one item with state "unknown" and found false.',
		module: 'Tokens',
		method: 'GET',
		path: '/api/1.0/tokens',
		fields: [
			textField('Token ID', 'identifier', inQuery('token_id'), {
				placeholder: 'e.g. NL-GFX-C000ABC',
				description: 'The token UID (chip ID), auth ID or visual number to look for',
			}),
			collectionField('Options', 'options', 'Add Option', [
				{
					property: chargeStationLocator('chargeStationId', {
						displayName: 'Charge Station ID',
						required: false,
						description: 'Only look for the token where it can be used at this charge station',
					}),
					to: inQuery('charge_station_id'),
				},
			]),
		],
		hook: tokenLookupItems,
	},
];
