import type { INodeProperties } from 'n8n-workflow';

import type { FieldDefinition } from '../../shared/operations';
import type { PlatformOperation } from '../resources';
import { explainEtagMismatch, replaceWithCurrentEtag } from '../../shared/hooks/etag';
import {
	booleanOption,
	type CollectionOption,
	collectionField,
	dateFromField,
	dateToField,
	etagOption,
	inBody,
	inQuery,
	jsonOption,
	mergeJsonOption,
	pathLocatorField,
	stringOption,
	textField,
	optionsProperty,
} from '../../shared/fields';
import { chargeStationLocator, locationLocator } from '../locators';
import {
	authRulesOption,
	cpsoIdsOption,
	directionsOption,
	maintenanceInfoOption,
	remarksOption,
} from './fields';

/** GreenFlux documents the Charge Stations API under version 1.0. */
const STATIONS_PATH = '/api/1.0/ChargeStations';
const TEMPLATES_PATH = '/api/1.0/ChargeStations/ChargestationTemplate';

const stations = {
	resource: 'chargeStation' as const,
	module: 'Charge Stations',
	objectName: 'charge station',
};
const templates = {
	resource: 'hardwareTemplate' as const,
	module: 'Charge Stations',
	objectName: 'hardware template',
};

const deployStateProperty = (name: string): INodeProperties => ({
	displayName: 'Deploy State',
	name,
	type: 'options',
	default: 'Stock',
	options: [
		{
			name: 'Deprecated',
			value: 'Deprecated',
			description: 'EVSEs are shared with status REMOVED; CDRs are no longer shared',
		},
		{
			name: 'Production',
			value: 'Production',
			description: 'Location, EVSEs and CDRs are shared externally (roaming, APIs)',
		},
		{
			name: 'Stock',
			value: 'Stock',
			description: 'Nothing is shared externally; CDRs are still processed',
		},
	],
	description:
		'Deployment state of the charge station. Only Production stations are shared externally.',
});

const chargerTypeProperty = (name: string): INodeProperties => ({
	displayName: 'Charger Type',
	name,
	type: 'options',
	default: 'Public',
	options: [
		{ name: 'Business', value: 'Business' },
		{ name: 'Home', value: 'Home' },
		{ name: 'Public', value: 'Public' },
	],
	description: 'Type of charge station (its exact use is CPO specific)',
});

const tariffProperty = (name: string): INodeProperties => ({
	displayName: 'Default Tariff ID',
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. A1',
	description: 'Tariff of every connector, unless a connector has its own',
});

const evsesProperty = (name: string, required: boolean): INodeProperties => ({
	displayName: 'EVSEs (JSON)',
	name,
	type: 'json',
	required,
	default:
		'[\n  {\n    "uid": "NL-GFX-EMyStation-1",\n    "evse_id": "NL*GFX*EMyStation*1",\n    "evse_sequence_number": 1,\n    "capabilities": ["RFID_READER", "REMOTE_START_STOP_CAPABLE"],\n    "connectors": [\n      { "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE", "voltage": 230, "amperage": 32, "max_electric_power": 22000 }\n    ]\n  }\n]',
	description: 'The EVSEs of the charge station with their connectors, as a JSON array',
});

const templateIdProperty = (name: string, required: boolean): INodeProperties => ({
	displayName: 'Hardware Template ID',
	name,
	type: 'string',
	required,
	default: '',
	placeholder: 'e.g. ABBT2-hardware-template_gfx7HW',
	description:
		'Hardware template whose EVSEs and connectors the charge station gets (template IDs are shown in the EV Portal)',
});

const etag = (description: string) =>
	etagOption(description, 'e.g. a4226211-202c-4e58-b6d4-c302b3b7afbd');

