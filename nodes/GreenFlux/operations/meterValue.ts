import type { OperationDefinition } from '../../shared/operations';
import { dateField, dateToField } from './fields';

const text = (displayName: string, name: string, placeholder: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder,
	description,
});

export const meterValueOperations: OperationDefinition[] = [
	{
		resource: 'meterValue',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many meter values',
		description: 'Get the meter values charge stations reported (every 30 seconds to 15 minutes during sessions)',
		module: 'Meter Values',
		method: 'GET',
		path: '/api/1.0/metervalues',
		fields: [
			dateField('dateFrom', 'Date From', 'date_from', {
				required: true,
				description:
					'Only meter values from this time on (inclusive). Any range works: the node fetches it in windows shorter than 72 hours.',
			}),
			dateToField('Only meter values before this time (exclusive). Leave empty for now.'),
			{
				property: {
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						text('Context', 'context', 'e.g. SamplePeriodic', 'Only meter values with this reading context'),
						text('Measurand', 'measurand', 'e.g. EnergyActiveImportRegister', 'Only meter values of this measurand'),
						{
							displayName: 'Meter Type',
							name: 'meterType',
							type: 'options',
							default: 0,
							description: 'Only readings of this meter type (GreenFlux sends 0 or 1; 1 indicates an S0 meter)',
							options: [
								{ name: 'Charge Station Meter (0)', value: 0 },
								{ name: 'S0 Meter (1)', value: 1 },
							],
						},
						text('Phase', 'phase', 'e.g. L1', 'Only meter values of this phase'),
						text('Unit', 'unit', 'e.g. Wh', 'Only meter values in this unit'),
					],
				},
				options: {
					context: { to: { in: 'query', name: 'context' } },
					measurand: { to: { in: 'query', name: 'measurand' } },
					meterType: { to: { in: 'query', name: 'meter_type' }, format: 'number' },
					phase: { to: { in: 'query', name: 'phase' } },
					unit: { to: { in: 'query', name: 'unit' } },
				},
			},
		],
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			minPageSize: 10_000,
			maxPageSize: 100_000,
			dateWindow: { fromField: 'dateFrom', toField: 'dateTo', maxHours: 72 },
		},
	},
];
