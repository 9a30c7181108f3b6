import {
	collectionField,
	inQuery,
	numberOption,
	optionsOption,
	stringOption,
} from '../../shared/fields';
import type { FieldDefinition, OperationDefinition, Validator } from '../../shared/operations';
import { MIN_ALLOCATION_AMPS, requireAtLeast, requireDuration, requireUpdate } from '../checks';
import { confirmedItem } from '../hooks/output';
import { GROUP_PATH, SMART_CHARGING, type SmartChargingNodeMap } from '../resources';
import {
	capacityGroupIdField,
	PHASE_OPTIONS,
	requiredDateRange,
	SMART_CHARGING_PAGES,
} from './fields';

type AlgorithmResource = 'defaultAlgorithm' | 'dcAlgorithm';

interface AlgorithmSpec<R extends AlgorithmResource> {
	resource: R;
	/** GreenFlux's path segment and name of the algorithm. */
	segment: 'capacitymanagementdefault' | 'capacitymanagementdc';
	label: string;
	/** What the settings update sends, and its checks. */
	settingsFields: FieldDefinition[];
	settingsChecks: Validator[];
	/** Filters of the allocation graph besides the date range. */
	graphFields: FieldDefinition[];
	/** What an allocation is counted in, for descriptions. */
	unit: string;
}

/** One algorithm's five operations: settings (get, update), allocation graph and active / offline EVSEs. */
function algorithmOperations<R extends AlgorithmResource>(
	spec: AlgorithmSpec<R>,
): Array<OperationDefinition<R, SmartChargingNodeMap[R]>> {
	const { resource, segment, label, unit } = spec;
	const base = { ...SMART_CHARGING, resource };
	const summary = (which: 'active' | 'offline') => ({
		...base,
		operation: which === 'active' ? ('getActiveEvses' as const) : ('getOfflineEvses' as const),
		name: which === 'active' ? 'Get Active EVSEs' : 'Get Offline EVSEs',
		action:
			which === 'active'
				? `Get the active EVSEs of a ${label} group`
				: `Get the offline EVSEs of a ${label} group`,
		description:
			which === 'active'
				? `Get how many EVSEs of the group charge right now and what they are allocated (${unit})`
				: `Get how many EVSEs of the group are offline right now and what is reserved for them (${unit})`,
		method: 'GET' as const,
		path: `${GROUP_PATH}/${segment}/${which}evses`,
		fields: [capacityGroupIdField()],
	});
	return [
		summary('active'),
		{
			...base,
			operation: 'getAllocationGraph',
			name: 'Get Allocation Graph',
			action: `Get the allocation graph of a ${label} group`,
			description: `Get the group's capacity and what each EVSE was allocated (${unit}) over a period, one item per point in time`,
			method: 'GET',
			path: `${GROUP_PATH}/${segment}/allocationgraph`,
			fields: [
				capacityGroupIdField(),
				...requiredDateRange('the allocation graph'),
				...spec.graphFields,
			],
			list: SMART_CHARGING_PAGES,
		},
		summary('offline'),
		{
			...base,
			operation: 'getSettings',
			name: 'Get Settings',
			action: `Get the ${label} settings of a group`,
			description: `Get the ${label} settings of a capacity group, with its current capacity (${unit})`,
			method: 'GET',
			path: `${GROUP_PATH}/algorithms/${segment}/state`,
			fields: [capacityGroupIdField()],
		},
		{
			...base,
			operation: 'updateSettings',
			name: 'Update Settings',
			action: `Update the ${label} settings of a group`,
			description: `Change the ${label} settings of a capacity group (${unit})`,
			method: 'PUT',
			path: `${GROUP_PATH}/algorithms/${segment}/state`,
			fields: [capacityGroupIdField(), ...spec.settingsFields],
			validate: spec.settingsChecks,
			hook: confirmedItem,
		},
	];
}

const CAPACITY_FIX = 'The capacity is what the grid connection allows the group to draw.';

export const defaultAlgorithmOperations = algorithmOperations({
	resource: 'defaultAlgorithm',
	segment: 'capacitymanagementdefault',
	label: 'default algorithm',
	unit: 'amps',
	settingsFields: [
		collectionField('Update Fields', 'updateFields', 'Add Field', [
			numberOption(
				'Default Group Capacity (Amps)',
				'defaultGroupCapacityAmps',
				'default_group_capacity_amps',
				'The capacity of the group when no scenario applies',
				{ typeOptions: { minValue: 0, numberPrecision: 1 } },
			),
			numberOption(
				'Min Allocation (Amps)',
				'minAllocationAmps',
				'min_allocation_amps',
				`The least current a charging session is given (${MIN_ALLOCATION_AMPS} A or more); below it the leftover capacity is not allocated`,
				{
					default: MIN_ALLOCATION_AMPS,
					typeOptions: { minValue: MIN_ALLOCATION_AMPS, numberPrecision: 1 },
				},
			),
			stringOption(
				'Session Started Duration',
				'sessionStartedDuration',
				'session_started_duration',
				'How long a new session charges at full rate before the algorithm optimises it (HH:MM:SS)',
				'e.g. 00:15:00',
			),
		]),
	],
	settingsChecks: [
		requireUpdate('updateFields', 'Update Fields'),
		requireAtLeast(
			'updateFields.defaultGroupCapacityAmps',
			'Update Fields → Default Group Capacity (Amps)',
			0,
			CAPACITY_FIX,
			' A',
		),
		requireAtLeast(
			'updateFields.minAllocationAmps',
			'Update Fields → Min Allocation (Amps)',
			MIN_ALLOCATION_AMPS,
			`GreenFlux allocates at least ${MIN_ALLOCATION_AMPS} A to a charging session (the least current a vehicle charges with).`,
			' A',
		),
		requireDuration(
			'updateFields.sessionStartedDuration',
			'Update Fields → Session Started Duration',
			'session_started_duration',
		),
	],
	graphFields: [
		collectionField('Filters', 'filters', 'Add Filter', [
			optionsOption('Phase', 'phase', inQuery('phase'), PHASE_OPTIONS, {
				default: 'L1',
				description: 'Only this phase (without it GreenFlux returns every phase)',
			}),
		]),
	],
});

export const dcAlgorithmOperations = algorithmOperations({
	resource: 'dcAlgorithm',
	segment: 'capacitymanagementdc',
	label: 'DC algorithm',
	unit: 'watts',
	settingsFields: [
		{
			property: {
				displayName: 'Default Group Capacity (Watts)',
				name: 'defaultGroupCapacityWatts',
				type: 'number',
				required: true,
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'The capacity of the group when no scenario applies',
			},
			to: { in: 'body', name: 'default_group_capacity_watts' },
			format: 'number',
		},
	],
	settingsChecks: [
		requireAtLeast(
			'defaultGroupCapacityWatts',
			'Default Group Capacity (Watts)',
			0,
			CAPACITY_FIX,
			' W',
		),
	],
	graphFields: [],
});
