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
import { emspOperations } from './operations';
import { emspResources } from './resources';

const registry = createRegistry(emspOperations);

export class GreenFluxEmsp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux eMSP',
		name: 'greenFluxEmsp',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(emspOperations),
		description:
			'For e-mobility service providers (eMSPs) on the GreenFlux Platform API: CRM customers, drivers, charge tokens and retail packages, coupons and Stripe Connect',
		defaults: { name: 'GreenFlux eMSP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPlatformApi', required: true }],
		properties: buildProperties(emspResources, emspOperations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeOperations.call(this, registry)];
	}
}
