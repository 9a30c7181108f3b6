import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createRegistry, executeOperations } from '../shared/executor';
import { subtitleOf } from '../shared/subtitle';
import { buildProperties } from '../shared/operations';
import { chargeAssistOperations } from './operations';
import { chargeAssistResources } from './resources';

const registry = createRegistry(chargeAssistOperations);

export class GreenFluxChargeAssist implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Charge Assist',
		name: 'greenFluxChargeAssist',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(chargeAssistOperations),
		description:
			'Build EV-driver apps with the GreenFlux Charge Assist API: register drivers and their payment methods, find locations, availability and tariffs, start and stop charging sessions',
		defaults: { name: 'GreenFlux Charge Assist' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxChargeAssistApi', required: true }],
		properties: buildProperties(chargeAssistResources, chargeAssistOperations),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await executeOperations.call(this, registry)];
	}
}
