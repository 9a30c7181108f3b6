import type { INodePropertyOptions } from 'n8n-workflow';

import {
	type CollectionOption,
	dateField,
	inQuery,
	optionsOption,
	pathLocatorField,
} from '../../shared/fields';
import type { FieldDefinition, ListBehaviour } from '../../shared/operations';
import { capacityGroupLocator, groupEvseLocator } from '../locators';

/** Smart Charging field builders; the generic ones are in nodes/shared/fields.ts. */

/** The capacity group in the path, picked from the list or given by ID. */
export const capacityGroupIdField = (): FieldDefinition =>
	pathLocatorField(
		capacityGroupLocator('capacityGroupId', {
			description: 'The capacity group (its GreenFlux ID)',
		}),
	);

/** An EVSE of the chosen capacity group in the path, picked from the group's EVSEs or given by UID. */
export const evseUidField = (description: string): FieldDefinition =>
	pathLocatorField(groupEvseLocator('evseUid', { description }));

/**
 * Offset paging with `limit`. GreenFlux documents no default or maximum page size for Smart Charging;
 * 100 is the page size assumed for its lists: a larger page that GreenFlux silently cut short would end
 * Return All early (a short page is the last page).
 */
export const SMART_CHARGING_PAGES: ListBehaviour = {
	pagination: 'offset',
	pageSizeParam: 'limit',
	maxPageSize: 100,
};

/** Date From and Date To, both required, of a report. */
export function requiredDateRange(subject: string): FieldDefinition[] {
	return [
		dateField('dateFrom', 'Date From', 'date_from', {
			required: true,
			description: `Start of the period of ${subject} (inclusive)`,
		}),
		dateField('dateTo', 'Date To', 'date_to', {
			required: true,
			description: `End of the period of ${subject} (exclusive)`,
		}),
	];
}

const ORDER: INodePropertyOptions[] = [
	{ name: 'Ascending', value: 'ASC' },
	{ name: 'Descending', value: 'DESC' },
];

/** One of GreenFlux's `order_by_<field>` parameters (ASC or DESC). */
export const orderOption = (field: string, queryName: string): CollectionOption =>
	optionsOption(
		`Order by ${field}`,
		queryName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
		inQuery(queryName),
		ORDER,
		{
			default: 'ASC',
			description: `Sort the results by ${field.toLowerCase()}`,
		},
	);

export const ALGORITHM_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Capacity Management - DC',
		value: 'CAPACITYMANAGEMENTDC',
		description: 'Divides a capacity in watts over DC chargers',
	},
	{
		name: 'Capacity Management - Default',
		value: 'CAPACITYMANAGEMENTDEFAULT',
		description: 'Divides a capacity in amps per phase over AC charge points',
	},
	{ name: 'Customer Configured TOU', value: 'CUSTOMERCONFIGUREDTOUALGORITHM' },
	{ name: 'None', value: 'NONE', description: 'No smart charging' },
];

export const CAPACITY_UPDATE_METHOD_OPTIONS: INodePropertyOptions[] = [
	{ name: 'API', value: 'API' },
	{ name: 'Default', value: 'DEFAULT' },
	{ name: 'External Meter', value: 'EXTERNALMETER' },
	{ name: 'File', value: 'FILE' },
	{ name: 'Parent Group', value: 'PARENTGROUP' },
];

export const EVSE_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Available', value: 'AVAILABLE' },
	{ name: 'Blocked', value: 'BLOCKED' },
	{ name: 'Charging', value: 'CHARGING' },
	{ name: 'Inoperative', value: 'INOPERATIVE' },
	{ name: 'Out of Order', value: 'OUTOFORDER' },
	{ name: 'Planned', value: 'PLANNED' },
	{ name: 'Removed', value: 'REMOVED' },
	{ name: 'Reserved', value: 'RESERVED' },
	{ name: 'Unknown', value: 'UNKNOWN' },
];

export const SMART_CHARGING_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Offline', value: 'OFFLINE' },
	{ name: 'Smart Charging Active', value: 'SMARTCHARGINGACTIVE' },
	{ name: 'Vehicle Done Charging', value: 'VEHICLEDONECHARGING' },
];

export const DAY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Friday', value: 'FRIDAY' },
	{ name: 'Monday', value: 'MONDAY' },
	{ name: 'Saturday', value: 'SATURDAY' },
	{ name: 'Sunday', value: 'SUNDAY' },
	{ name: 'Thursday', value: 'THURSDAY' },
	{ name: 'Tuesday', value: 'TUESDAY' },
	{ name: 'Wednesday', value: 'WEDNESDAY' },
];

export const PHASE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'L1', value: 'L1' },
	{ name: 'L2', value: 'L2' },
	{ name: 'L3', value: 'L3' },
];

/** GreenFlux's list of CPO IDs as a multi-valued query parameter (`a=1&a=2`). */
export const cpoExternalIdsOption = (description: string): CollectionOption => ({
	property: {
		displayName: 'CPO External IDs',
		name: 'cpoExternalIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. NLGFXDEMO, NLGFXCITY',
		description,
	},
	to: { in: 'query', name: 'cpo_external_ids', repeat: true },
	format: 'stringList',
});
