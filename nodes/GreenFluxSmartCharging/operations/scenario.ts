import type { INodeProperties } from 'n8n-workflow';

import {
	collectionField,
	inBody,
	inQuery,
	optionsOption,
	optionsProperty,
} from '../../shared/fields';
import type { FieldDefinition } from '../../shared/operations';
import { dateTimeScenariosHook, dayOfWeekScenariosHook } from '../hooks/bodies';
import { timeZoneLocator } from '../locators';
import {
	GROUP_PATH,
	SMART_CHARGING,
	SMART_CHARGING_PATH,
	type SmartChargingOperation,
} from '../resources';
import { capacityGroupIdField, DAY_OPTIONS } from './fields';

const dayOfWeek = {
	...SMART_CHARGING,
	resource: 'dayOfWeekScenario' as const,
	objectName: 'scenario',
};
const dateTime = {
	...SMART_CHARGING,
	resource: 'dateTimeScenario' as const,
	objectName: 'scenario',
};

const CAPACITY_UNIT =
	'In amps for groups on the Default algorithm, in watts for groups on the DC algorithm';

/** Scenario Input: the fixed collection or one JSON array. */
function scenarioInputField(jsonShape: string): FieldDefinition {
	return {
		property: optionsProperty(
			'Scenario Input',
			'scenarioInput',
			[
				{ name: 'Fields', value: 'fields', description: 'One entry per scenario' },
				{ name: 'JSON', value: 'json', description: `A JSON array of ${jsonShape}` },
			],
			{ default: 'fields', description: 'How to give the scenarios' },
		),
	};
}

function scenariosJsonField(example: string, description: string): FieldDefinition {
	return {
		property: {
			displayName: 'Scenarios (JSON)',
			name: 'scenariosJson',
			type: 'json',
			required: true,
			default: example,
			description,
			displayOptions: { show: { scenarioInput: ['json'] } },
		},
		format: 'json',
	};
}

const capacityValue: INodeProperties = {
	displayName: 'Capacity',
	name: 'capacity',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, numberPrecision: 1 },
	description: `The capacity of the group during the scenario. ${CAPACITY_UNIT}.`,
};

const dayOfWeekScenariosField: FieldDefinition = {
	property: {
		displayName: 'Scenarios',
		name: 'dayOfWeekScenarios',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Scenario',
		default: {},
		description: 'The weekly scenarios; none removes every day-of-week scenario',
		displayOptions: { show: { scenarioInput: ['fields'] } },
		options: [
			{
				displayName: 'Scenario',
				name: 'scenario',
				values: [
					{
						displayName: 'Days',
						name: 'days',
						type: 'multiOptions',
						options: DAY_OPTIONS,
						default: [],
						description: 'The days the scenario applies to (one scenario per day is sent)',
					},
					{
						displayName: 'Start Time',
						name: 'startTime',
						type: 'string',
						default: '',
						placeholder: 'e.g. 07:00:00',
						description: 'Local time (HH:MM:SS) in the time zone above',
					},
					{
						displayName: 'End Time',
						name: 'endTime',
						type: 'string',
						default: '',
						placeholder: 'e.g. 19:00:00',
						description:
							'Local time (HH:MM:SS) at which the scenario ends; 24:00:00 is the end of the day',
					},
					capacityValue,
				],
			},
		],
	},
};

const dateTimeScenariosField: FieldDefinition = {
	property: {
		displayName: 'Scenarios',
		name: 'dateTimeScenarios',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Scenario',
		default: {},
		description: 'The scenarios; none removes every date-time scenario',
		displayOptions: { show: { scenarioInput: ['fields'] } },
		options: [
			{
				displayName: 'Scenario',
				name: 'scenario',
				values: [
					{
						displayName: 'Start',
						name: 'start',
						type: 'dateTime',
						default: '',
						description: 'When the scenario starts',
					},
					{
						displayName: 'End',
						name: 'end',
						type: 'dateTime',
						default: '',
						description: 'When the scenario ends',
					},
					capacityValue,
				],
			},
		],
	},
};

export const dayOfWeekScenarioOperations: SmartChargingOperation[] = [
	{
		...dayOfWeek,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many day-of-week scenarios',
		description: 'Get the weekly capacity scenarios of a capacity group',
		method: 'GET',
		path: `${GROUP_PATH}/capacityscenarios/dayofweek`,
		fields: [
			capacityGroupIdField(),
			collectionField('Filters', 'filters', 'Add Filter', [
				optionsOption('Day of Week', 'dayOfWeek', inQuery('day_of_week'), DAY_OPTIONS, {
					default: 'MONDAY',
					description: 'Only the scenarios of this day',
				}),
			]),
		],
		output: 'objects',
	},
	{
		...dayOfWeek,
		operation: 'getTimeZones',
		name: 'Get Time Zones',
		action: 'Get the time zones for day-of-week scenarios',
		description: 'Get the Windows time zones GreenFlux accepts for day-of-week scenarios',
		method: 'GET',
		path: `${SMART_CHARGING_PATH}/capacitygroups/timezones`,
		fields: [],
		output: 'objects',
	},
	{
		...dayOfWeek,
		operation: 'replace',
		name: 'Replace',
		action: 'Replace the day-of-week scenarios',
		description:
			'Set the weekly capacity scenarios of a capacity group: every earlier day-of-week scenario is replaced',
		method: 'PUT',
		path: `${GROUP_PATH}/capacityscenarios/dayofweek`,
		fields: [
			capacityGroupIdField(),
			{
				property: timeZoneLocator('timeZone', {
					description: 'The Windows time zone the start and end times are in',
				}),
				to: inBody('time_zone'),
			},
			scenarioInputField('{"day_of_week", "start_time", "end_time", "capacity"}'),
			dayOfWeekScenariosField,
			scenariosJsonField(
				'[\n  {\n    "day_of_week": "MONDAY",\n    "start_time": "07:00:00",\n    "end_time": "19:00:00",\n    "capacity": 60\n  }\n]',
				`The scenarios: day_of_week (SUNDAY to SATURDAY), start_time and end_time (HH:MM:SS) and capacity. ${CAPACITY_UNIT}.`,
			),
		],
		output: 'objects',
		hook: dayOfWeekScenariosHook,
	},
];

export const dateTimeScenarioOperations: SmartChargingOperation[] = [
	{
		...dateTime,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many date-time scenarios',
		description: 'Get the capacity scenarios for fixed periods of a capacity group',
		method: 'GET',
		path: `${GROUP_PATH}/capacityscenarios/datetime`,
		fields: [capacityGroupIdField()],
		output: 'objects',
	},
	{
		...dateTime,
		operation: 'replace',
		name: 'Replace',
		action: 'Replace the date-time scenarios',
		description:
			'Set the capacity scenarios for fixed periods of a capacity group: every earlier date-time scenario is replaced',
		method: 'PUT',
		path: `${GROUP_PATH}/capacityscenarios/datetime`,
		fields: [
			capacityGroupIdField(),
			scenarioInputField('{"start_date_time", "end_date_time", "capacity"}'),
			dateTimeScenariosField,
			scenariosJsonField(
				'[\n  {\n    "start_date_time": "2026-12-24T18:00:00Z",\n    "end_date_time": "2026-12-27T06:00:00Z",\n    "capacity": 40\n  }\n]',
				`The scenarios: start_date_time and end_date_time (ISO 8601) and capacity. ${CAPACITY_UNIT}. [] removes them all.`,
			),
		],
		output: 'objects',
		hook: dateTimeScenariosHook,
	},
];
