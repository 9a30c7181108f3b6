import { booleanOption, collectionField, stringOption } from '../../shared/fields';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

export const locationOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'location',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many locations',
		description: 'Get the charge locations Charge Assist offers, in compact form',
		method: 'GET',
		path: '/locations',
		fields: [
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'App Token',
					'appToken',
					{ in: 'query', name: 'filter.appToken' },
					"The driver's app token: needed to see the driver's private locations",
				),
				stringOption(
					'Country',
					'country',
					{ in: 'query', name: 'filter.country' },
					'Only locations in this country (ISO 3166 alpha-3, e.g. NLD)',
					'e.g. NLD',
				),
				{
					...stringOption(
						'Location IDs',
						'locationIds',
						{ in: 'query', name: 'filter.locationIds', repeat: true },
						'Only these locations (comma-separated IDs)',
					),
					format: 'stringList',
				},
				{
					property: {
						displayName: 'Last Updated',
						name: 'lastUpdated',
						type: 'dateTime',
						default: '',
						description: 'Only locations updated at or after this time',
					},
					to: { in: 'query', name: 'filter.lastUpdated' },
				},
				booleanOption(
					'Include Restricted Access',
					'restrictedAccess',
					{ in: 'query', name: 'filter.restrictedAccess' },
					'Whether to include semi-public locations',
				),
			]),
		],
		list: { pagination: 'chargeAssist', maxPageSize: 100 },
	},
];
