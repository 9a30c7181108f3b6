import type { DefinitionOf, ResourceDefinition } from '../shared/operations';

/** The operations of each algorithm resource: its settings and its allocation reports. */
type AlgorithmOperation =
	| 'getActiveEvses'
	| 'getAllocationGraph'
	| 'getOfflineEvses'
	| 'getSettings'
	| 'updateSettings';

/** The Smart Charging node's resources and their operations (typed pairs, as in n8n's own nodes). */
export type SmartChargingNodeMap = {
	capacityGroup: 'create' | 'delete' | 'get' | 'getAll' | 'getCpoIds' | 'update';
	capacityGroupEvse: 'delete' | 'getAll' | 'getChargePoints' | 'replaceChargePoints';
	dateTimeScenario: 'getAll' | 'replace';
	dayOfWeekScenario: 'getAll' | 'getTimeZones' | 'replace';
	dcAlgorithm: AlgorithmOperation;
	defaultAlgorithm: AlgorithmOperation;
	priorityRequest: 'create' | 'getAll';
	smappeeMeter: 'get' | 'update';
};

export type SmartChargingResource = keyof SmartChargingNodeMap;

/** One operation of the Smart Charging node. */
export type SmartChargingOperation = DefinitionOf<SmartChargingNodeMap>;

/** Every Smart Charging resource, sorted by name. */
export const smartChargingResources: Array<ResourceDefinition<SmartChargingResource>> = [
	{
		value: 'capacityGroup',
		name: 'Capacity Group',
		description: 'Groups of EVSEs that share a grid connection and its capacity limit',
	},
	{
		value: 'capacityGroupEvse',
		name: 'Capacity Group EVSE',
		description: 'The EVSEs (charge points) that belong to a capacity group',
	},
	{
		value: 'dateTimeScenario',
		name: 'Date-Time Scenario',
		description:
			'Capacity limits for fixed periods, e.g. during maintenance of the grid connection',
	},
	{
		value: 'dayOfWeekScenario',
		name: 'Day-of-Week Scenario',
		description: 'Weekly recurring capacity limits, e.g. less capacity during office hours',
	},
	{
		value: 'dcAlgorithm',
		name: 'DC Algorithm',
		description:
			"Settings and allocations (watts) of groups on GreenFlux's Capacity Management - DC algorithm",
	},
	{
		value: 'defaultAlgorithm',
		name: 'Default Algorithm',
		description:
			"Settings and allocations (amps) of groups on GreenFlux's Capacity Management - Default algorithm",
	},
	{
		value: 'priorityRequest',
		name: 'Priority Request',
		description: 'Let an EVSE charge at full power first, and see earlier priority requests',
	},
	{
		value: 'smappeeMeter',
		name: 'Smappee Meter',
		description: 'Settings of the Smappee smart meter that measures the grid connection',
	},
];

/** What every Smart Charging definition shares: the profile and the module named in messages. */
export const SMART_CHARGING = { api: 'smartCharging', module: 'Smart Charging' } as const;

/** Smart Charging routes are published as API version 1.0 only. */
export const SMART_CHARGING_PATH = '/api/1.0/smartcharging';

/** One capacity group's routes. */
export const GROUP_PATH = `${SMART_CHARGING_PATH}/capacitygroups/{capacityGroupId}`;
