import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { asSingle } from '../../shared/envelope';
import type { OperationContext, OperationHook } from '../../shared/operations';

/** The longest wait the node offers (GreenFlux sessions start or stop in seconds to minutes). */
export const MAX_WAIT_SECONDS = 3600;

/** Before charging: poll every Poll Interval (GreenFlux: every 3–5 s until CHARGING). */
const NOT_STARTED = ['REQUESTED', 'STARTING'];
/** A session that charged (or charges): the start succeeded. */
const STARTED = ['CHARGING', 'PARKING', 'STOPPING', 'COMPLETED', 'CDR_AVAILABLE'];
/** A session that ended without charging or in an error. */
const FAILED = ['REJECTED', 'TIMEOUT', 'CANCELLED', 'ERROR'];

/** What the wait is for: when to stop polling and whether the outcome is the one asked for. */
interface WaitGoal {
	/** The status the wait ends at, for messages. */
	target: string;
	done(status: string): boolean;
	succeeded(status: string): boolean;
}

const START_GOAL: WaitGoal = {
	target: 'CHARGING',
	done: (status) => STARTED.includes(status) || FAILED.includes(status),
	succeeded: (status) => STARTED.includes(status),
};

/** Stop: until COMPLETED (or beyond), or until CDR_AVAILABLE (costs known). CANCELLED = stopped before it charged. */
function stopGoal(target: string): WaitGoal {
	const reached = target === 'COMPLETED' ? ['COMPLETED', 'CDR_AVAILABLE'] : ['CDR_AVAILABLE'];
	return {
		target,
		done: (status) => reached.includes(status) || FAILED.includes(status),
		succeeded: (status) => reached.includes(status) || status === 'CANCELLED',
	};
}

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || value === '' ? undefined : String(value);

/** GreenFlux's `nextStatusCall` as a delay: a date-time (documented), or a number of seconds. */
export function suggestedDelayMs(nextStatusCall: unknown, now = Date.now()): number | undefined {
	if (typeof nextStatusCall === 'number' && Number.isFinite(nextStatusCall))
		return nextStatusCall * 1000;
	const value = text(nextStatusCall)?.trim();
	if (value === undefined) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : at - now;
}

/** Poll Interval before charging; afterwards GreenFlux's `nextStatusCall`, never sooner than Poll Interval. */
function nextDelayMs(status: string, nextStatusCall: unknown, intervalMs: number): number {
	if (NOT_STARTED.includes(status)) return intervalMs;
	return Math.max(intervalMs, suggestedDelayMs(nextStatusCall) ?? intervalMs);
}

const ERROR_HINTS: Record<string, string> = {
	INVALID_TOKEN:
		'The charge station did not accept the payment method (e.g. a blocked charge card): start again with another payment method from Payment Method › Get Wallet.',
	EVSE_NOT_AVAILABLE:
		'The EVSE is occupied, reserved or out of order: choose another EVSE, or check its status with the Location operations.',
	COMMAND_TIMED_OUT:
		'The charge station did not answer the command (it may be offline): try again later or choose another charge station.',
	SOFT_TIME_OUT:
		'The charge station answered too late: check the session with Session › Get Status before starting again.',
};

const OFF =
	'Turn off "Fail on Rejection" to get this outcome as an output item (succeeded false) instead of an error.';

