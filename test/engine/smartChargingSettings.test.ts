import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { TIME_ZONES } from '../sandbox/seeds/smartCharging';
import { runSmartCharging, useSandbox } from './helpers';

const sandbox = useSandbox();

const DEPOT = 'cc145599-2edb-489c-a290-784a5802d8a4';
const FAST_HUB = 'ba7caa53-e8ce-4c8e-a2ee-e08c95d410ab';
const GARAGE = 'd2bf6851-043a-4236-a047-30ad03c6334c';
const GROUPS = '/api/1.0/smartcharging/capacitygroups';

const locator = (value: string, mode: 'list' | 'id' = 'list') => ({ __rl: true, mode, value });

async function controlGroup(id: string): Promise<IDataObject> {
	const response = await request(`${sandbox().url}/__sandbox/smartcharging/capacitygroups`);
	const groups = (await response.body.json()) as IDataObject[];
	return groups.find((g) => g.id === id)!;
}
const statesOf = async (id: string) => (await controlGroup(id)).states as IDataObject;
const scenariosOf = async (id: string) => (await controlGroup(id)).scenarios as IDataObject;

describe('Default Algorithm settings', () => {
	const base = { resource: 'defaultAlgorithm' };

	it('Get Settings returns the settings and current capacity the sandbox holds', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getSettings',
			capacityGroupId: locator(DEPOT),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await statesOf(DEPOT)).capacitymanagementdefault]);
		expect(run.json[0]).toEqual(
			expect.objectContaining({ default_group_capacity_amps: 100, min_allocation_amps: 6 }),
		);
		expect(run.requests.map((r) => r.path)).toEqual([
			`${GROUPS}/${DEPOT}/algorithms/capacitymanagementdefault/state`,
		]);
	});

	it('Update Settings sends only the fields given (HH:MM completed to HH:MM:SS)', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'updateSettings',
			capacityGroupId: locator(GARAGE),
			updateFields: {
				defaultGroupCapacityAmps: 80,
				minAllocationAmps: 10,
				sessionStartedDuration: '00:20',
			},
		});
		expect(run.error).toBeUndefined();
		const sent = {
			default_group_capacity_amps: 80,
			min_allocation_amps: 10,
			session_started_duration: '00:20:00',
		};
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${GARAGE}/algorithms/capacitymanagementdefault/state`,
				status: 200,
				body: sent,
			}),
		]);
		expect(run.json).toEqual([{ success: true, capacity_group_id: GARAGE, ...sent }]);
		expect((await statesOf(GARAGE)).capacitymanagementdefault).toEqual(
			expect.objectContaining(sent),
		);
	});
});

describe('DC Algorithm settings', () => {
	const base = { resource: 'dcAlgorithm' };

	it('Get Settings returns the DC settings the sandbox holds', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getSettings',
			capacityGroupId: locator(FAST_HUB),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await statesOf(FAST_HUB)).capacitymanagementdc]);
		expect(run.json[0].default_group_capacity_watts).toBe(150000);
	});

	it('Update Settings sends the default capacity in watts', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'updateSettings',
			capacityGroupId: locator(FAST_HUB),
			defaultGroupCapacityWatts: 120000,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${FAST_HUB}/algorithms/capacitymanagementdc/state`,
				body: { default_group_capacity_watts: 120000 },
			}),
		]);
		expect(run.json).toEqual([
			{ success: true, capacity_group_id: FAST_HUB, default_group_capacity_watts: 120000 },
		]);
		expect((await statesOf(FAST_HUB)).capacitymanagementdc).toEqual(
			expect.objectContaining({ default_group_capacity_watts: 120000 }),
		);
	});
});

