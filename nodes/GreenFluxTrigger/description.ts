import type { INodeProperties, IWebhookDescription, TriggerPanelDefinition } from 'n8n-workflow';

import { EVENT_OPTIONS, NOTIFICATION_LEVELS, PUSH_EVENTS } from './events';

// n8n answers accepted pushes with the node's webhookResponse (the OCPI envelope: responseData '' makes
// n8n send it), HTTP 200, once the execution is registered; refusals are written by the node itself
// (see shared/push/receive.ts).
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

/**
 * What the editor's trigger panel (left of the parameters) says instead of n8n's generic texts for
 * webhook triggers ("Pull in events from GreenFlux", "go to GreenFlux and make an event happen"):
 * GreenFlux sends pushes only to URLs its Operations team was given, so a test push is sent by hand.
 * While the node listens, n8n 2.41 shows its own fixed "Listening for test event / Go to GreenFlux and
 * create an event" (not configurable per node); the header and help below say what to do instead.
 * executionsHelp and activationHint are HTML; `data-key="executions"` opens the executions list.
 */
export const triggerPanel: TriggerPanelDefinition = {
	header: 'Receive pushes from GreenFlux',
	executionsHelp: {
		inactive:
			'<b>To test:</b> click <i>Execute step</i>; n8n then waits for one push on the Test URLs (<code>…/webhook-test/…</code>). GreenFlux only pushes to the URLs it was given, so send a test push yourself, e.g. with the push emitter of this package\'s sandbox (see the README): <code>npx tsx test/sandbox/push/cli.ts --webhook-base &lt;Test URL without /cdrs&gt; --token &lt;push token&gt; --sessions 0 --locations 0 --notifications 1</code>, or any HTTP client with the header <code>Authorization: Token &lt;push token&gt;</code>.<br /><br /><b>To go live:</b> publish the workflow, then send GreenFlux the four Production URLs (<code>…/webhook/…/cdrs</code>, <code>/sessions</code>, <code>/locations</code>, <code>/notifications</code>) and the push token of the credential. Each push then starts an execution, listed under <a data-key="executions">Executions</a>.',
		active:
			'<b>Published:</b> every push GreenFlux sends to the four Production URLs (<code>…/webhook/…</code>) starts an execution, listed under <a data-key="executions">Executions</a> (not shown here). Pushes with a wrong token or URL are refused and logged in the n8n log.<br /><br /><b>To test:</b> click <i>Execute step</i> and send one push to a Test URL (<code>…/webhook-test/…</code>), e.g. <code>npx tsx test/sandbox/push/cli.ts --webhook-base &lt;Test URL without /cdrs&gt; --token &lt;push token&gt; --sessions 0 --locations 0 --notifications 1</code> (see the README).',
	},
	activationHint: {
		inactive:
			'GreenFlux pushes reach the Production URLs only once the workflow is published; the Test URLs receive one push after you click Execute step.',
		active:
			'This workflow is published: GreenFlux pushes to the Production URLs start executions (they are not shown here).',
	},
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'GreenFlux sets up pushes by hand: send GreenFlux the four Production URLs from "Webhook URLs" at the top of this panel and the push token of this node\'s credential. Production URLs work once the workflow is published.',
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
			'The pushes that start the workflow. Pushes of other events are still acknowledged (HTTP 200) so GreenFlux sees no error, but start nothing.',
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
