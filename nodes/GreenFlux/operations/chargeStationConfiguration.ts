import {
	type FieldDefinition,
	type OperationDefinition,
	type ParameterValues,
	returnAllFields,
} from '../../shared/operations';
import type { PlatformNodeMap, PlatformOperation } from '../resources';
import {
	batchReportHook,
	batchUpdateHook,
	csvOutputHook,
	manyStationValuesHook,
	MAX_STATIONS_PER_PAGE,
	stationsOfCsvPage,
} from '../hooks/chargeStationConfiguration';
import {
	collectionField,
	dateFromField,
	dateToField,
	inBody,
	outputFields,
	pathField,
	pathLocatorField,
	optionsProperty,
} from '../../shared/fields';
import { chargeStationLocator } from '../locators';

const base = {
	resource: 'chargeStationConfiguration' as const,
	module: 'Charge Station Configurations',
};

const reportId = pathField('reportId', 'Report ID', 'reportId', {
	placeholder: 'e.g. ffaf38d1d46e4aceb0f1902f5ca9c709',
	description: 'The report_id GreenFlux returned for the batch update',
});

const chargeStationId = pathLocatorField(
	chargeStationLocator('chargeStationId', { displayName: 'Charge Station ID' }),
);

/** Output = JSON Items (one per CSV row) or CSV File (binary), for GreenFlux's CSV answers. */
const csvOutputFields = outputFields({
	default: 'items',
	options: [
		{
			name: 'CSV File',
			value: 'file',
			description: 'One item with the CSV file GreenFlux sent, as binary data',
		},
		{
			name: 'JSON Items',
			value: 'items',
			description: 'One item per CSV row, with the header row as keys',
		},
	],
	description: 'How to return the CSV GreenFlux sends',
	fileOutputs: ['file'],
});

type ConfigurationDefinition = OperationDefinition<
	'chargeStationConfiguration',
	PlatformNodeMap['chargeStationConfiguration']
>;

/** A GET of one CSV (named by the object in the path): JSON items or a CSV file, as Output says. */
function csvDownload(
	definition: Pick<
		ConfigurationDefinition,
		'operation' | 'name' | 'action' | 'description' | 'path'
	>,
	idField: FieldDefinition,
	fileName: (values: ParameterValues) => string,
): ConfigurationDefinition {
	return {
		...base,
		...definition,
		method: 'GET',
		fields: [idField, ...csvOutputFields],
		responseType: 'text',
		hook: csvOutputHook(fileName),
	};
}

