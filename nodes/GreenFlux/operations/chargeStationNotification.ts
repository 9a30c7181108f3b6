import type { FieldDefinition, OperationDefinition } from '../../shared/operations';
import { dateField, dateToField, pathField } from './fields';

const notifications = {
	resource: 'chargeStationNotification',
	module: 'Charge Station Notifications',
	method: 'GET' as const,
};

/** GreenFlux serves notifications only for ranges shorter than 72 hours; the node splits any range for you. */
const window = { fromField: 'dateFrom', toField: 'dateTo', maxHours: 72 };

const dateFrom = dateField('dateFrom', 'Date From', 'date_from', {
	required: true,
	description:
		'Only notifications from this time on (inclusive). Any range works: the node fetches it in windows shorter than 72 hours.',
});
const dateTo = dateToField('Only notifications before this time (exclusive). Leave empty for now.');

const messageAction: FieldDefinition['options'] = {
	messageAction: { to: { in: 'query', name: 'message_action' } },
};

const messageActionOption = {
	displayName: 'Message Action',
	name: 'messageAction',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. StatusNotification',
	description: 'Only notifications of this OCPP message action',
};

export const chargeStationNotificationOperations: OperationDefinition[] = [
	{
		...notifications,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many charge station notifications',
		description:
			'Get the OCPP messages of all your charge stations. GreenFlux refreshes this list once an hour; use Get Many for Station for real-time messages.',
		path: '/api/1.0/chargestationnotifications',
		fields: [
			dateFrom,
			dateTo,
			{
				property: {
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [messageActionOption],
				},
				options: messageAction,
			},
		],
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			minPageSize: 10_000,
			maxPageSize: 100_000,
			dateWindow: window,
		},
	},
	{
		...notifications,
		operation: 'getAllForStation',
		name: 'Get Many for Station',
		action: 'Get many notifications of a charge station',
		description: 'Get the OCPP messages of one charge station, in real time',
		path: '/api/1.0/chargestationnotifications/{chargeStationId}',
		fields: [
			pathField('chargeStationId', 'Charge Station ID', 'chargeStationId', { placeholder: 'e.g. PP005645' }),
			dateFrom,
			dateTo,
			{
				property: {
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{
							displayName: 'Direction',
							name: 'direction',
							type: 'options',
							default: 'ToGsop',
							options: [
								{ name: 'To Charge Station', value: 'ToChargePoint', description: 'Messages GreenFlux sent to the charge station' },
								{ name: 'To GreenFlux', value: 'ToGsop', description: 'Messages the charge station sent to GreenFlux' },
							],
						},
						{
							displayName: 'Level',
							name: 'level',
							type: 'options',
							default: 'Error',
							options: [
								{ name: 'Error', value: 'Error' },
								{ name: 'Info', value: 'Info' },
								{ name: 'Warning', value: 'Warning' },
							],
						},
						messageActionOption,
						{
							displayName: 'Message Type',
							name: 'messageType',
							type: 'options',
							default: '2',
							description: 'OCPP message type',
							options: [
								{ name: 'Call (2)', value: '2', description: 'A request' },
								{ name: 'Call Error (4)', value: '4', description: 'An error answer to a request' },
								{ name: 'Call Result (3)', value: '3', description: 'An answer to a request' },
							],
						},
						{
							displayName: 'Notification ID',
							name: 'chargeStationNotificationId',
							type: 'string',
							default: '',
							placeholder: 'e.g. 2251045',
							description: 'Only the notification with this charge_station_notification_id (the OCPP message ID)',
						},
					],
				},
				options: {
					...messageAction,
					direction: { to: { in: 'query', name: 'direction' } },
					level: { to: { in: 'query', name: 'level' } },
					messageType: { to: { in: 'query', name: 'message_type' } },
					chargeStationNotificationId: { to: { in: 'query', name: 'charge_station_notification_id' } },
				},
			},
		],
		list: {
			pagination: 'cursor',
			pageSizeParam: 'limit',
			maxPageSize: 100,
			dateWindow: window,
		},
	},
];
