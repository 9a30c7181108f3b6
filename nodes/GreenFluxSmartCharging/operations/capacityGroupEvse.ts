import {
	collectionField,
	inQuery,
	optionsOption,
	optionsProperty,
	stringOption,
} from '../../shared/fields';
import { replaceChargePointsHook } from '../hooks/bodies';
import { deletedItem } from '../hooks/output';
import { GROUP_PATH, SMART_CHARGING, type SmartChargingOperation } from '../resources';
import {
	capacityGroupIdField,
	EVSE_STATUS_OPTIONS,
	evseUidField,
	orderOption,
	SMART_CHARGING_PAGES,
	SMART_CHARGING_STATUS_OPTIONS,
} from './fields';

const evses = { ...SMART_CHARGING, resource: 'capacityGroupEvse' as const, objectName: 'EVSE' };

const bySource = (source: string) => ({ show: { evseSource: [source] } });

export const capacityGroupEvseOperations: SmartChargingOperation[] = [
	{
		...evses,
		operation: 'delete',
		name: 'Delete',
		action: 'Delete an EVSE from a capacity group',
		description: 'Remove one EVSE from its capacity group (the EVSE itself is not deleted)',
		method: 'DELETE',
		path: `${GROUP_PATH}/evses/{evseUid}`,
		fields: [capacityGroupIdField(), evseUidField('The EVSE to remove from the group')],
		hook: deletedItem,
	},
	{
		...evses,
		operation: 'getChargePoints',
		name: 'Get Charge Points',
		action: 'Get the EVSEs of a capacity group with their charge points',
		description: 'Get the EVSEs of a capacity group with their name, charge point and connectors',
		method: 'GET',
		path: `${GROUP_PATH}/evses/chargepoints`,
		fields: [capacityGroupIdField()],
		output: 'objects',
	},
	{
		...evses,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many EVSEs of a capacity group',
		description: 'Get the EVSEs of a capacity group with their status and smart charging status',
		method: 'GET',
		path: `${GROUP_PATH}/evses`,
		fields: [
			capacityGroupIdField(),
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'Charge Point ID',
					'chargePointId',
					inQuery('charge_point_id'),
					'Only the EVSEs of this charge point (charge station ID)',
					'e.g. GFX-CS-0001',
				),
				stringOption(
					'EVSE UID',
					'evseUid',
					inQuery('evse_uid'),
					'Only the EVSE with this UID',
					'e.g. NL-GFX-E0001-1',
				),
				optionsOption(
					'Smart Charging Status',
					'smartChargingStatus',
					inQuery('smart_charging_status'),
					SMART_CHARGING_STATUS_OPTIONS,
					{
						default: 'SMARTCHARGINGACTIVE',
						description: 'Only EVSEs in this smart charging state',
					},
				),
				optionsOption('Status', 'status', inQuery('status'), EVSE_STATUS_OPTIONS, {
					default: 'CHARGING',
					description: 'Only EVSEs with this status',
				}),
			]),
			collectionField('Options', 'options', 'Add Option', [
				orderOption('Charge Point ID', 'order_by_charge_point_id'),
				orderOption('EVSE UID', 'order_by_evse_uid'),
				orderOption('Status', 'order_by_status'),
			]),
		],
		list: SMART_CHARGING_PAGES,
	},
	{
		...evses,
		operation: 'replaceChargePoints',
		name: 'Replace Charge Points',
		action: 'Replace the EVSEs of a capacity group',
		description:
			'Set which EVSEs belong to a capacity group: EVSEs you leave out are removed from it. With Input Items, all items go in ONE request.',
		method: 'PUT',
		path: `${GROUP_PATH}/evses/chargepoints`,
		fields: [
			capacityGroupIdField(),
			{
				property: optionsProperty(
					'EVSE Source',
					'evseSource',
					[
						{
							name: 'EVSE UIDs',
							value: 'list',
							description: 'A list of EVSE UIDs in a field',
						},
						{
							name: 'Input Items',
							value: 'items',
							description:
								'Every input item holds one EVSE UID; the node runs once and sends them all in one request',
						},
						{
							name: 'JSON',
							value: 'json',
							description: 'A JSON array of {"uid"} objects or UIDs ([] removes every EVSE)',
						},
					],
					{ default: 'list', description: 'Where the EVSEs of the group come from' },
				),
			},
			{
				property: {
					displayName: 'EVSE UIDs',
					name: 'evseUids',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. NL-GFX-E0001-1, NL-GFX-E0001-2',
					description:
						'The UIDs (not EVSE IDs) of every EVSE the group should have, separated by commas',
					displayOptions: bySource('list'),
				},
				format: 'stringList',
			},
			{
				property: {
					displayName: 'EVSE UID Field',
					name: 'evseUidField',
					type: 'string',
					required: true,
					default: 'uid',
					placeholder: 'e.g. uid',
					hint: 'The name of the input field that holds the EVSE UID (dots for nested fields)',
					displayOptions: bySource('items'),
				},
			},
			{
				property: {
					displayName: 'EVSEs (JSON)',
					name: 'evsesJson',
					type: 'json',
					required: true,
					default: '[\n  { "uid": "" }\n]',
					description: 'The EVSEs the group should have, e.g. [{"uid": "NL-GFX-E0001-1"}]',
					displayOptions: bySource('json'),
				},
				format: 'json',
			},
		],
		batch(this) {
			return this.getNodeParameter('evseSource', 0) === 'items';
		},
		hook: replaceChargePointsHook,
	},
];
