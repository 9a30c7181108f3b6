import { confirmedItem } from '../hooks/output';
import { requireAtLeast } from '../checks';
import { GROUP_PATH, SMART_CHARGING, type SmartChargingOperation } from '../resources';
import { capacityGroupIdField } from './fields';
import type { FieldDefinition } from '../../shared/operations';

const meter = { ...SMART_CHARGING, resource: 'smappeeMeter' as const, objectName: 'Smappee meter' };
const PATH = `${GROUP_PATH}/smappee/smartmeter`;

const ampsField = (
	displayName: string,
	name: string,
	bodyName: string,
	description: string,
): FieldDefinition => ({
	property: {
		displayName,
		name,
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 1 },
		description,
	},
	to: { in: 'body', name: bodyName },
	format: 'number',
});

const AMPS_FIX = 'Give the rating of the circuit breaker or connection in amps.';

export const smappeeMeterOperations: SmartChargingOperation[] = [
	{
		...meter,
		operation: 'get',
		name: 'Get',
		action: 'Get the Smappee meter settings',
		description: 'Get the Smappee smart meter settings of a capacity group',
		method: 'GET',
		path: PATH,
		fields: [capacityGroupIdField()],
	},
	{
		...meter,
		operation: 'update',
		name: 'Update',
		action: 'Update the Smappee meter settings',
		description: 'Set the breaker of the charge points and the maximum of the power supply (amps)',
		method: 'PUT',
		path: PATH,
		fields: [
			capacityGroupIdField(),
			ampsField(
				'Charge Points Cable Max (Amps)',
				'chargePointsCableMaxAmps',
				'charge_points_cable_max_amps',
				'The circuit breaker of the group of charge points',
			),
			ampsField(
				'Power Supply Max (Amps)',
				'powerSupplyMaxAmps',
				'power_supply_max_amps',
				'The maximum of the power supply at the location',
			),
		],
		validate: [
			requireAtLeast(
				'chargePointsCableMaxAmps',
				'Charge Points Cable Max (Amps)',
				1,
				AMPS_FIX,
				' A',
			),
			requireAtLeast('powerSupplyMaxAmps', 'Power Supply Max (Amps)', 1, AMPS_FIX, ' A'),
		],
		hook: confirmedItem,
	},
];
