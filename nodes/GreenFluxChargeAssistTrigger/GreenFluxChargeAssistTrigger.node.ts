import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { checkPushToken, pushTokenTestResult } from '../shared/push/credential';
import { receivePush } from '../shared/push/receive';
import { properties, webhooks } from './description';
import { CA_PUSH_EVENTS } from './events';
import { CA_PUSH_CREDENTIAL, CHARGE_ASSIST_PUSH } from './spec';

export class GreenFluxChargeAssistTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Charge Assist Trigger',
		name: 'greenFluxChargeAssistTrigger',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ($parameter["events"] || []).length === ${CA_PUSH_EVENTS.length} ? "All events" : ($parameter["events"] || []).join(", ") }}`,
		description:
			'Starts the workflow when GreenFlux pushes a Charge Assist session status (requested, started, charging, stopped, completed, costs available, failed)',
		defaults: { name: 'GreenFlux Charge Assist Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPushApi', required: true, testedBy: 'greenFluxPushTokenTest' }],
		webhooks,
		properties,
	};

	methods = {
		credentialTest: {
			/** Checks the push token's format; nothing can be asked of GreenFlux (it calls us, not the reverse). */
			async greenFluxPushTokenTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return pushTokenTestResult(credential.data?.token);
			},
		},
	};

	// GreenFlux configures Charge Assist pushes by hand from the URL the node shows: nothing remote to
	// check, create or delete. Publishing (or listening for a test event) only verifies that the
	// credential holds a usable token, so a misconfigured trigger fails loudly instead of refusing every
	// push with 401.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkPushToken.call(this, CA_PUSH_CREDENTIAL);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receivePush.call(this, CHARGE_ASSIST_PUSH);
	}
}
