import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationContext } from './operations';

/** Bad input found before any request: what is wrong, how to fix it, and that GreenFlux was not called. */
export function inputError(
	node: INode,
	message: string,
	fix: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(node, message, {
		itemIndex,
		description: `${fix ? `${fix} ` : ''}No request was sent to GreenFlux.`,
	});
}

/** `inputError` for the item an operation runs for (validators and hooks). */
export function invalidInput(
	this: IExecuteFunctions,
	context: Pick<OperationContext, 'itemIndex'>,
	message: string,
	fix = '',
): NodeOperationError {
	return inputError(this.getNode(), message, fix, context.itemIndex);
}
