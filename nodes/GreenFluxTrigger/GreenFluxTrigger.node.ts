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
import { PUSH_EVENTS } from './events';
import { properties, webhooks } from './description';
import { PLATFORM_PUSH, PUSH_CREDENTIAL } from './spec';

export class GreenFluxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Trigger',
		name: 'greenFluxTrigger',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ($parameter["events"] || []).length === ${PUSH_EVENTS.length} ? "All events" : ($parameter["events"] || []).join(", ") }}`,
		description:
			'Starts the workflow when GreenFlux pushes a CDR, session, location or charge station notification',
		defaults: { name: 'GreenFlux Trigger' },
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

	// GreenFlux has no API to register push targets: GreenFlux sets them up by hand from the URLs the
	// node shows (like n8n's TheHive trigger). There is nothing remote to check, create or delete; the
	// only thing to verify when the workflow is published or listens for a test event is that the
	// credential holds a usable token, so a misconfigured trigger fails loudly instead of refusing
	// every push with 401.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkPushToken.call(this, PUSH_CREDENTIAL);
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
		return await receivePush.call(this, PLATFORM_PUSH);
	}
}
