import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventSubtitleOf } from '../shared/subtitle';
import { properties } from './description';
import { EVENT_OPTIONS } from './events';
import { pollGreenFlux } from './poll';

export class GreenFluxPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GreenFlux Poll Trigger',
		name: 'greenFluxPollTrigger',
		icon: { light: 'file:../../icons/greenflux.svg', dark: 'file:../../icons/greenflux.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitleOf(EVENT_OPTIONS, 'event'),
		description:
			'Checks GreenFlux on a schedule for new CDRs, completed sessions, notifications and location changes: the safety net for missed pushes',
		defaults: { name: 'GreenFlux Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenFluxPlatformApi', required: true }],
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollGreenFlux.call(this);
	}
}