export const chargeStationConfigurationOperations: PlatformOperation[] = [
	{
		...base,
		operation: 'batchUpdate',
		name: 'Batch Update',
		action: 'Batch update charge station configurations',
		description: 'Change OCPP configuration keys of many charge stations with one CSV batch',
		method: 'POST',
		path: '/api/1.0/chargestationconfigurations/batch/update',
		fields: [
			{
				property: optionsProperty(
					'Source',
					'source',
					[
						{
							name: 'Binary File',
							value: 'binary',
							description:
								'A CSV file (ChargeStationId;Key;Value;ResetOnAccepted;Retries;Delay) in a binary field of each item; each file is one batch',
						},
						{
							name: 'Input Items',
							value: 'items',
							description: 'Every input item is one row; all items together form ONE batch',
						},
					],
					{ default: 'binary', description: 'Where the rows of the batch come from' },
				),
			},
			{
				property: {
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					required: true,
					default: 'data',
					hint: 'The name of the input binary field containing the CSV file',
					displayOptions: { show: { source: ['binary'] } },
				},
			},
			{
				property: {
					displayName:
						'Each input item is one row with the fields chargeStationId, key, value, resetOnAccepted (OnIdle, Immediate or empty), retries (0–5) and delay (0–60 seconds). The node runs once and sends all items as one batch.',
					name: 'itemsNotice',
					type: 'notice',
					default: '',
					displayOptions: { show: { source: ['items'] } },
				},
			},
			{
				property: {
					displayName: 'Batch Description',
					name: 'batchDescription',
					type: 'string',
					default: '',
					placeholder: 'e.g. Heartbeat 600 s for all Alfen stations',
					description: 'Friendly name of the batch, shown in the batch history',
				},
				to: { in: 'query', name: 'description' },
			},
		],
		batch(this) {
			return this.getNodeParameter('source', 0) === 'items';
		},
		hook: batchUpdateHook,
	},
	{
		...base,
		operation: 'getBatchHistory',
		name: 'Get Batch History',
		action: 'Get the history of batch configuration updates',
		description:
			'Get earlier batch updates with their status. GreenFlux returns at most 1,000 batches (no paging).',
		method: 'GET',
		path: '/api/1.0/chargestationconfigurations/batch',
		fields: [
			dateFromField('Only batches created at or after this time'),
			dateToField('Only batches created before this time'),
		],
		list: { pagination: 'cursor', pageSizeParam: 'limit', maxPageSize: 1000 },
	},
	csvDownload(
		{
			operation: 'getBatchInput',
			name: 'Get Batch Input',
			action: 'Get the input CSV of a batch configuration update',
			description:
				'Get the rows that were sent in a batch update (ChargeStationId, Key, Value, ResetOnAccepted, Retries)',
			path: '/api/1.0/chargestationconfigurations/batch/report/{reportId}/input',
		},
		reportId,
		(values) => `batch-${String(values.reportId)}-input.csv`,
	),
	csvDownload(
		{
			operation: 'getBatchOutput',
			name: 'Get Batch Output',
			action: 'Get the result CSV of a batch configuration update',
			description:
				'Get the result per row of a batch update: the input columns plus Delay, Status and Remarks',
			path: '/api/1.0/chargestationconfigurations/batch/report/{reportId}/output',
		},
		reportId,
		(values) => `batch-${String(values.reportId)}-output.csv`,
	),
	{
		...base,
		operation: 'getBatchReport',
		name: 'Get Batch Report',
		action: 'Get the report of a batch configuration update',
		description: 'Get the status of a batch update (Inprogress, Completed or Failed)',
		method: 'GET',
		path: '/api/1.0/chargestationconfigurations/batch/report/{reportId}',
		fields: [
			reportId,
			{
				property: {
					displayName: 'Options',
					name: 'options',
					type: 'collection',
					placeholder: 'Add Option',
					default: {},
					options: [
						{
							displayName: 'Timeout (Seconds)',
							name: 'timeout',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 300,
							description:
								'How long to wait for completion at most; after that the report is returned as it is',
							displayOptions: { show: { waitForCompletion: [true] } },
						},
						{
							displayName: 'Wait for Completion',
							name: 'waitForCompletion',
							type: 'boolean',
							default: false,
							description: 'Whether to poll GreenFlux until the batch is no longer in progress',
						},
					],
				},
			},
		],
		hook: batchReportHook,
	},
	{
		...base,
		operation: 'getManyStationValues',
		name: 'Get Many Station Values',
		action: 'Get configuration values of many charge stations',
		description: 'Get the values of one or more OCPP configuration keys for many charge stations',
		method: 'POST',
		permission: 'read',
		path: '/api/1.0/chargestationconfigurations',
		fields: [
			{
				property: {
					displayName: 'Configuration Keys',
					name: 'keys',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. HeartbeatInterval, MeterValueSampleInterval',
					description: 'One OCPP configuration key, or several separated by commas',
				},
				format: 'stringList',
			},
			...returnAllFields({
				limitHint: `Counts charge stations (each gives one row per key); GreenFlux sends up to ${MAX_STATIONS_PER_PAGE} per request`,
			}),
			collectionField('Filters', 'filters', 'Add Filter', [
				{
					property: {
						displayName: 'Charge Point Vendor',
						name: 'chargePointVendor',
						type: 'string',
						default: '',
						placeholder: 'e.g. Alfen',
					},
					to: inBody('charge_point_vendor'),
				},
				{
					property: {
						displayName: 'Charge Station IDs',
						name: 'chargeStationIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. GFX-CS-0001, GFX-CS-0002',
						description: 'Only these charge stations (separated by commas)',
					},
					to: inBody('charge_station_ids'),
					format: 'stringList',
				},
				{
					property: {
						displayName: 'Firmware Version',
						name: 'firmwareVersion',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5.8.1',
					},
					to: inBody('firmware_version'),
				},
				{
					property: optionsProperty(
						'Protocol Version',
						'protocolVersion',
						[
							{ name: 'OCPP 1.5', value: 'Ocpp15' },
							{ name: 'OCPP 1.5 SOAP', value: 'Ocpp15Soap' },
							{ name: 'OCPP 1.6', value: 'Ocpp16' },
							{ name: 'OCPP 2.0.1', value: 'Ocpp201' },
						],
						{ default: 'Ocpp16' },
					),
					to: inBody('protocol_version'),
				},
			]),
			...csvOutputFields,
		],
		responseType: 'text',
		list: {
			pagination: 'offset',
			paramsIn: 'body',
			pageSizeParam: 'limit',
			maxPageSize: MAX_STATIONS_PER_PAGE,
			extract: stationsOfCsvPage,
		},
		hook: manyStationValuesHook,
	},
	csvDownload(
		{
			operation: 'getStationValues',
			name: 'Get Station Values',
			action: 'Get all configuration values of a charge station',
			description: 'Get every OCPP configuration key and value of one charge station',
			path: '/api/1.0/chargestationconfigurations/{chargeStationId}',
		},
		chargeStationId,
		(values) => `charge-station-${String(values.chargeStationId)}-configuration.csv`,
	),
];
