/** The GreenFlux push modules, named after the last segment of the base URL GreenFlux is given. */
export const PUSH_MODULES = ['cdrs', 'sessions', 'locations', 'notifications'] as const;
export type PushModule = (typeof PUSH_MODULES)[number];

export const PUSH_EVENTS = [
	'cdr.created',
	'evse.status_changed',
	'location.created',
	'location.updated',
	'notification.received',
	'session.completed',
	'session.started',
	'session.updated',
] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];

/**
 * Options of the "Events" parameter (alphabetical by name, as n8n's lint wants). `action` is the text
 * of the trigger's entry in n8n's node panel: without it n8n 2.41 builds "On <event name>" itself
 * (nodeCreator.actionsCategory.onEvent), which lower-cases the abbreviations (CDR, EVSE).
 */
export const EVENT_OPTIONS: Array<{
	name: string;
	value: PushEvent;
	action: string;
	description: string;
}> = [
	{
		name: 'CDR Created',
		value: 'cdr.created',
		action: 'On CDR created',
		description: 'GreenFlux POSTed a charge detail record (a session was priced and cleared)',
	},
	{
		name: 'EVSE Status Changed',
		value: 'evse.status_changed',
		action: 'On EVSE status changed',
		description:
			'An EVSE push carrying a status (e.g. AVAILABLE → CHARGING), with the previous status when this trigger has seen it (best effort: pushes that arrive close together can leave it empty)',
	},
	{
		name: 'Location Created',
		value: 'location.created',
		action: 'On location created',
		description: 'GreenFlux PUT a location this trigger had not seen before',
	},
	{
		name: 'Location Updated',
		value: 'location.updated',
		action: 'On location updated',
		description:
			'A PUT of a location seen before, a PATCH of location fields, or an EVSE/connector push without a status',
	},
	{
		name: 'Notification Received',
		value: 'notification.received',
		action: 'On charge station notification received',
		description: 'A charge station notification (OCPP message); one item per notification',
	},
	{
		name: 'Session Completed',
		value: 'session.completed',
		action: 'On session completed',
		description: 'A session push with status COMPLETED (normally the final PATCH)',
	},
	{
		name: 'Session Started',
		value: 'session.started',
		action: 'On session started',
		description: 'The PUT GreenFlux sends when a session starts',
	},
	{
		name: 'Session Updated',
		value: 'session.updated',
		action: 'On session updated',
		description: 'A PATCH of a running session (full or compact, e.g. new kWh), not COMPLETED',
	},
];

export const NOTIFICATION_LEVELS = ['Error', 'Info', 'Warning'] as const;
