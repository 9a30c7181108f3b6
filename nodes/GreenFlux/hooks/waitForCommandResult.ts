import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { asSingle, OCPI_SUCCESS } from '../../shared/envelope';
import type { OperationContext, OperationHook } from '../../shared/operations';

/** GreenFlux's command-result endpoint (Remote Commands › Get Command Notification). */
export const COMMAND_RESULT_PATH =
	'/api/1.0/remotecommands/{evse_uid}/{charge_station_notification_id}';

/** Results that mean the command did what it was asked to do. */
const SUCCESSFUL_RESULTS = ['ACCEPTED', 'CANCELED_RESERVATION'];

export const commandResultPath = (evseUid: string, notificationId: string) =>
	COMMAND_RESULT_PATH.replace('{evse_uid}', encodeURIComponent(evseUid)).replace(
		'{charge_station_notification_id}',
		encodeURIComponent(notificationId),
	);

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/** The EVSE whose command results GreenFlux is asked for: the command's own, else "EVSE UID for Result". */
export function resultEvseUidOf(context: OperationContext): string | undefined {
	const body = (context.request.body ?? {}) as IDataObject;
	return text(body.evse_uid) ?? text(context.values.resultEvseUid);
}

interface Outcome {
	command: string;
	result: string;
	message: string;
	notificationId?: string;
	evseUid?: string;
}

type RejectionKind = 'answer' | 'final' | 'timeout';

/** The error "Fail on Rejection" raises: what GreenFlux or the station said, and what to do next. */
function rejection(
	node: INode,
	itemIndex: number,
	outcome: Outcome,
	kind: RejectionKind,
	timeoutSeconds?: number,
): NodeApiError {
	const { command, result, message, notificationId, evseUid } = outcome;
	const said = message ? `: ${message}` : '';
	const off =
		'Turn off "Fail on Rejection" to get this outcome as an output item instead of an error.';
	const messages: Record<RejectionKind, string> = {
		answer: `GreenFlux did not accept ${command} (${result})${said}`,
		final: `The charge station answered ${result} to ${command}${said}`,
		timeout: `${command} was still PENDING after ${timeoutSeconds} seconds`,
	};
	const descriptions: Record<RejectionKind, string> = {
		answer: `GreenFlux checks commands before sending them to the charge station: check the IDs and values of this command. ${off}`,
		final: `GreenFlux sent the command, but the charge station did not carry it out. ${off}`,
		timeout: `The charge station has not answered yet. Raise "Timeout (Seconds)", or fetch the result later with Remote Command › Get Result (EVSE UID ${evseUid}, notification ID ${notificationId}). ${off}`,
	};
	return new NodeApiError(
		node,
		{ command, result, message, charge_station_notification_id: notificationId ?? null },
		{ message: messages[kind], description: descriptions[kind], httpCode: '200', itemIndex },
	);
}

/**
 * Sends a remote command and, with "Wait for Result", polls GreenFlux's Get Result endpoint until the
 * charge station's answer is no longer PENDING or the timeout passes. Shared by every remote command.
 */
export const waitForCommandResult: OperationHook = async function (context) {
	const { definition, request, values } = context;
	const node = this.getNode();
	const fail = (outcome: Outcome, kind: RejectionKind, timeoutSeconds?: number) =>
		rejection(node, context.itemIndex, outcome, kind, timeoutSeconds);
	const command = request.path.split('/').pop() ?? definition.operation;
	const failOnRejection = values.failOnRejection === true;

	const response = await context.send(request);
	const answer = asSingle(response.data) ?? {};
	const statusCode = response.ocpiStatus?.code ?? OCPI_SUCCESS;
	const statusMessage = response.ocpiStatus?.message ?? '';
	const immediate = text(answer.result) ?? (statusCode === OCPI_SUCCESS ? 'ACCEPTED' : 'REJECTED');
	const notificationId = text(answer.charge_station_notification_id);
	const evseUid = resultEvseUidOf(context);

	const output: IDataObject = {
		command,
		result: immediate,
		accepted: immediate === 'ACCEPTED',
		message: statusMessage,
		chargeStationNotificationId: notificationId ?? null,
		statusCode,
		response: answer,
	};
	const outcome: Outcome = {
		command,
		result: immediate,
		message: statusMessage,
		notificationId,
		evseUid,
	};
	if (immediate !== 'ACCEPTED' && failOnRejection) throw fail(outcome, 'answer');
	if (values.waitForResult !== true) return [{ json: output }];

	Object.assign(output, {
		evseUid: evseUid ?? null,
		final: null,
		timedOut: false,
		waitedSeconds: 0,
		polls: 0,
	});
	if (immediate !== 'ACCEPTED') return [{ json: output }];
	if (!notificationId || !evseUid) {
		output.message = `${statusMessage ? `${statusMessage}. ` : ''}GreenFlux accepted the command but sent no charge_station_notification_id, so its result cannot be followed.`;
		return [{ json: output }];
	}

	const timeoutSeconds = values.waitTimeout as number;
	const started = Date.now();
	const deadline = started + timeoutSeconds * 1000;
	const intervalMs = (values.pollInterval as number) * 1000;
	let final: IDataObject = {};
	let polls = 0;
	do {
		await sleep(Math.max(0, Math.min(intervalMs, deadline - Date.now())));
		try {
			const result = await context.send({
				method: 'GET',
				path: commandResultPath(evseUid, notificationId),
				qs: {},
				headers: {},
				body: undefined,
				acceptOcpiErrors: false,
			});
			final = asSingle(result.data) ?? {};
		} catch (error) {
			const apiError = error as NodeApiError;
			if (apiError.httpCode === '404') {
				apiError.description = `GreenFlux knows no result of command ${notificationId} for EVSE ${evseUid}. The EVSE UID must be an EVSE of the charge station the command went to${values.resultEvseUid ? ' (check "EVSE UID for Result")' : ''}.`;
			}
			throw new NodeApiError(node, apiError as unknown as JsonObject);
		}
		polls++;
	} while (text(final.result) === 'PENDING' && Date.now() < deadline);

	const result = text(final.result) ?? 'PENDING';
	const timedOut = result === 'PENDING';
	Object.assign(output, {
		result,
		accepted: SUCCESSFUL_RESULTS.includes(result),
		message: text(final.message) ?? (timedOut ? 'The charge station has not answered yet' : ''),
		final,
		timedOut,
		waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		polls,
	});
	const finalOutcome: Outcome = { ...outcome, result, message: output.message as string };
	if (failOnRejection && timedOut) throw fail(finalOutcome, 'timeout', timeoutSeconds);
	if (failOnRejection && !SUCCESSFUL_RESULTS.includes(result)) throw fail(finalOutcome, 'final');
	return [{ json: output }];
};