describe('Smappee Meter', () => {
	const base = { resource: 'smappeeMeter' };

	it('Get returns the meter settings the sandbox holds', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'get',
			capacityGroupId: locator(DEPOT),
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([(await controlGroup(DEPOT)).smappee]);
		expect(run.json).toEqual([{ charge_points_cable_max_amps: 80, power_supply_max_amps: 125 }]);
	});

	it('Update sends both maxima', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'update',
			capacityGroupId: locator(GARAGE),
			chargePointsCableMaxAmps: 50,
			powerSupplyMaxAmps: 80,
		});
		expect(run.error).toBeUndefined();
		const sent = { charge_points_cable_max_amps: 50, power_supply_max_amps: 80 };
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${GARAGE}/smappee/smartmeter`,
				body: sent,
			}),
		]);
		expect(run.json).toEqual([{ success: true, capacity_group_id: GARAGE, ...sent }]);
		expect((await controlGroup(GARAGE)).smappee).toEqual(sent);
	});
});

describe('Day-of-Week Scenario', () => {
	const base = { resource: 'dayOfWeekScenario' };

	it('Get Many returns the weekly scenarios, optionally of one day', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			capacityGroupId: locator(DEPOT),
		});
		expect(run.error).toBeUndefined();
		const scenarios = (await scenariosOf(DEPOT)).dayofweek as IDataObject[];
		expect(scenarios).toHaveLength(5);
		expect(run.json).toEqual(scenarios);

		const monday = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			capacityGroupId: locator(DEPOT),
			filters: { dayOfWeek: 'MONDAY' },
		});
		expect(monday.json).toEqual(scenarios.filter((s) => s.day_of_week === 'MONDAY'));
		expect(monday.requests[0].query).toEqual({ day_of_week: 'MONDAY' });
	});

	it('Get Time Zones returns the Windows time zones GreenFlux accepts', async () => {
		const run = await runSmartCharging(sandbox(), { ...base, operation: 'getTimeZones' });
		expect(run.error).toBeUndefined();
		expect(run.json.map((z) => ({ id: z.id, display_name: z.display_name }))).toEqual(
			TIME_ZONES.map((z) => ({ id: z.id, display_name: z.name })),
		);
		expect(run.json[0]).toEqual(
			expect.objectContaining({
				utc_offset: expect.any(String),
				supports_daylight_saving_time: expect.any(Boolean),
			}),
		);
	});

	it('Replace from fields sends one scenario per chosen day and returns what GreenFlux stored', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replace',
			capacityGroupId: locator(GARAGE),
			timeZone: locator('W. Europe Standard Time'),
			dayOfWeekScenarios: {
				scenario: [
					{ days: ['SATURDAY', 'SUNDAY'], startTime: '08:00', endTime: '24:00:00', capacity: 40 },
					{ days: ['MONDAY'], startTime: '07:00:00', endTime: '19:00:00', capacity: 30 },
				],
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${GARAGE}/capacityscenarios/dayofweek`,
				status: 200,
				body: {
					time_zone: 'W. Europe Standard Time',
					scenarios: [
						{ capacity: 40, day_of_week: 'SATURDAY', start_time: '08:00:00', end_time: '24:00:00' },
						{ capacity: 40, day_of_week: 'SUNDAY', start_time: '08:00:00', end_time: '24:00:00' },
						{ capacity: 30, day_of_week: 'MONDAY', start_time: '07:00:00', end_time: '19:00:00' },
					],
				},
			}),
		]);
		const group = await controlGroup(GARAGE);
		expect(group.time_zone).toBe('W. Europe Standard Time');
		expect(run.json).toEqual((group.scenarios as IDataObject).dayofweek);
		expect(run.json.map((s) => s.day_of_week)).toEqual(['SUNDAY', 'MONDAY', 'SATURDAY']);
	});

	it('Replace from JSON', async () => {
		const scenarios = [
			{ day_of_week: 'friday', start_time: '12:00:00', end_time: '14:00:00', capacity: 25 },
		];
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replace',
			capacityGroupId: locator(GARAGE),
			timeZone: locator('UTC', 'id'),
			scenarioInput: 'json',
			scenariosJson: JSON.stringify(scenarios),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({
			time_zone: 'UTC',
			scenarios: [{ ...scenarios[0], day_of_week: 'FRIDAY' }],
		});
		expect(run.json).toEqual([{ id: expect.any(String), ...scenarios[0], day_of_week: 'FRIDAY' }]);
		expect((await scenariosOf(GARAGE)).dayofweek).toEqual(run.json);
	});
});

describe('Date-Time Scenario', () => {
	const base = { resource: 'dateTimeScenario' };

	it('Get Many returns the scenarios of fixed periods', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'getAll',
			capacityGroupId: locator(DEPOT),
		});
		expect(run.error).toBeUndefined();
		const scenarios = (await scenariosOf(DEPOT)).datetime as IDataObject[];
		expect(scenarios).toHaveLength(2);
		expect(run.json).toEqual(scenarios);
	});

	it('Replace from fields sends the periods in UTC and returns what GreenFlux stored', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replace',
			capacityGroupId: locator(GARAGE),
			dateTimeScenarios: {
				scenario: [
					{ start: '2026-12-24T18:00:00Z', end: '2026-12-27T06:00:00Z', capacity: 40 },
					{ start: '2026-12-31T20:00:00+01:00', end: '2027-01-01T04:00:00+01:00', capacity: 20 },
				],
			},
		});
		expect(run.error).toBeUndefined();
		const sent = [
			{
				capacity: 40,
				start_date_time: '2026-12-24T18:00:00Z',
				end_date_time: '2026-12-27T06:00:00Z',
			},
			{
				capacity: 20,
				start_date_time: '2026-12-31T19:00:00Z',
				end_date_time: '2027-01-01T03:00:00Z',
			},
		];
		expect(run.requests).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `${GROUPS}/${GARAGE}/capacityscenarios/datetime`,
				body: sent,
			}),
		]);
		expect(run.json).toEqual(sent.map((s) => ({ id: expect.any(String), ...s })));
		expect((await scenariosOf(GARAGE)).datetime).toEqual(run.json);
	});

	it('Replace from JSON; [] removes every date-time scenario', async () => {
		const run = await runSmartCharging(sandbox(), {
			...base,
			operation: 'replace',
			capacityGroupId: locator(GARAGE),
			scenarioInput: 'json',
			scenariosJson: '[]',
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([]);
		expect(run.requests).toEqual([expect.objectContaining({ status: 200, body: [] })]);
		expect((await scenariosOf(GARAGE)).datetime).toEqual([]);
	});
});

