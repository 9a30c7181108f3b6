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
import { properties, webhooks } from './description';
import { EVENT_OPTIONS } from './events';
import { CA_PUSH_CREDENTIAL, CHARGE_ASSIST_PUSH } from './spec';

export class GreenFluxChargeAssistTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Charge Assist Trigger',
		name: 'greenFluxChargeAssistTrigger',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitleOf(EVENT_OPTIONS, 'events'),
		description:
			'Starts the workflow when GreenFlux pushes a Charge Assist session status (requested, started, charging, stopped, completed, costs available, failed)',
		defaults: { name: 'GreenFlux Charge Assist Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPushApi', required: true, testedBy: 'greenFluxPushTokenTest' }],
		webhooks,
		properties,
	};

	methods = pushTriggerMethods;

	webhookMethods = pushWebhookMethods(CA_PUSH_CREDENTIAL);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePush.call(this, CHARGE_ASSIST_PUSH);
	}
}
