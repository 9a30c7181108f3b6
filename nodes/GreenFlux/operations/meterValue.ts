import type { PlatformOperation } from '../resources';
import {
	bulkOffsetPages,
	collectionField,
	inQuery,
	stringOption,
	windowedDateRange,
} from '../../shared/fields';

const { fields: dateRange, dateWindow } = windowedDateRange('meter values');

export const meterValueOperations: PlatformOperation[] = [
	{
		resource: 'meterValue',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many meter values',
		description:
			'Get the meter values charge stations reported (every 30 seconds to 15 minutes during sessions)',
		module: 'Meter Values',
		method: 'GET',
		path: '/api/1.0/metervalues',
		fields: [
			...dateRange,
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'Context',
					'context',
					inQuery('context'),
					'Only meter values with this reading context',
					'e.g. SamplePeriodic',
				),
				stringOption(
					'Measurand',
					'measurand',
					inQuery('measurand'),
					'Only meter values of this measurand',
					'e.g. EnergyActiveImportRegister',
				),
				{
					property: {
						displayName: 'Meter Type',
						name: 'meterType',
						type: 'options',
						default: 0,
						description:
							'Only readings of this meter type (GreenFlux sends 0 or 1; 1 indicates an S0 meter)',
						options: [
							{ name: 'Charge Station Meter (0)', value: 0 },
							{ name: 'S0 Meter (1)', value: 1 },
						],
					},
					to: inQuery('meter_type'),
					format: 'number',
				},
				stringOption(
					'Phase',
					'phase',
					inQuery('phase'),
					'Only meter values of this phase',
					'e.g. L1',
				),
				stringOption('Unit', 'unit', inQuery('unit'), 'Only meter values in this unit', 'e.g. Wh'),
			]),
		],
		list: { ...bulkOffsetPages(), dateWindow, fileOutput: { name: 'meter-values' } },
	},
];
