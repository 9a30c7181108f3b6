import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { entityLocator } from '../shared/fields';
import { listSearchMethod } from '../shared/listSearch';
import { SMART_CHARGING, SMART_CHARGING_PATH } from './resources';

const GROUPS_PATH = `${SMART_CHARGING_PATH}/capacitygroups`;
const source = { api: SMART_CHARGING.api, module: SMART_CHARGING.module };

/** GreenFlux answers some lists as bare strings: one entry per string. */
const stringEntries = (data: unknown): IDataObject[] =>
	Array.isArray(data)
		? data.filter((id) => typeof id === 'string').map((id: string) => ({ id }))
		: [];

/** Capacity groups: name (with CPO), value the group ID. */
const searchCapacityGroups = listSearchMethod({
	...source,
	path: GROUPS_PATH,
	// GreenFlux documents no page size for Smart Charging lists; 100 is its default.
	pageSize: 100,
	toResult: (group) => ({
		name: `${String(group.name ?? group.id)} (${String(group.cpo_external_id ?? '')})`,
		value: String(group.id),
	}),
	searchText: (group) =>
		`${String(group.algorithm_display_name ?? '')} ${String(group.remarks ?? '')}`,
});

/** The capacity group chosen in the node's "Capacity Group" parameter, if any. */
function chosenGroup(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('capacityGroupId', { extractValue: true });
	return typeof value === 'string' && value.trim() !== '' && !value.startsWith('=')
		? value.trim()
		: undefined;
}

const groupEvses = listSearchMethod({
	...source,
	path: GROUPS_PATH,
	pageSize: 100,
	narrowed() {
		const group = chosenGroup.call(this) ?? '';
		return { path: `${GROUPS_PATH}/${encodeURIComponent(group)}/evses/chargepoints` };
	},
	toResult: (evse) => ({
		name: evse.name ? `${String(evse.uid)} (${String(evse.name)})` : String(evse.uid),
		value: String(evse.uid),
	}),
	searchText: (evse) => String((evse.charge_point as IDataObject | undefined)?.id ?? ''),
});

/** The EVSEs of the chosen capacity group (none until a group is chosen). */
async function searchCapacityGroupEvses(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	if (!chosenGroup.call(this)) return { results: [] };
	return await groupEvses.call(this, filter, paginationToken);
}

/** The Windows time zones day-of-week scenarios accept (one unpaged list). */
const searchTimeZones = listSearchMethod({
	...source,
	path: `${GROUPS_PATH}/timezones`,
	pageSize: 1000,
	narrowed: () => ({ path: `${GROUPS_PATH}/timezones` }),
	toResult: (zone) => ({
		name: String(zone.display_name ?? zone.id),
		value: String(zone.id),
	}),
	searchText: (zone) => String(zone.id),
});

/** The CPOs capacity groups can be created for (one unpaged list of IDs). */
const searchCpoIds = listSearchMethod({
	...source,
	path: `${GROUPS_PATH}/cpoexternalids`,
	pageSize: 1000,
	narrowed: () => ({ path: `${GROUPS_PATH}/cpoexternalids` }),
	entries: stringEntries,
	toResult: (cpo) => ({ name: String(cpo.id), value: String(cpo.id) }),
});

/** List-search methods of the Smart Charging node (`methods.listSearch`). */
export const listSearch = {
	searchCapacityGroups,
	searchCapacityGroupEvses,
	searchCpoIds,
	searchTimeZones,
};

/** A list-search method of this node, for its locators. */
const locator = entityLocator<keyof typeof listSearch>;

/** A capacity group picked from a searchable list or given by ID. */
export const capacityGroupLocator = locator('searchCapacityGroups', {
	displayName: 'Capacity Group',
	placeholder: 'e.g. cc145599-2edb-489c-a290-784a5802d8a4',
});

/** An EVSE of the chosen capacity group, or given by UID. */
export const groupEvseLocator = locator('searchCapacityGroupEvses', {
	displayName: 'EVSE UID',
	placeholder: 'e.g. NL-GFX-E0001-1',
});

/** A Windows time zone ID from GreenFlux's list, or given by ID. */
export const timeZoneLocator = locator('searchTimeZones', {
	displayName: 'Time Zone',
	placeholder: 'e.g. W. Europe Standard Time',
});

/** A CPO external ID from GreenFlux's list, or given by ID. */
export const cpoLocator = locator('searchCpoIds', {
	displayName: 'CPO External ID',
	placeholder: 'e.g. NLGFXDEMO',
});
