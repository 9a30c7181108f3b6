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
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pushTokenProblem } from './auth';
import { PUSH_EVENTS } from './events';
import { properties, webhooks } from './description';
import { handlePush, PUSH_CREDENTIAL } from './handler';

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
				const problem = pushTokenProblem(credential.data?.token);
				if (problem) return { status: 'Error', message: problem };
				return {
					status: 'OK',
					message:
						'Token format OK. GreenFlux must send it as "Authorization: Token <token>"; this test cannot reach GreenFlux.',
				};
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
				const credentials = await this.getCredentials<{ token?: unknown }>(PUSH_CREDENTIAL);
				const problem = pushTokenProblem(credentials.token);
				if (problem) {
					throw new NodeOperationError(
						this.getNode(),
						`GreenFlux Push API credential: ${problem}`,
						{
							description: 'Fix the token in the credential, then publish the workflow again.',
						},
					);
				}
				return true;
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
		return await handlePush.call(this);
	}
}
