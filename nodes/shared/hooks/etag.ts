import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asSingle } from '../envelope';
import type { OperationContext, OperationHook } from '../operations';

/**
 * Optimistic concurrency of GreenFlux's charge-location management (charge stations, locations v2):
 * every object carries an `etag` that changes on each write; a PUT must send the current one, and a
 * stale etag is rejected with HTTP 200 + status_code 2000.
 */

function objectLabel(context: OperationContext): string {
	return context.definition.objectName ?? context.definition.resource;
}

function objectId(context: OperationContext): string {
	return decodeURIComponent(context.request.path.split('/').pop() ?? '');
}

function isEtagMismatch(error: unknown): error is NodeApiError {
	return (
		error instanceof NodeApiError &&
		/status_code 2\d{3}\b/.test(error.message) &&
		/etag/i.test(error.message)
	);
}

function etagMismatchError(
	this: IExecuteFunctions,
	context: OperationContext,
	error: NodeApiError,
	sentEtag: unknown,
	fetched: boolean,
): NodeApiError {
	const label = objectLabel(context);
	const id = objectId(context);
	const message = `The ${label} ${id} was changed in GreenFlux after its etag was read (etag mismatch)`;
	const source = fetched ? 'the etag this node had just read' : 'the etag given in "Etag"';
	const description =
		`GreenFlux only accepts a write with the object's current etag. It rejected ${source} (${String(sentEtag)}): ` +
		`someone or something changed this ${label} since that etag was read, so this write could overwrite their change. ` +
		`Leave "Etag" empty to let the node read the current etag just before writing, or get the ${label} again and use its etag. ` +
		`GreenFlux said: ${error.message}`;
	return new NodeApiError(
		this.getNode(),
		{ message, etag: String(sentEtag), greenFluxMessage: error.message } as JsonObject,
		{ message, description, httpCode: '200', itemIndex: context.itemIndex },
	);
}

async function runExplainingEtagMismatch(
	this: IExecuteFunctions,
	context: OperationContext,
	run: () => Promise<IDataObject[]>,
	fetched: boolean,
): Promise<INodeExecutionData[]> {
	const sentEtag = (context.request.body as IDataObject | undefined)?.etag;
	try {
		return (await run()).map((json) => ({ json }));
	} catch (error) {
		if (isEtagMismatch(error))
			throw etagMismatchError.call(this, context, error, sentEtag, fetched);
		if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/** The object at the operation's path as GreenFlux has it now (a GET of the same URL). */
export async function readObjectAtPath(
	context: OperationContext,
): Promise<IDataObject | undefined> {
	const request = { method: 'GET' as const, path: context.request.path, qs: {}, headers: {} };
	return asSingle((await context.send({ ...request, body: undefined })).data);
}

/** Reads the object at the operation's path (a GET of the same URL) and returns its current etag. */
async function currentEtag(this: IExecuteFunctions, context: OperationContext): Promise<string> {
	const label = objectLabel(context);
	const id = objectId(context);
	let data: IDataObject | undefined;
	try {
		data = await readObjectAtPath(context);
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw new NodeApiError(
				this.getNode(),
				{ message: `GreenFlux has no ${label} ${id} to replace` },
				{
					message: `GreenFlux has no ${label} ${id} to replace (HTTP 404)`,
					description: `Replace overwrites an existing ${label}, so the node first reads its current etag, and GreenFlux does not know this ID. Check the ID, or use Create to add a new ${label}.`,
					httpCode: '404',
					itemIndex: context.itemIndex,
				},
			);
		}
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const etag = data?.etag;
	if (typeof etag !== 'string' || etag === '') {
		throw new NodeOperationError(
			this.getNode(),
			`GreenFlux returned the ${label} ${id} without an etag`,
			{
				itemIndex: context.itemIndex,
				description: `The node reads the current etag before replacing a ${label}. Enter the etag in "Etag" yourself. No change was sent to GreenFlux.`,
			},
		);
	}
	return etag;
}

/**
 * Replace (PUT): sends the etag the user gave, or, when "Etag" is empty, the object's current etag read
 * with a GET just before the PUT. An etag mismatch is explained.
 */
export const replaceWithCurrentEtag: OperationHook = async function (context, run) {
	const body = (context.request.body ?? {}) as IDataObject;
	context.request.body = body;
	const fetched = body.etag === undefined || body.etag === '';
	if (fetched) body.etag = await currentEtag.call(this, context);
	return await runExplainingEtagMismatch.call(this, context, run, fetched);
};

/** Update (PATCH): the etag is optional; when one is sent and it is stale, the mismatch is explained. */
export const explainEtagMismatch: OperationHook = async function (context, run) {
	return await runExplainingEtagMismatch.call(this, context, run, false);
};
