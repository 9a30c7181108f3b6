/** The events the GreenFlux Poll Trigger finds by reading GreenFlux's lists (a subset of the push events). */
export const POLL_EVENTS = [
	'cdr.created',
	'evse.status_changed',
	'location.updated',
	'notification.received',
	'session.completed',
] as const;
export type PollEvent = (typeof POLL_EVENTS)[number];

/** Options of the "Event" parameter (alphabetical by name, as n8n's lint wants). */
export const EVENT_OPTIONS: Array<{
	name: string;
	value: PollEvent;
	action: string;
	description: string;
}> = [
	{
		name: 'CDR Created',
		value: 'cdr.created',
		action: 'On new CDRs',
		description:
			'New charge detail records (CDR API v2; GreenFlux lists a CDR as soon as it is priced)',
	},
	{
		name: 'EVSE Status Changed',
		value: 'evse.status_changed',
		action: 'On EVSE status changed',
		description:
			'EVSEs whose status differs from the status at the previous poll, with previousStatus (from Locations v1)',
	},
	{
		name: 'Location Updated',
		value: 'location.updated',
		action: 'On location updated',
		description:
			'Locations that changed, or one of whose EVSEs or connectors changed (Locations v1)',
	},
	{
		name: 'Notification Received',
		value: 'notification.received',
		action: 'On charge station notifications',
		description:
			'Charge station notifications (OCPP messages). GreenFlux refreshes this list about once an hour.',
	},
	{
		name: 'Session Completed',
		value: 'session.completed',
		action: 'On sessions completed',
		description:
			'Completed sessions. GreenFlux syncs them into its list about once an hour, so they arrive up to an hour late.',
	},
];

export const NOTIFICATION_LEVELS = ['Error', 'Info', 'Warning'] as const;
