import type { PlatformOperation } from '../resources';
import {
	bulkOffsetPages,
	collectionField,
	inQuery,
	stringOption,
	windowedDateRange,
	pathLocatorField,
	optionsProperty,
} from '../../shared/fields';
import { chargeStationLocator } from '../locators';

const notifications = {
	resource: 'chargeStationNotification' as const,
	module: 'Charge Station Notifications',
	method: 'GET' as const,
};

/** GreenFlux serves notifications only for ranges shorter than 72 hours; the node splits any range for you. */
const { fields: dateRange, dateWindow } = windowedDateRange('notifications');

const messageActionOption = stringOption(
	'Message Action',
	'messageAction',
	inQuery('message_action'),
	'Only notifications of this OCPP message action',
	'e.g. StatusNotification',
);

export const chargeStationNotificationOperations: PlatformOperation[] = [
	{
		...notifications,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many charge station notifications',
		description:
			'Get the OCPP messages of all your charge stations. GreenFlux refreshes this list once an hour; use Get Many for Station for real-time messages.',
		path: '/api/1.0/chargestationnotifications',
		fields: [
			...dateRange,
			collectionField('Filters', 'filters', 'Add Filter', [messageActionOption]),
		],
		list: {
			...bulkOffsetPages(),
			dateWindow,
			fileOutput: { name: 'charge-station-notifications' },
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
			pathLocatorField(
				chargeStationLocator('chargeStationId', { displayName: 'Charge Station ID' }),
			),
			...dateRange,
			collectionField('Filters', 'filters', 'Add Filter', [
				{
					property: optionsProperty(
						'Direction',
						'direction',
						[
							{
								name: 'To Charge Station',
								value: 'ToChargePoint',
								description: 'Messages GreenFlux sent to the charge station',
							},
							{
								name: 'To GreenFlux',
								value: 'ToGsop',
								description: 'Messages the charge station sent to GreenFlux',
							},
						],
						{ default: 'ToGsop' },
					),
					to: inQuery('direction'),
				},
				{
					property: optionsProperty(
						'Level',
						'level',
						[
							{ name: 'Error', value: 'Error' },
							{ name: 'Info', value: 'Info' },
							{ name: 'Warning', value: 'Warning' },
						],
						{ default: 'Error' },
					),
					to: inQuery('level'),
				},
				messageActionOption,
				{
					property: optionsProperty(
						'Message Type',
						'messageType',
						[
							{ name: 'Call (2)', value: '2', description: 'A request' },
							{ name: 'Call Error (4)', value: '4', description: 'An error answer to a request' },
							{ name: 'Call Result (3)', value: '3', description: 'An answer to a request' },
						],
						{ default: '2', description: 'OCPP message type' },
					),
					to: inQuery('message_type'),
				},
				stringOption(
					'Notification ID',
					'chargeStationNotificationId',
					inQuery('charge_station_notification_id'),
					'Only the notification with this charge_station_notification_id (the OCPP message ID)',
					'e.g. 2251045',
				),
			]),
		],
		list: {
			pagination: 'cursor',
			pageSizeParam: 'limit',
			maxPageSize: 100,
			dateWindow,
			fileOutput: { name: 'charge-station-notifications' },
		},
	},
];
