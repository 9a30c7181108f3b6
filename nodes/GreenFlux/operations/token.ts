import type { OperationDefinition } from '../../shared/operations';
import { tokenLookupItems } from '../hooks/tokenLookup';
import { collectionField, inQuery, stringOption, textField } from '../../shared/fields';

export const tokenOperations: OperationDefinition[] = [
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
				stringOption(
					'Charge Station ID',
					'chargeStationId',
					inQuery('charge_station_id'),
					'Only look for the token where it can be used at this charge station',
					'e.g. PP005645',
				),
			]),
		],
		hook: tokenLookupItems,
	},
];
