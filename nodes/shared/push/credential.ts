import type { IHookFunctions, INodeCredentialTestResult } from 'n8n-workflow';
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
