import { collectionField, inQuery, stringOption } from '../../shared/fields';
import { confirmedItem } from '../hooks/output';
import { capacityGroupLocator } from '../locators';
import {
	GROUP_PATH,
	SMART_CHARGING,
	SMART_CHARGING_PATH,
	type SmartChargingOperation,
} from '../resources';
import {
	capacityGroupIdField,
	cpoExternalIdsOption,
	evseUidField,
	orderOption,
	requiredDateRange,
	SMART_CHARGING_PAGES,
} from './fields';

const priority = {
	...SMART_CHARGING,
	resource: 'priorityRequest' as const,
	objectName: 'priority request',
};

export const priorityRequestOperations: SmartChargingOperation[] = [
	{
		...priority,
		operation: 'create',
		name: 'Create',
		action: 'Create a priority request',
		description:
			'Let an EVSE of a capacity group charge at full power before the others (groups on the Default algorithm)',
		method: 'POST',
		path: `${GROUP_PATH}/evses/{evseUid}/priority`,
		fields: [capacityGroupIdField(), evseUidField('The EVSE that gets priority')],
		hook: confirmedItem,
	},
	{
		...priority,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many priority requests',
		description: 'Get the priority requests made in a period, optionally per group, EVSE or CPO',
		method: 'GET',
		path: `${SMART_CHARGING_PATH}/reports/priority`,
		fields: [
			...requiredDateRange('the priority requests'),
			collectionField('Filters', 'filters', 'Add Filter', [
				{
					property: capacityGroupLocator('capacityGroupId', {
						required: false,
						description: 'Only the requests of this capacity group',
					}),
					to: inQuery('capacity_group_id'),
				},
				cpoExternalIdsOption('Only the requests of these CPOs (separated by commas)'),
				stringOption(
					'EVSE UID',
					'evseUid',
					inQuery('evse_uid'),
					'Only the requests for this EVSE',
					'e.g. NL-GFX-E0001-1',
				),
			]),
			collectionField('Options', 'options', 'Add Option', [
				orderOption('Timestamp', 'order_by_timestamp'),
			]),
		],
		list: SMART_CHARGING_PAGES,
	},
];
