import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createRegistry, executeOperations } from '../shared/executor';
import { buildProperties } from '../shared/operations';
import { subtitleOf } from '../shared/subtitle';
import { listSearch } from './locators';
import { smartChargingOperations } from './operations';
import { smartChargingResources } from './resources';

const registry = createRegistry(smartChargingOperations);

export class GreenFluxSmartCharging implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Smart Charging',
		name: 'greenFluxSmartCharging',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(smartChargingOperations),
		description:
			'Keep charging within grid limits with GreenFlux Smart Charging: capacity groups, algorithms, scenarios and allocations',
		defaults: { name: 'GreenFlux Smart Charging' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPlatformApi', required: true }],
		properties: buildProperties(smartChargingResources, smartChargingOperations),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeOperations.call(this, registry)];
	}
}
