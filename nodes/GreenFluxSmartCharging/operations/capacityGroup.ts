import {
	type CollectionOption,
	collectionField,
	inBody,
	inQuery,
	optionsOption,
	stringOption,
	textField,
} from '../../shared/fields';
import { confirmedItem, createdIdItem, deletedItem, stringItems } from '../hooks/output';
import { cpoLocator } from '../locators';
import {
	GROUP_PATH,
	SMART_CHARGING,
	SMART_CHARGING_PATH,
	type SmartChargingOperation,
} from '../resources';
import {
	ALGORITHM_OPTIONS,
	CAPACITY_UPDATE_METHOD_OPTIONS,
	capacityGroupIdField,
	cpoExternalIdsOption,
	orderOption,
	SMART_CHARGING_PAGES,
} from './fields';

const groups = { ...SMART_CHARGING, resource: 'capacityGroup' as const };
const GROUPS_PATH = `${SMART_CHARGING_PATH}/capacitygroups`;

/** Remarks, algorithm and capacity update method: optional on create and update alike. */
const groupOptions = (): CollectionOption[] => [
	optionsOption('Algorithm', 'algorithm', 'algorithm', ALGORITHM_OPTIONS, {
		default: 'CAPACITYMANAGEMENTDEFAULT',
		description: 'The smart charging algorithm that divides the capacity over the EVSEs',
	}),
	optionsOption(
		'Capacity Update Method',
		'capacityUpdateMethod',
		'capacity_update_method',
		CAPACITY_UPDATE_METHOD_OPTIONS,
		{ default: 'DEFAULT', description: 'How the capacity of the group is kept up to date' },
	),
	stringOption('Remarks', 'remarks', 'remarks', 'A description of the group'),
];

const nameField = (description: string) =>
	textField('Name', 'name', 'name', { placeholder: 'e.g. Depot Amsterdam', description });

export const capacityGroupOperations: SmartChargingOperation[] = [
	{
		...groups,
		operation: 'create',
		name: 'Create',
		action: 'Create a capacity group',
		description: 'Create a capacity group for one of your CPOs; the output is its new ID',
		method: 'POST',
		path: GROUPS_PATH,
		fields: [
			nameField('Name of the capacity group'),
			{
				property: cpoLocator('cpoExternalId', {
					description:
						'The CPO (charge point sub-operator) that owns the group. It cannot be changed later.',
				}),
				to: inBody('cpo_external_id'),
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', groupOptions()),
		],
		// GreenFlux answers the new ID as a bare string, not an object: read it as text.
		responseType: 'text',
		hook: createdIdItem,
	},
	{
		...groups,
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a capacity group',
		description: 'Delete a capacity group; its EVSEs are no longer smart charged by it',
		method: 'DELETE',
		path: GROUP_PATH,
		fields: [capacityGroupIdField()],
		hook: deletedItem,
	},
	{
		...groups,
		operation: 'get',
		name: 'Get',
		action: 'Get a capacity group',
		description: 'Get one capacity group with its algorithm and capacity update method',
		method: 'GET',
		path: GROUP_PATH,
		fields: [capacityGroupIdField()],
	},
	{
		...groups,
		operation: 'getCpoIds',
		name: 'Get CPO IDs',
		action: 'Get the CPO IDs for capacity groups',
		description: 'Get the CPOs you can create capacity groups for, one item per CPO',
		method: 'GET',
		path: `${GROUPS_PATH}/cpoexternalids`,
		fields: [],
		hook: stringItems('cpo_external_id'),
	},
	{
		...groups,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many capacity groups',
		description: 'Get capacity groups, optionally filtered by name, algorithm or CPO',
		method: 'GET',
		path: GROUPS_PATH,
		fields: [
			collectionField('Filters', 'filters', 'Add Filter', [
				optionsOption('Algorithm', 'algorithm', inQuery('algorithm'), ALGORITHM_OPTIONS, {
					default: 'CAPACITYMANAGEMENTDEFAULT',
					description: 'Only groups on this algorithm',
				}),
				cpoExternalIdsOption('Only groups of these CPOs (separated by commas)'),
				stringOption(
					'Name Starts With',
					'name',
					inQuery('name'),
					'Only groups whose name starts with this text',
					'e.g. Depot',
				),
			]),
			collectionField('Options', 'options', 'Add Option', [
				orderOption('Algorithm', 'order_by_algorithm'),
				orderOption('CPO External ID', 'order_by_cpo_external_id'),
				orderOption('ID', 'order_by_id'),
				orderOption('Name', 'order_by_name'),
			]),
		],
		list: SMART_CHARGING_PAGES,
	},
	{
		...groups,
		operation: 'update',
		name: 'Update',
		action: 'Update a capacity group',
		description:
			'Rename a capacity group or change its remarks, algorithm or capacity update method (the CPO cannot change)',
		method: 'PUT',
		path: GROUP_PATH,
		fields: [
			capacityGroupIdField(),
			nameField(
				'Name of the capacity group: GreenFlux needs it on every update, so give the current name to keep it',
			),
			collectionField('Update Fields', 'updateFields', 'Add Field', groupOptions()),
		],
		hook: confirmedItem,
	},
];
