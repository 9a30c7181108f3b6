import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS, NOTIFICATION_LEVELS } from './events';

export const DEFAULT_MAX_ITEMS = 5000;

export const properties: INodeProperties[] = [
	{
		displayName:
			'Checks GreenFlux on the schedule above and starts the workflow with what changed since the previous check: the safety net for pushes the GreenFlux Trigger did not get (GreenFlux never sends a push twice). Items look like the GreenFlux Trigger\'s, with source "poll". The first check after publishing only notes the time; nothing older is emitted unless you set "Start From".',
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: EVENT_OPTIONS,
		default: 'cdr.created',
		description: 'What to check GreenFlux for. Changing it starts this trigger over.',
	},
	{
		displayName:
			'GreenFlux syncs completed sessions into its session list about once an hour and keeps them for about a month: polled sessions arrive up to an hour after they ended. For real time, use the GreenFlux Trigger (session.completed pushes) and keep this poll as the safety net.',
		name: 'sessionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['session.completed'] } },
	},
	{
		displayName:
			'GreenFlux refreshes the list of all charge station notifications about once an hour: polled notifications arrive up to an hour late.',
		name: 'notificationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['notification.received'] } },
	},
	{
		displayName: 'Notification Filters',
		name: 'notificationFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: ['notification.received'] } },
		description:
			'The same filters as the GreenFlux Trigger. Changing them starts this trigger over.',
		options: [
			{
				displayName: 'Levels',
				name: 'levels',
				type: 'multiOptions',
				options: NOTIFICATION_LEVELS.map((level) => ({ name: level, value: level })),
				default: [],
				description: 'Only notifications of these levels. Empty: every level.',
			},
			{
				displayName: 'Message Actions',
				name: 'messageActions',
				type: 'string',
				default: '',
				placeholder: 'StatusNotification, BootNotification',
				description:
					'Only notifications with one of these OCPP message actions (comma-separated, case-insensitive). Empty: every action.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_ITEMS,
				description:
					'A check that finds more fails (and moves nothing on) instead of starting one huge execution. Fetch such a backlog with the GreenFlux node (Get Many with Return All, or written to a file), then set Start From after it.',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'How far before the end of the previous check each check reads again, for objects GreenFlux lists late; what was already emitted is not emitted again. 0: 10 minutes for CDRs and locations, 90 for sessions and notifications (GreenFlux refreshes those lists about once an hour).',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				displayOptions: { hide: { '/event': ['evse.status_changed'] } },
				description:
					'Emit what changed since this time at the first check (a backfill). Empty: start when the workflow is published. Changing it starts this trigger over from the new time.',
			},
		],
	},
];
