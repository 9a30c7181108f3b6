import type { DefinitionOf, ResourceDefinition } from '../shared/operations';

/** The Charge Assist node's resources and their operations (typed pairs, as in n8n's own nodes). */
export type ChargeAssistNodeMap = {
	location: 'getAll';
	serviceStatus: 'get';
	session: 'start';
};

export type ChargeAssistResource = keyof ChargeAssistNodeMap;

/** One operation of the Charge Assist node. */
export type ChargeAssistOperation = DefinitionOf<ChargeAssistNodeMap>;

/** Every Charge Assist resource, named for what a driver-app builder looks for. */
export const chargeAssistResources: Array<ResourceDefinition<ChargeAssistResource>> = [
	{ value: 'location', name: 'Location', description: 'Charge locations drivers can use' },
	{
		value: 'serviceStatus',
		name: 'Service Status',
		description: 'Whether Charge Assist is available',
	},
	{ value: 'session', name: 'Session', description: 'Start charging sessions for a driver' },
];

/** What every Charge Assist definition shares: the profile and the module named in messages. */
export const CHARGE_ASSIST = { api: 'chargeAssist', module: 'Charge Assist' } as const;
