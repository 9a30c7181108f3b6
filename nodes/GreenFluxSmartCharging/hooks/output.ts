import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isObject } from '../../shared/envelope';
import type { OperationHook, ParameterValues } from '../../shared/operations';

/** The IDs an operation was given, under GreenFlux's field names. */
export function idsOf(values: ParameterValues): IDataObject {
	const ids: IDataObject = {};
	if (values.capacityGroupId !== undefined)
		ids.capacity_group_id = values.capacityGroupId as string;
	if (values.evseUid !== undefined) ids.evse_uid = values.evseUid as string;
	return ids;
}

/**
 * Create: GreenFlux answers the new ID as a bare string (JSON-quoted or not); the output is `{ id }`.
 * The definition asks for the answer as text, as a bare JSON string is not an object.
 */
export const createdIdItem: OperationHook = async function (context) {
	const response = await context.send(context.request);
	const text = (
		typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '')
	).trim();
	let id: unknown = text;
	try {
		id = JSON.parse(text);
	} catch {
		// A plain, unquoted ID.
	}
	if (typeof id !== 'string' || id === '') {
		const message = `GreenFlux did not answer the new ID to ${context.request.method} ${context.request.path}`;
		throw new NodeApiError(
			this.getNode(),
			{ message, answer: text.slice(0, 200) },
			{ message, itemIndex: context.itemIndex },
		);
	}
	return [{ json: { id } }];
};

/** Delete: GreenFlux answers an empty 200; the output says what was deleted. */
export const deletedItem: OperationHook = async function (context, run) {
	await run();
	return [{ json: { deleted: true, ...idsOf(context.values) } }];
};

/** A PUT or POST GreenFlux answers with an empty 200: success, the IDs and the values sent. */
export const confirmedItem: OperationHook = async function (context, run) {
	await run();
	const sent = isObject(context.request.body) ? context.request.body : {};
	return [{ json: { success: true, ...idsOf(context.values), ...sent } }];
};

/** A bare list of strings: one item per string, under `key`. */
export function stringItems(key: string): OperationHook {
	return async function (context) {
		const response = await context.send(context.request);
		const list = Array.isArray(response.data) ? response.data : [];
		return list.map((value) => ({ json: { [key]: value as string } }));
	};
}
