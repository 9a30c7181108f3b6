import type { IWebhookResponseData } from 'n8n-workflow';

/** The response a test harness records: what the node wrote, or what n8n answers for it. */
export interface RecordedResponse {
	status: number | undefined;
	headers: Record<string, string>;
	body: string | undefined;
	/** 'node' when the node wrote the answer itself, 'n8n' when n8n answers its webhookResponse. */
	answeredBy?: 'node' | 'n8n';
}

/**
 * What n8n 2.41 does with a push trigger's webhook() result (packages/cli webhook-helpers.ts, response
 * mode onReceived, responseData '', no responseCode): with `noWebhookResponse` it sends nothing (the
 * node wrote the answer); otherwise it answers HTTP 200 with `webhookResponse` as JSON — at once without
 * workflowData, after registering the execution with it.
 */
export function answerLikeN8n(
	result: IWebhookResponseData,
	response: RecordedResponse,
	nodeWrote: boolean,
): void {
	if (result.noWebhookResponse === true) {
		response.answeredBy = nodeWrote ? 'node' : undefined;
		return;
	}
	if (nodeWrote) throw new Error('the node wrote an answer and n8n would answer again');
	response.status = 200;
	response.headers = { 'Content-Type': 'application/json; charset=utf-8' };
	response.body = JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' });
	response.answeredBy = 'n8n';
}
