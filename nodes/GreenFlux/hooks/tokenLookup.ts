import type { IDataObject } from 'n8n-workflow';

import type { OperationHook } from '../../shared/operations';

/**
 * Tokens › Look Up: GreenFlux answers `{ token_id, tokens: [entry, …] }`, one entry per match across the
 * subscribed CPOs. Each entry becomes one item carrying the searched token_id and `found` (false when the
 * entry's state is "unknown"); an empty answer still becomes one "unknown" item, so the workflow can branch on it.
 */
export const tokenLookupItems: OperationHook = async function (context, run) {
	const [data] = await run();
	const searched = (data?.token_id as string | undefined) ?? (context.values.identifier as string);
	const entries = Array.isArray(data?.tokens) ? (data.tokens as IDataObject[]) : [];
	const unknown: IDataObject = { state: 'unknown', uid: null, auth_id: null, visual_number: null };
	return (entries.length > 0 ? entries : [unknown]).map((entry) => ({
		json: { token_id: searched, found: entry.state !== 'unknown', ...entry },
	}));
};
