/** The one push module: Charge Assist session statuses, POSTed or PUT to `<webhook URL>/sessions`. */
export const CA_PUSH_MODULE = 'sessions';
export type ChargeAssistPushModule = typeof CA_PUSH_MODULE;

export const CA_PUSH_EVENTS = [
	'session.charging',
	'session.completed',
	'session.costs_available',
	'session.failed',
	'session.other_status',
	'session.parking',
	'session.requested',
	'session.started',
	'session.stopping',
] as const;
export type ChargeAssistPushEvent = (typeof CA_PUSH_EVENTS)[number];

/**
 * The event of each Charge Assist session status (StatusResponse.status, reference §15.4). STOPPING is
 * an event of its own: it is the first sign that charging ended (stop requested or car unplugged) and
 * comes before COMPLETED, which carries the total costs; folding it into another event would either
 * fire Session Completed twice per session or hide the stop among the charging updates.
 */
export const STATUS_EVENTS: Record<string, ChargeAssistPushEvent> = {
	REQUESTED: 'session.requested',
	STARTING: 'session.started',
	CHARGING: 'session.charging',
	PARKING: 'session.parking',
	STOPPING: 'session.stopping',
	COMPLETED: 'session.completed',
	CDR_AVAILABLE: 'session.costs_available',
	REJECTED: 'session.failed',
	TIMEOUT: 'session.failed',
	CANCELLED: 'session.failed',
	ERROR: 'session.failed',
};

/** The event of a status; a status GreenFlux may add later is `session.other_status`. */
export const eventOfStatus = (status: string): ChargeAssistPushEvent =>
	STATUS_EVENTS[status.toUpperCase()] ?? 'session.other_status';

/** Options of the "Events" parameter (alphabetical by name, as n8n's lint wants). */
export const EVENT_OPTIONS: Array<{
	name: string;
	value: ChargeAssistPushEvent;
	action: string;
	description: string;
}> = [
	{
		name: 'Session Charging',
		value: 'session.charging',
		action: 'On session charging',
		description: 'Status CHARGING: the car is taking energy',
	},
	{
		name: 'Session Completed',
		value: 'session.completed',
		action: 'On session completed',
		description:
			'Status COMPLETED: the session ended and its total costs are known (missing costs mean a calculation or setup problem at GreenFlux)',
	},
	{
		name: 'Session Costs Available',
		value: 'session.costs_available',
		action: 'On session costs available',
		description: 'Status CDR_AVAILABLE: the final cost calculation (receipt data) is available',
	},
	{
		name: 'Session Failed',
		value: 'session.failed',
		action: 'On session failed',
		description:
			'Status REJECTED (e.g. EVSE not available, invalid card), TIMEOUT (the charge station did not answer), CANCELLED (stopped before charging) or ERROR; the object says why in error and errorMessage',
	},
	{
		name: 'Session Other Status',
		value: 'session.other_status',
		action: 'On session other status',
		description:
			'A status this trigger does not know (GreenFlux may add statuses); the item carries it in status',
	},
	{
		name: 'Session Parking',
		value: 'session.parking',
		action: 'On session parking',
		description:
			'Status PARKING: the car is still plugged in but takes no substantial power (e.g. battery full)',
	},
	{
		name: 'Session Requested',
		value: 'session.requested',
		action: 'On session requested',
		description: 'Status REQUESTED: a start was asked for and sent to the charge station',
	},
	{
		name: 'Session Started',
		value: 'session.started',
		action: 'On session started',
		description: 'Status STARTING: the charge station accepted the start',
	},
	{
		name: 'Session Stopping',
		value: 'session.stopping',
		action: 'On session stopping',
		description:
			'Status STOPPING: a stop was requested or the car was unplugged; short-lived, Session Completed follows',
	},
];
