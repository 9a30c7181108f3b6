import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { EVENT_OPTIONS, NOTIFICATION_LEVELS, PUSH_EVENTS } from './events';

// The node writes every answer itself and returns noWebhookResponse (see shared/push/receive.ts);
// onReceived with responseData '' only matters if a future n8n ignored that flag: it would then send
// our envelope.
const common = { name: 'default', responseMode: 'onReceived', responseData: '' } as const;

/**
 * n8n keys path-parameter webhooks by their template (`webhook_entity` primary key = path + method;
 * with isFullPath the template is stored without the webhookId), so two workflows whose triggers
 * register the same template `sessions/:countryCode/:partyId/:sessionId` collide (n8n-io/n8n#21708,
 * #26333). The last parameter's NAME therefore carries the node's webhookId: the template becomes
 * unique per trigger node while the URL GreenFlux calls keeps its shape
 * (`/webhook/<webhookId>/sessions/NL/GFX/<id>`); request matching uses the webhookId, the segment
 * count and the static segments, never parameter names. Verified on n8n 2.41.1: with plain templates
 * the second of two published workflows lost its session/location webhooks ("URL path … already
 * taken", requests 404); with `$webhookId` in the name both received their pushes.
 */
const unique = (template: string) => `=${template}_{{ $webhookId }}`;

function paramPath(method: string, template: string): IWebhookDescription {
	return {
		...common,
		httpMethod: method,
		path: unique(template),
		isFullPath: true,
		ndvHideUrl: true,
	};
}

export const webhooks: IWebhookDescription[] = [
	// The four base URLs to give GreenFlux, shown in the editor's "Webhook URLs" panel (test and
	// production) as <n8n>/webhook[-test]/<webhookId>/<module>.
	{ ...common, httpMethod: 'POST', path: 'cdrs', ndvHideMethod: true },
	{ ...common, httpMethod: 'PUT', path: 'sessions', ndvHideMethod: true },
	{ ...common, httpMethod: 'PUT', path: 'locations', ndvHideMethod: true },
	{ ...common, httpMethod: 'PUT', path: 'notifications', ndvHideMethod: true },
	// What GreenFlux appends to them (hidden in the panel: they are not URLs to hand out).
	paramPath('PUT,PATCH', 'sessions/:countryCode/:partyId/:sessionId'),
	paramPath('PUT,PATCH', 'locations/:countryCode/:partyId/:locationId'),
	paramPath('PUT,PATCH', 'locations/:countryCode/:partyId/:locationId/:evseUid'),
	paramPath('PUT,PATCH', 'locations/:countryCode/:partyId/:locationId/:evseUid/:connectorId'),
	paramPath('PUT', 'notifications/:segment1'),
	paramPath('PUT', 'notifications/:segment1/:segment2'),
	paramPath('PUT', 'notifications/:segment1/:segment2/:segment3'),
];

export const properties: INodeProperties[] = [
	{
		displayName:
			'GreenFlux sets up pushes by hand. Send GreenFlux the four Production URLs listed under "Webhook URLs" above — one per module: CDRs (…/cdrs), Sessions (…/sessions), Locations (…/locations) and Charge Station Notifications (…/notifications) — together with the token of this node\'s GreenFlux Push API credential, which GreenFlux must send as "Authorization: Token …". GreenFlux appends /{country_code}/{party_id}/{object ID} to the sessions and locations URLs itself. Production URLs work once the workflow is published; Test URLs only while "Listen for test event" is on.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		// Every event by default.
		default: [...PUSH_EVENTS],
		required: true,
		description:
			'The pushes that start the workflow. Pushes of other events are still acknowledged (HTTP 200/201) so GreenFlux sees no error, but start nothing.',
	},
	{
		displayName: 'Notification Filters',
		name: 'notificationFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { events: ['notification.received'] } },
		options: [
			{
				displayName: 'Levels',
				name: 'levels',
				type: 'multiOptions',
				options: NOTIFICATION_LEVELS.map((level) => ({ name: level, value: level })),
				default: [],
				description:
					'Only notifications with one of these levels. None selected: every level. (GreenFlux\'s own push setting "Info" sends all levels, "Warning" only warnings and errors.)',
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
];
