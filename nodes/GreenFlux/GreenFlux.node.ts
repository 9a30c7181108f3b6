import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/operations';
import { createRegistry, executeOperations } from '../shared/executor';
import { subtitleOf } from '../shared/subtitle';
import { listSearch } from './locators';
import { platformOperations } from './operations';
import { platformResources } from './resources';

const registry = createRegistry(platformOperations);

export class GreenFlux implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux',
		name: 'greenFlux',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(platformOperations),
		description:
			'Read CDRs, sessions, locations and notifications, manage charge stations and send remote commands with the GreenFlux Platform API',
		defaults: { name: 'GreenFlux' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPlatformApi', required: true }],
		properties: buildProperties(platformResources, platformOperations),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeOperations.call(this, registry)];
	}
}