/** Optional charge-station fields shared by Create, Replace and Update. */
const optionalStationFields: CollectionOption[] = [
	stringOption('Name', 'name', 'name', 'Custom name of the charge station'),
	{
		property: {
			displayName: 'Installation Date',
			name: 'installationDate',
			type: 'dateTime',
			default: '',
			description: 'When the charge station was installed',
		},
		to: inBody('installation_date'),
		format: 'dateTime',
	},
	stringOption(
		'Default Reimbursement Tariff ID',
		'reimbursementTariffId',
		'default_charge_station_reimbursement_tariff_id',
		'Reimbursement tariff of every connector, unless a connector has its own',
		'e.g. A1',
	),
	stringOption(
		'Default Floor Level',
		'floorLevel',
		'default_charge_station_floor_level',
		'Floor level of the charge station',
		'e.g. 1',
	),
	directionsOption(
		'Default Directions (JSON)',
		'default_charge_station_directions',
		'the charge station',
	),
	maintenanceInfoOption('the charge station'),
	remarksOption('the charge station'),
	{
		property: optionsProperty(
			'Contactless Type',
			'contactlessType',
			[
				{ name: 'Nayax', value: 'Nayax' },
				{ name: 'Payter', value: 'Payter' },
			],
			{
				default: 'Payter',
				description: 'Contactless payment terminal installed in the charge station',
			},
		),
		to: inBody('contactless_type'),
	},
	stringOption(
		'Contactless Terminal Serial Number',
		'contactlessTerminalSerialNumber',
		'contactless_terminal_serial_number',
		'Serial number of the contactless terminal, if one is installed',
	),
	{
		property: {
			displayName: 'Contactless Terminal Auth Amount',
			name: 'contactlessTerminalAuthAmount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: 'Minimum pre-authorisation amount of the contactless terminal',
		},
		to: inBody('contactless_terminal_auth_amount'),
	},
	booleanOption(
		'Tap to Stop',
		'tapToStop',
		'tap_to_stop',
		'Whether the driver can end the session with the same contactless card',
	),
	booleanOption(
		'Stop on Idle',
		'stopOnParking',
		'stop_on_parking',
		'Whether to stop the session when the car is idle (formerly "Stop on Parking")',
	),
	booleanOption(
		'Dynamic Time-Based Tariffs',
		'dynamicTimeBasedTariffs',
		'dynamic_time_based_tariffs',
		'Whether dynamic time-based tariffs apply (see the GreenFlux knowledge hub)',
	),
	booleanOption(
		'Time-of-Use Tariffs',
		'timeOfUseTariffs',
		'time_of_use_tariffs',
		'Whether time-of-use tariffs apply (see the GreenFlux knowledge hub)',
	),
	booleanOption(
		'Exclude VAT',
		'excludeVat',
		'exclude_vat',
		'Whether the charge station is VAT exempt (see the GreenFlux knowledge hub)',
	),
	jsonOption(
		'Status Schedule (JSON)',
		'statusSchedule',
		'status_schedule',
		'Planned status periods: an array of {"period_begin", "period_end", "status", "status_message"}',
	),
	authRulesOption(),
	mergeJsonOption('Charge Station (JSON)', 'chargeStationJson', 'charge-station'),
];

const stationLocatorField = (): FieldDefinition =>
	pathLocatorField(chargeStationLocator('chargeStationId'));

/** For PUT and PATCH the charge station ID goes both in the path and in the body. */
const stationLocatorInPathAndBody = pathLocatorField(
	chargeStationLocator('chargeStationId'),
	'charge_station_id',
);

const requiredStationFields = (): FieldDefinition[] => [
	{
		property: locationLocator('locationId', {
			description: 'Location the charge station belongs to; it determines the CPO',
		}),
		to: inBody('location_id'),
	},
	{
		property: { ...deployStateProperty('deployState'), required: true },
		to: inBody('deploy_state'),
	},
	{
		property: { ...tariffProperty('defaultTariffId'), required: true },
		to: inBody('default_charge_station_tariff_id'),
	},
	{
		property: { ...chargerTypeProperty('chargerType'), required: true },
		to: inBody('charger_type'),
	},
];

const evseSourceField: FieldDefinition = {
	property: {
		displayName: 'EVSEs From',
		name: 'evseSource',
		type: 'options',
		default: 'template',
		options: [
			{
				name: 'EVSE List (JSON)',
				value: 'evses',
				description: 'EVSEs and connectors given as JSON',
			},
			{
				name: 'Hardware Template',
				value: 'template',
				description: 'The EVSEs and connectors of a hardware template',
			},
		],
		description:
			'A charge station needs at least one EVSE: from a hardware template or given in full',
	},
};

/** For the Get operations of charge stations and locations: GreenFlux forbids polling every object by ID. */
export const BULK_POLLING_NOTE =
	'Not for bulk polling: GreenFlux does not allow reading every object by ID; to keep a copy in sync, use Get Many with Date From (at most once an hour).';

