import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pushTokenProblem, type PushCredential } from './auth';

/**
 * A push trigger's credential test: checks the token's format only; nothing can be asked of
 * GreenFlux (it calls us, not the reverse).
 */
export function pushTokenTestResult(token: unknown): INodeCredentialTestResult {
	const problem = pushTokenProblem(token);
	if (problem) return { status: 'Error', message: problem };
	return {
		status: 'OK',
		message:
			'Token format OK. GreenFlux must send it as "Authorization: Token <token>"; this test cannot reach GreenFlux.',
	};
}

/**
 * A push trigger's `checkExists`: GreenFlux sets push targets up by hand, so there is nothing remote
 * to check; the credential must hold a usable token, so a misconfigured trigger fails loudly when the
 * workflow is published instead of refusing every push with 401.
 */
export async function checkPushToken(
	this: IHookFunctions,
	credential: PushCredential,
): Promise<boolean> {
	const credentials = await this.getCredentials<{ token?: unknown }>(credential.type);
	const problem = pushTokenProblem(credentials.token);
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			`${credential.displayName} credential: ${problem}`,
			{
				description: 'Fix the token in the credential, then publish the workflow again.',
			},
		);
	}
	return true;
}

/** A push trigger's `methods`: the credential test its credential entry names (`testedBy`). */
export const pushTriggerMethods = {
	credentialTest: {
		async greenFluxPushTokenTest(
			this: ICredentialTestFunctions,
			credential: ICredentialsDecrypted,
		): Promise<INodeCredentialTestResult> {
			return pushTokenTestResult(credential.data?.token);
		},
	},
};

/**
 * A push trigger's `webhookMethods`: GreenFlux configures pushes by hand from the URLs the node shows,
 * so there is nothing remote to create or delete; publishing (or listening for a test event) only checks
 * that the credential holds a usable token.
 */
export function pushWebhookMethods(credential: PushCredential) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkPushToken.call(this, credential);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
