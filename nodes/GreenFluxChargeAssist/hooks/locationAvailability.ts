import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asList } from '../../shared/envelope';
import { invalidInput } from '../../shared/errors';
import type { OperationContext, OperationHook } from '../../shared/operations';

/** GreenFlux answers the availability of 1 to 20 locations per request. */
export const AVAILABILITY_BATCH_SIZE = 20;

const FIX =
	'Give one or more Charge Assist location IDs (as Get Many, Search or Get Nearby return them), separated by commas.';

function idList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((id) => String(id).trim()).filter((id) => id !== '');
}

/** The location IDs of this run: the item's, or every input item's with Combine Input Items; each once. */
function locationIdsOf(this: IExecuteFunctions, context: OperationContext): string[] {
	const indices = context.itemIndices ?? [context.itemIndex];
	const ids = indices.flatMap((index) =>
		index === context.itemIndex
			? idList(context.values.locationIds)
			: idList(this.getNodeParameter('locationIds', index, '')),
	);
	const unique = [...new Set(ids)];
	if (unique.length === 0) {
		throw invalidInput.call(
			this,
			context,
			indices.length > 1
				? 'Location IDs: no input item holds a location ID'
				: 'Location IDs: give at least one location ID',
			FIX,
		);
	}
	return unique;
}

/**
 * Location › Get Availability for any number of locations: the IDs (each once, in the order given) are
 * sent in requests of 20 and the answers merged, one item per location GreenFlux knows.
 */
export const availabilityInBatches: OperationHook = async function (context) {
	const ids = locationIdsOf.call(this, context);
	const locations: IDataObject[] = [];
	for (let start = 0; start < ids.length; start += AVAILABILITY_BATCH_SIZE) {
		const locationIds = ids.slice(start, start + AVAILABILITY_BATCH_SIZE);
		const response = await context.send({ ...context.request, body: { locationIds } });
		locations.push(...asList(response.data));
	}
	return locations.map((json) => ({ json }));
};