describe('bad input fails with the field named, before any request', () => {
	// Required fields left empty are refused by n8n itself; an expression that yields nothing reaches the node.
	const cases: Array<[string, INodeParameters, RegExp | string, IDataObject[]?]> = [
		[
			'a missing capacity group',
			{
				resource: 'capacityGroup',
				operation: 'get',
				capacityGroupId: locator('={{ $json.groupId }}', 'id'),
			},
			'Capacity Group: is required',
		],
		[
			'a missing EVSE UID',
			{
				resource: 'priorityRequest',
				operation: 'create',
				capacityGroupId: locator(DEPOT),
				evseUid: locator('={{ $json.evseUid }}', 'id'),
			},
			'EVSE UID: is required',
		],
		[
			'a missing capacity group name on update',
			{
				resource: 'capacityGroup',
				operation: 'update',
				capacityGroupId: locator(DEPOT),
				name: '={{ $json.name }}',
			},
			'Name: is required',
		],
		[
			'a minimum allocation below 6 A',
			{
				resource: 'defaultAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(DEPOT),
				updateFields: { minAllocationAmps: 4 },
			},
			'Update Fields → Min Allocation (Amps): must be 6 A or more (got 4)',
		],
		[
			'a malformed session started duration',
			{
				resource: 'defaultAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(DEPOT),
				updateFields: { sessionStartedDuration: '15 minutes' },
			},
			'Update Fields → Session Started Duration: "15 minutes" is not a duration HH:MM:SS',
		],
		[
			'a duration past 24 hours',
			{
				resource: 'defaultAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(DEPOT),
				updateFields: { sessionStartedDuration: '25:00:00' },
			},
			'Update Fields → Session Started Duration: "25:00:00" is not a duration HH:MM:SS',
		],
		[
			'an update without fields',
			{
				resource: 'defaultAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(DEPOT),
			},
			'Update Fields: add at least one field to update',
		],
		[
			'a negative DC capacity',
			{
				resource: 'dcAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(FAST_HUB),
				defaultGroupCapacityWatts: -1,
			},
			'Default Group Capacity (Watts): must be 0 W or more (got -1)',
		],
		[
			'a Smappee maximum of 0',
			{
				resource: 'smappeeMeter',
				operation: 'update',
				capacityGroupId: locator(DEPOT),
				chargePointsCableMaxAmps: 0,
				powerSupplyMaxAmps: 100,
			},
			'Charge Points Cable Max (Amps): must be 1 A or more (got 0)',
		],
		[
			'a malformed scenario start time',
			{
				resource: 'dayOfWeekScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				timeZone: locator('UTC'),
				dayOfWeekScenarios: {
					scenario: [{ days: ['MONDAY'], startTime: '7:00', endTime: '19:00:00', capacity: 10 }],
				},
			},
			'Scenario 1 → Start Time: "7:00" is not a time HH:MM:SS',
		],
		[
			'a scenario without days',
			{
				resource: 'dayOfWeekScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				timeZone: locator('UTC'),
				dayOfWeekScenarios: {
					scenario: [{ days: [], startTime: '07:00', endTime: '19:00', capacity: 10 }],
				},
			},
			'Scenario 1 → Days: choose at least one day',
		],
		[
			'a JSON scenario ending before it starts',
			{
				resource: 'dayOfWeekScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				timeZone: locator('UTC'),
				scenarioInput: 'json',
				scenariosJson:
					'[{"day_of_week":"MONDAY","start_time":"19:00:00","end_time":"07:00:00","capacity":10}]',
			},
			'Scenarios (JSON) [0] → end_time: must be later than the start time (19:00:00)',
		],
		[
			'a missing time zone',
			{
				resource: 'dayOfWeekScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				timeZone: locator('={{ $json.timeZone }}'),
			},
			'Time Zone: is required',
		],
		[
			'a date-time scenario ending before it starts',
			{
				resource: 'dateTimeScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				dateTimeScenarios: {
					scenario: [{ start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z', capacity: 10 }],
				},
			},
			'Scenario 1 → End: must be later than the start (2026-12-02T00:00:00Z)',
		],
		[
			'a negative scenario capacity',
			{
				resource: 'dateTimeScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				scenarioInput: 'json',
				scenariosJson:
					'[{"start_date_time":"2026-12-01T00:00:00Z","end_date_time":"2026-12-02T00:00:00Z","capacity":-5}]',
			},
			'Scenarios (JSON) [0] → capacity: must be 0 or more (got -5)',
		],
		[
			'scenarios JSON that is not an array',
			{
				resource: 'dateTimeScenario',
				operation: 'replace',
				capacityGroupId: locator(DEPOT),
				scenarioInput: 'json',
				scenariosJson: '{"capacity": 5}',
			},
			'Scenarios (JSON): must be a JSON array',
		],
		[
			'an allocation graph without Date From',
			{
				resource: 'defaultAlgorithm',
				operation: 'getAllocationGraph',
				capacityGroupId: locator(DEPOT),
				returnAll: true,
				dateFrom: '={{ $json.from }}',
				dateTo: '2026-11-01T00:00:00Z',
			},
			'Date From: is required',
		],
		[
			'an allocation graph without Date To',
			{
				resource: 'dcAlgorithm',
				operation: 'getAllocationGraph',
				capacityGroupId: locator(FAST_HUB),
				returnAll: true,
				dateFrom: '2026-10-31T00:00:00Z',
				dateTo: '={{ $json.to }}',
			},
			'Date To: is required',
		],
		[
			'an allocation graph range that ends before it starts',
			{
				resource: 'defaultAlgorithm',
				operation: 'getAllocationGraph',
				capacityGroupId: locator(DEPOT),
				returnAll: true,
				dateFrom: '2026-11-01T00:00:00Z',
				dateTo: '2026-10-31T00:00:00Z',
			},
			'Date From must be before Date To',
		],
		[
			'priority requests without a period',
			{
				resource: 'priorityRequest',
				operation: 'getAll',
				returnAll: true,
				dateFrom: '={{ $json.from }}',
				dateTo: '={{ $json.to }}',
			},
			'Date From: is required',
		],
		[
			'an input item without an EVSE UID (Replace Charge Points)',
			{
				resource: 'capacityGroupEvse',
				operation: 'replaceChargePoints',
				capacityGroupId: locator(DEPOT),
				evseSource: 'items',
			},
			'Item 2: the field "uid" holds no EVSE UID',
			[{ uid: 'NL-GFX-E0001-1' }, { evse: 'NL-GFX-E0001-2' }],
		],
		[
			'an empty EVSE list (Replace Charge Points)',
			{
				resource: 'capacityGroupEvse',
				operation: 'replaceChargePoints',
				capacityGroupId: locator(DEPOT),
				evseUids: ' , ',
			},
			'EVSE UIDs: give at least one EVSE',
		],
	];

	// Objects, not tuples: jest would take a missing last tuple element for a done callback.
	const rows = cases.map(([label, parameters, message, inputItems]) => ({
		label,
		parameters,
		message,
		inputItems,
	}));

	it.each(rows)('$label', async ({ parameters, message, inputItems }) => {
		const before = JSON.stringify(await controlGroup(DEPOT));
		const run = await runSmartCharging(sandbox(), parameters, { inputItems });
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toEqual(message);
		expect(String((run.error as { description?: string }).description)).toContain(
			'No request was sent to GreenFlux.',
		);
		expect(run.requests).toEqual([]);
		expect(JSON.stringify(await controlGroup(DEPOT))).toBe(before);
	});

	it('with Continue On Fail, bad input becomes an error item and no request is sent', async () => {
		const run = await runSmartCharging(
			sandbox(),
			{
				resource: 'defaultAlgorithm',
				operation: 'updateSettings',
				capacityGroupId: locator(DEPOT),
				updateFields: { minAllocationAmps: 5 },
			},
			{ continueOnFail: true },
		);
		expect(run.json).toEqual([
			{
				error: 'Update Fields → Min Allocation (Amps): must be 6 A or more (got 5)',
				description: expect.stringContaining('No request was sent to GreenFlux.'),
			},
		]);
		expect(run.requests).toEqual([]);
	});
});