/** The error "Fail on Rejection" raises for a session that did not reach its goal. */
function rejection(
	node: INode,
	context: OperationContext,
	start: boolean,
	outcome: IDataObject,
	timeoutSeconds: number,
	goal: WaitGoal,
): NodeApiError {
	const sessionId = text(outcome.sessionId) ?? text(outcome.chargeSessionId) ?? '';
	const status = text(outcome.status) ?? 'REQUESTED';
	const code = text(outcome.error);
	const said = text(outcome.errorMessage);
	const timedOut = !goal.done(status);
	const action = start ? 'start' : 'stop';
	const message = timedOut
		? `The session was still ${status} after ${timeoutSeconds} seconds (waiting for ${goal.target})`
		: `The charging session did not ${action}: ${status}${said ? `: ${said}` : ''}${code ? ` (code ${code})` : ''}`;
	const follow = `Session › Get Status (charge session ID ${sessionId})`;
	const description = timedOut
		? `GreenFlux accepted the ${action} request, but the session has not reached ${goal.target} yet. Raise "Timeout (Seconds)", or follow the session later with ${follow}. ${OFF}`
		: `GreenFlux accepted the ${action} request, but the session ended ${status}. ${(code && ERROR_HINTS[code]) ?? `Details: ${follow}.`} ${OFF}`;
	return new NodeApiError(
		node,
		{
			message,
			chargeSessionId: sessionId,
			sessionStatus: status,
			error: code ?? null,
			errorMessage: said ?? null,
		},
		{ message, description, httpCode: '200', itemIndex: context.itemIndex },
	);
}

const START_FORBIDDEN =
	'GreenFlux does not let this app token start sessions. "Invalid token used" means the app token is not (or no longer) allowed to pay for charging, e.g. it is blocked, or it was registered without payment rights: register it as a payment token with App Token › Register on API version 2.1, then start with one of its payment methods (Payment Method › Get Wallet). If it still fails, ask GreenFlux to check the app token.';

/**
 * Session › Start and Session › Stop: sends the request and, with "Wait for Status", polls GET
 * /session/status (the route of the chosen API version) every Poll Interval until the session charges,
 * then as GreenFlux's `nextStatusCall` suggests, until the goal (start: CHARGING or REJECTED / TIMEOUT /
 * CANCELLED / ERROR; stop: COMPLETED or CDR_AVAILABLE) or the timeout. The output is the final status
 * with the immediate answer; "Fail on Rejection" turns a session that missed its goal into an error.
 */
export const waitForSessionStatus: OperationHook = async function (context) {
	const { definition, request, values } = context;
	const node = this.getNode();
	const start = definition.operation === 'start';
	let answer: IDataObject;
	try {
		answer = asSingle((await context.send(request)).data) ?? {};
	} catch (error) {
		const apiError = error as NodeApiError;
		if (start && apiError.httpCode === '403') apiError.description = START_FORBIDDEN;
		throw new NodeApiError(node, apiError as unknown as JsonObject);
	}
	if (values.waitForStatus !== true) return [{ json: answer }];

	const goal = start ? START_GOAL : stopGoal(String(values.waitUntil ?? 'CDR_AVAILABLE'));
	const chargeSessionId =
		text(answer.chargeSessionId) ?? text(answer.sessionId) ?? text(values.chargeSessionId) ?? '';
	const statusPath = request.path.toLowerCase().startsWith('/v2.1/')
		? '/v2.1/session/status'
		: '/session/status';
	const timeoutSeconds = values.waitTimeout as number;
	const intervalMs = (values.pollInterval as number) * 1000;
	const started = Date.now();
	const deadline = started + timeoutSeconds * 1000;

	// A start answer has no status yet; a stop answer is already a status.
	let current: IDataObject = start ? {} : answer;
	let status = text(current.status) ?? 'REQUESTED';
	let polls = 0;
	while (!goal.done(status) && Date.now() < deadline) {
		const wait = nextDelayMs(status, current.nextStatusCall ?? answer.nextStatusCall, intervalMs);
		await sleep(Math.max(0, Math.min(wait, deadline - Date.now())));
		const response = await context.send({
			method: 'GET',
			path: statusPath,
			qs: { appToken: values.appToken as string, chargeSessionId },
			headers: {},
			body: undefined,
		});
		current = asSingle(response.data) ?? {};
		polls++;
		status = text(current.status) ?? status;
	}

	const outcome: IDataObject = {
		...answer,
		...current,
		status,
		succeeded: goal.succeeded(status),
		timedOut: !goal.done(status),
		waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		polls,
		immediateAnswer: answer,
	};
	if (values.failOnRejection === true && !goal.succeeded(status)) {
		throw rejection(node, context, start, outcome, timeoutSeconds, goal);
	}
	return [{ json: outcome }];
};
