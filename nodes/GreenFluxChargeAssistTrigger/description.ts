import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { CA_PUSH_EVENTS, CA_PUSH_MODULE, EVENT_OPTIONS } from './events';

// n8n answers accepted pushes with the node's webhookResponse (the OCPI envelope), HTTP 200, once the
// execution is registered; refusals are written by the node itself (see shared/push/receive.ts).
const common = { name: 'default', responseMode: 'onReceived', responseData: '' } as const;

/**
 * One URL, `<n8n>/webhook[-test]/<webhookId>/sessions`, for POST and PUT (GreenFlux does not say which
 * it uses). The PUT entry is hidden in the editor's "Webhook URLs" panel: it is the same URL.
 */
export const webhooks: IWebhookDescription[] = [
	{ ...common, httpMethod: 'POST', path: CA_PUSH_MODULE, ndvHideMethod: true },
	{ ...common, httpMethod: 'PUT', path: CA_PUSH_MODULE, ndvHideUrl: true },
];

export const properties: INodeProperties[] = [
	{
		displayName:
			'GreenFlux sets up Charge Assist session pushes by hand: give GreenFlux the Production URL above and the token of this node\'s GreenFlux Push API credential, which GreenFlux must send as "Authorization: Token …". GreenFlux publishes no format for these pushes: this trigger assumes one session status object per push (as GET /session/status returns it), sent by POST or PUT, bare or wrapped in "data". Production URLs work once the workflow is published.',
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
		default: [...CA_PUSH_EVENTS],
		required: true,
		description:
			'The session statuses that start the workflow. Pushes of other statuses are still acknowledged (HTTP 200) so GreenFlux sees no error, but start nothing.',
	},
];
