import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from './errors';
import type { OperationContext } from './operations';

/**
 * The timeout and poll interval of an operation that waits for an outcome (remote-command results,
 * Charge Assist session statuses): checked before any request when `toggle` is on.
 */
export function checkWaitTimes(
	this: IExecuteFunctions,
	context: OperationContext,
	options: { toggle: string; maxSeconds: number; timeoutFix?: string },
): void {
	const { values } = context;
	if (values[options.toggle] !== true) return;
	const timeout = values.waitTimeout as number;
	if (!(timeout > 0 && timeout <= options.maxSeconds)) {
		throw invalidInput.call(
			this,
			context,
			`Timeout (Seconds): must be more than 0 and at most ${options.maxSeconds} (got ${timeout})`,
			options.timeoutFix,
		);
	}
	const interval = values.pollInterval as number;
	if (!(interval > 0)) {
		throw invalidInput.call(
			this,
			context,
			`Poll Interval (Seconds): must be more than 0 (got ${interval})`,
		);
	}
}