export const chargeStationOperations: PlatformOperation[] = [
	{
		...stations,
		operation: 'create',
		name: 'Create',
		action: 'Create a charge station',
		description:
			'Create a charge station at an existing location, with EVSEs from a hardware template or given in full',
		method: 'POST',
		path: STATIONS_PATH,
		fields: [
			textField('Charge Station ID', 'newChargeStationId', 'charge_station_id', {
				placeholder: 'e.g. GFX-CS-0100',
				description:
					'Unique ID of the new charge station (as configured in the charge station, e.g. its OCPP identity)',
			}),
			...requiredStationFields(),
			evseSourceField,
			{
				property: {
					...templateIdProperty('chargeStationTemplateId', true),
					displayOptions: { show: { evseSource: ['template'] } },
				},
				to: inBody('charge_station_template_id'),
			},
			{
				property: {
					...evsesProperty('evses', true),
					displayOptions: { show: { evseSource: ['evses'] } },
				},
				to: inBody('evses'),
				format: 'json',
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', optionalStationFields),
		],
	},
	{
		...stations,
		operation: 'get',
		name: 'Get',
		action: 'Get a charge station',
		description: `Get one charge station with its EVSEs, in real time. ${BULK_POLLING_NOTE}`,
		method: 'GET',
		path: `${STATIONS_PATH}/{chargeStationId}`,
		fields: [stationLocatorField()],
	},
	{
		...stations,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many charge stations',
		description:
			'Get charge stations with their EVSEs, optionally only those changed in a period or at one location',
		method: 'GET',
		path: STATIONS_PATH,
		fields: [
			dateFromField(
				'Only charge stations changed at or after this time. EVSE status changes count as changes unless "Exclude EVSE Changes" is on.',
			),
			dateToField('Only charge stations changed before this time'),
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'CPO ID',
					'cpoId',
					inQuery('cpoId'),
					'Only charge stations of this CPO (case sensitive)',
					'e.g. NLGFXDEMO',
				),
				booleanOption(
					'Exclude EVSE Changes',
					'excludeEvsesModified',
					inQuery('exclude_evses_modified'),
					'Whether Date From and Date To should only look at changes of the charge station itself, not of its EVSEs',
				),
				{
					property: locationLocator('locationId', {
						required: false,
						description: 'Only the charge stations of this location',
					}),
					to: inQuery('location_id'),
				},
			]),
		],
		// GreenFlux documents 100 as the default page size and no maximum; larger pages might be cut short silently.
		list: {
			pagination: 'offset',
			pageSizeParam: 'limit',
			maxPageSize: 100,
			fileOutput: { name: 'charge-stations' },
		},
	},
	{
		...stations,
		operation: 'replace',
		name: 'Replace',
		action: 'Replace a charge station',
		description:
			'Replace all fields of a charge station (PUT). Fields you leave out are cleared. GreenFlux needs the current etag: leave Etag empty and the node reads it first.',
		method: 'PUT',
		path: `${STATIONS_PATH}/{chargeStationId}`,
		fields: [
			stationLocatorInPathAndBody,
			...requiredStationFields(),
			etag(
				'Etag of the charge station as you last read it. Leave empty to use its current etag (the node reads the charge station just before replacing it).',
			),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				...optionalStationFields,
				{ property: evsesProperty('evses', false), to: inBody('evses'), format: 'json' },
				{
					property: templateIdProperty('chargeStationTemplateId', false),
					to: inBody('charge_station_template_id'),
				},
			]),
		],
		hook: replaceWithCurrentEtag,
	},
	{
		...stations,
		operation: 'update',
		name: 'Update',
		action: 'Update a charge station',
		description: 'Change some fields of a charge station (PATCH); other fields keep their values',
		method: 'PATCH',
		path: `${STATIONS_PATH}/{chargeStationId}`,
		fields: [
			stationLocatorInPathAndBody,
			collectionField('Update Fields', 'updateFields', 'Add Field', [
				...optionalStationFields,
				{ property: chargerTypeProperty('chargerType'), to: inBody('charger_type') },
				{ property: deployStateProperty('deployState'), to: inBody('deploy_state') },
				{
					property: tariffProperty('defaultTariffId'),
					to: inBody('default_charge_station_tariff_id'),
				},
				etag(
					'Only update if the charge station still has this etag (optimistic concurrency). Leave empty to update whatever its current state.',
				),
				{
					property: locationLocator('locationId', {
						required: false,
						description: 'Move the charge station to this location',
					}),
					to: inBody('location_id'),
					format: 'string',
				},
			]),
		],
		hook: explainEtagMismatch,
	},
	{
		...templates,
		operation: 'create',
		name: 'Create',
		action: 'Create a hardware template',
		description:
			'Create a charge station hardware template: the EVSEs and connectors new charge stations can get',
		method: 'POST',
		path: TEMPLATES_PATH,
		fields: [
			textField('Name', 'name', 'name', {
				placeholder: 'e.g. Alfen Eve Double 2x22 kW',
				description: 'Name of the hardware template',
			}),
			{
				property: {
					displayName: 'EVSE Templates (JSON)',
					name: 'evseTemplates',
					type: 'json',
					required: true,
					default:
						'[\n  {\n    "evse_sequence_number": 1,\n    "capabilities": ["RFID_READER", "REMOTE_START_STOP_CAPABLE"],\n    "connector_templates": [\n      { "id": 1, "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE", "voltage": 230, "amperage": 32, "max_electric_power": 22000 }\n    ]\n  }\n]',
					description: 'The EVSEs of the template with their connectors, as a JSON array',
				},
				to: inBody('evse_templates'),
				format: 'json',
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				cpsoIdsOption(
					"CPSO IDs the template is for (sent in GreenFlux's cpsoIds header), separated by commas",
				),
				stringOption(
					'Template ID',
					'templateId',
					'template_id',
					'ID of the new template; GreenFlux assigns one when empty',
				),
				stringOption('Tenant ID', 'tenantId', 'tenant_id', 'Tenant the template belongs to'),
			]),
		],
	},
	{
		...templates,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many hardware templates',
		description: 'Get all charge station hardware templates (GreenFlux returns them in one list)',
		method: 'GET',
		path: TEMPLATES_PATH,
		output: 'objects',
		fields: [
			collectionField('Options', 'options', 'Add Option', [
				cpsoIdsOption(
					"Only the templates of these CPSOs (sent in GreenFlux's cpsoIds header), separated by commas",
				),
			]),
		],
	},
];
