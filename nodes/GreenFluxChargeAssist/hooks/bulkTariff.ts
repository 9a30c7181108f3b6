import type { IDataObject } from 'n8n-workflow';

import { asList, isObject } from '../../shared/envelope';
import { invalidInput } from '../../shared/errors';
import type { OperationHook, Validator } from '../../shared/operations';

const FIX =
	'Give each EVSE as a location ID and an EVSE UID, e.g. [{"locationId": "nl-gfx-…", "evseUid": "NL-GFX-E0001-1"}].';

/** Tariff › Get Bulk: the EVSEs (fields or JSON) become the body `{locationEvses: [{locationId, evseUid}]}`. */
export const bulkTariffBody: Validator = function (context) {
	const { values } = context;
	const fromJson = values.evseInput === 'json';
	const label = fromJson ? 'EVSEs (JSON)' : 'EVSEs';
	const raw = fromJson
		? values.locationEvsesJson
		: ((values.locationEvses as IDataObject | undefined)?.evse ?? []);
	if (!Array.isArray(raw)) throw invalidInput.call(this, context, `${label}: must be a list`, FIX);
	const locationEvses = raw.map((entry: unknown, index) => {
		const pair = isObject(entry) ? entry : {};
		const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
		const locationId = text(pair.locationId);
		const evseUid = text(pair.evseUid);
		if (!locationId || !evseUid) {
			const missing = !locationId ? 'location ID' : 'EVSE UID';
			throw invalidInput.call(
				this,
				context,
				`${label} ${index + 1}: the ${missing} is missing`,
				FIX,
			);
		}
		return { locationId, evseUid };
	});
	if (locationEvses.length === 0)
		throw invalidInput.call(this, context, `${label}: add at least one EVSE`, FIX);
	context.request.body = { locationEvses };
};

/** One item per EVSE of GreenFlux's `{evseTariffs: [...]}`. */
export const bulkTariffItems: OperationHook = async function (_context, run) {
	const [answer] = await run();
	return asList(answer?.evseTariffs).map((json) => ({ json }));
};
