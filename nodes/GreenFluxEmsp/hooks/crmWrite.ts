import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { formatQueryDate } from '../../shared/dateWindows';
import { readObjectAtPath } from '../../shared/hooks/etag';
import type { OperationContext, OperationHook, ParameterValues } from '../../shared/operations';

/**
 * CRM writes: GreenFlux only offers a PUT that upserts the whole customer, driver or token, and requires
 * `modified_on_utc` and `modified_by` in it.
 */

/** Who a CRM change is attributed to unless the user says otherwise. */
export const MODIFIED_BY = 'n8n';

/** Adds to the body what the operation's own parameters mean but no field sends (e.g. "never expires"). */
export type BodyPreparer = (values: ParameterValues, body: IDataObject) => void;

/** `modified_on_utc` (now) and `modified_by` ("n8n") unless the changes set them. */
function stamp(body: IDataObject, changes: IDataObject): void {
	if (changes.modified_on_utc === undefined) body.modified_on_utc = formatQueryDate(DateTime.utc());
	if (changes.modified_by === undefined) body.modified_by = MODIFIED_BY;
}

/** The request body with what the preparer adds, as a new object. */
export function changesOf(context: OperationContext, prepare?: BodyPreparer): IDataObject {
	const changes = { ...((context.request.body as IDataObject | undefined) ?? {}) };
	prepare?.(context.values, changes);
	return changes;
}

/** Create or Update: the fields as given, stamped with who changed the object and when. */
export function upsert(prepare?: BodyPreparer): OperationHook {
	return async function (context, run) {
		const body = changesOf(context, prepare);
		stamp(body, body);
		context.request.body = body;
		return (await run()).map((json) => ({ json }));
	};
}

async function readCurrent(
	this: IExecuteFunctions,
	context: OperationContext,
	label: string,
): Promise<IDataObject> {
	const id = decodeURIComponent(context.request.path.split('/').pop() ?? '');
	try {
		return (await readObjectAtPath(context)) ?? {};
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			const message = `GreenFlux has no ${label} ${id} to update (HTTP 404)`;
			throw new NodeApiError(
				this.getNode(),
				{ message, greenFluxMessage: error.message } as JsonObject,
				{
					message,
					description: `Update changes an existing ${label}: the node reads it first, and GreenFlux does not know this ID for this eMSP. Check the eMSP ID and the ${label} ID, or use Create or Update to add the ${label}. Nothing was changed.`,
					httpCode: '404',
					itemIndex: context.itemIndex,
				},
			);
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * Update: reads the object (GET of the same path), sets only the fields given, and PUTs it back whole,
 * so that one field (e.g. `valid` false to block a token) can change without sending the whole object.
 * `keys` are the fields GreenFlux accepts in the PUT; other fields of the answer are not sent back.
 */
export function updateCurrent(options: {
	label: string;
	keys: string[];
	prepare?: BodyPreparer;
}): OperationHook {
	return async function (context, run) {
		const changes = changesOf(context, options.prepare);
		const current = await readCurrent.call(this, context, options.label);
		const body: IDataObject = {};
		for (const key of options.keys) if (current[key] !== undefined) body[key] = current[key];
		Object.assign(body, changes);
		stamp(body, changes);
		context.request.body = body;
		return (await run()).map((json) => ({ json }));
	};
}
