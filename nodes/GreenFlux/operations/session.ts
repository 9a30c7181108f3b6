import type { PlatformOperation } from '../resources';
import { dateFromField, dateToField } from '../../shared/fields';

export const sessionOperations: PlatformOperation[] = [
	{
		resource: 'session',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many sessions',
		description:
			'Get completed charging sessions. GreenFlux returns only COMPLETED sessions, synced once an hour and kept for about a month; for live sessions use the GreenFlux Trigger node.',
		module: 'Sessions',
		method: 'GET',
		path: '/api/1.0/sessions',
		fields: [
			dateFromField(
				'Only sessions last updated at or after this time. GreenFlux keeps sessions for about a month.',
				{ required: true },
			),
			dateToField('Only sessions last updated before this time'),
		],
		// GreenFlux documents 100 as the default page size and no maximum; larger pages might be cut short silently.
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			maxPageSize: 100,
			fileOutput: { name: 'sessions' },
		},
	},
];
