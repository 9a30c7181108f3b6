import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pushTriggerMethods, pushWebhookMethods } from '../shared/push/credential';
import { receivePush } from '../shared/push/receive';
import { eventSubtitleOf } from '../shared/subtitle';
import { EVENT_OPTIONS } from './events';
import { properties, triggerPanel, webhooks } from './description';
import { PLATFORM_PUSH, PUSH_CREDENTIAL } from './spec';

export class GreenFluxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Trigger',
		name: 'greenFluxTrigger',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitleOf(EVENT_OPTIONS, 'events'),
		description:
			'Starts the workflow when GreenFlux pushes a CDR, session, location or charge station notification',
		defaults: { name: 'GreenFlux Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPushApi', required: true, testedBy: 'greenFluxPushTokenTest' }],
		webhooks,
		triggerPanel,
		properties,
	};

	methods = pushTriggerMethods;

	webhookMethods = pushWebhookMethods(PUSH_CREDENTIAL);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePush.call(this, PLATFORM_PUSH);
	}
}
