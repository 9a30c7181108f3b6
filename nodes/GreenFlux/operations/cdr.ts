import type { PlatformOperation } from '../resources';
import { simplifyCdr } from '../simplify/cdr';
import { dateFromField, dateToField } from '../../shared/fields';

export const cdrOperations: PlatformOperation[] = [
	{
		resource: 'cdr',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many CDRs',
		description: 'Get charge detail records, filtered on when they were last updated',
		module: 'CDR',
		method: 'GET',
		path: '/api/{versionNumber}/cdrs',
		fields: [
			{
				property: {
					displayName: 'API Version',
					name: 'apiVersion',
					type: 'options',
					default: '1.0',
					options: [
						{ name: '1.0 (Offset Paging)', value: '1.0' },
						{ name: '2.0 (Continuation Token Paging)', value: '2.0' },
					],
					description:
						'GreenFlux CDR API version. Both return the same CDRs; 2.0 pages faster through large ranges.',
				},
				to: { in: 'path', name: 'versionNumber' },
			},
			dateFromField('Only CDRs last updated at or after this time'),
			dateToField('Only CDRs last updated before this time'),
		],
		list: {
			pagination: (values) => (values.apiVersion === '2.0' ? 'cursor' : 'offset'),
			pageSizeParam: 'limit',
			maxPageSize: 1000,
		},
		simplify: simplifyCdr,
	},
];
