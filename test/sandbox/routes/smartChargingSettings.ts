import type { Router } from '../http';
import type { Json } from '../seed';
import {
	capacityAt,
	type CapacityGroup,
	DAYS,
	isoMs,
	secondsOfDay,
	smartChargingStore,
	TIME_ZONES,
} from '../seeds/smartCharging';
import type { SandboxState } from '../state';
import {
	answeringBare,
	arrayBody,
	enumOf,
	groupOf,
	invalid,
	numberOf,
	objectBody,
	sendBare,
	sendEmpty,
} from './smartChargingShared';

/**
 * Algorithm settings ('Capacity Management - Default' in amps, '- DC' in watts), Smappee smart meter settings and
 * the dynamic capacity scenarios (day of week in a Windows time zone; date-time). Settings of both algorithms are
 * kept for every group and apply while the group runs that algorithm; scenario capacities are in the unit of the
 * group's algorithm. A PUT of settings changes only the fields it gives; a PUT of scenarios replaces them all.
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

export function defaultStateView(group: CapacityGroup, at = Date.now()): Json {
	const state = group.defaultState;
	// Scenario capacities are amps unless the group runs the DC algorithm (watts).
	const current =
		group.algorithm === 'CAPACITYMANAGEMENTDC'
			? state.default_group_capacity_amps
			: capacityAt(group, at, state.default_group_capacity_amps);
	return {
		default_group_capacity_amps: state.default_group_capacity_amps,
		current_group_capacity_amps: current,
		current_group_capacity_amps_l1: current,
		current_group_capacity_amps_l2: current,
		current_group_capacity_amps_l3: current,
		session_started_duration: state.session_started_duration,
		min_allocation_amps: state.min_allocation_amps,
	};
}

export function dcStateView(group: CapacityGroup, at = Date.now()): Json {
	const watts = group.dcState.default_group_capacity_watts;
	return {
		default_group_capacity_watts: watts,
		current_group_capacity_watts: capacityAt(group, at, watts),
	};
}

const byDayThenStart = (a: Json, b: Json) =>
	DAYS.indexOf(String(a.day_of_week)) - DAYS.indexOf(String(b.day_of_week)) ||
	secondsOfDay(a.start_time) - secondsOfDay(b.start_time);

/** No two periods (start, end in ms or seconds) of the same key may overlap. */
function checkOverlap(
	periods: Array<{ key: string; start: number; end: number; field: string }>,
): void {
	const sorted = [...periods].sort((a, b) => a.key.localeCompare(b.key) || a.start - b.start);
	for (let i = 1; i < sorted.length; i++) {
		if (sorted[i].key === sorted[i - 1].key && sorted[i].start < sorted[i - 1].end)
			throw invalid(sorted[i].field, 'Scenarios must not overlap.');
	}
}

function dayOfWeekScenarios(state: SandboxState, group: CapacityGroup, body: Json): Json[] {
	const zone = body.time_zone;
	if (zone === undefined || zone === null || zone === '')
		throw invalid('time_zone', 'The time_zone field is required.');
	const timeZone = TIME_ZONES.find((tz) => tz.id.toLowerCase() === String(zone).toLowerCase());
	if (!timeZone)
		throw invalid(
			'time_zone',
			`Time zone '${String(zone)}' is not supported (see /smartcharging/capacitygroups/timezones).`,
		);
	if (body.scenarios !== undefined && body.scenarios !== null && !Array.isArray(body.scenarios))
		throw invalid('scenarios', 'scenarios must be an array.');
	const random = smartChargingStore(state).random;
	const scenarios = ((body.scenarios as Json[] | null | undefined) ?? []).map((item, n) => {
		const prefix = `scenarios[${n}].`;
		if (typeof item !== 'object' || item === null)
			throw invalid(`scenarios[${n}]`, 'A scenario must be an object.');
		const capacity = numberOf(item, 'capacity', { min: 0, required: true, prefix });
		const day = enumOf(item.day_of_week, `${prefix}day_of_week`, DAYS);
		if (!day) throw invalid(`${prefix}day_of_week`, `The ${prefix}day_of_week field is required.`);
		const [start, end] = (['start_time', 'end_time'] as const).map((field) => {
			const value = item[field];
			const ok =
				typeof value === 'string' &&
				(TIME.test(value) || (field === 'end_time' && value === '24:00:00'));
			if (!ok)
				throw invalid(
					`${prefix}${field}`,
					`${prefix}${field} must be a time HH:MM:SS (got ${JSON.stringify(value)}).`,
				);
			return value as string;
		});
		if (secondsOfDay(start) >= secondsOfDay(end))
			throw invalid(`${prefix}end_time`, `${prefix}end_time must be later than start_time.`);
		return { id: '', capacity, day_of_week: day, start_time: start, end_time: end };
	});
	checkOverlap(
		scenarios.map((s, n) => ({
			key: s.day_of_week,
			start: secondsOfDay(s.start_time),
			end: secondsOfDay(s.end_time),
			field: `scenarios[${n}]`,
		})),
	);
	for (const scenario of scenarios) scenario.id = random.uuid();
	group.timeZone = timeZone.id;
	group.dayOfWeek = scenarios.sort(byDayThenStart);
	return group.dayOfWeek;
}

function dateTimeScenarios(state: SandboxState, group: CapacityGroup, body: Json[]): Json[] {
	const random = smartChargingStore(state).random;
	const scenarios = body.map((item, n) => {
		const prefix = `[${n}].`;
		if (typeof item !== 'object' || item === null)
			throw invalid(`[${n}]`, 'A scenario must be an object.');
		const capacity = numberOf(item, 'capacity', { min: 0, required: true, prefix });
		const [start, end] = (['start_date_time', 'end_date_time'] as const).map((field) => {
			const at = typeof item[field] === 'string' ? Date.parse(item[field] as string) : Number.NaN;
			if (Number.isNaN(at))
				throw invalid(
					`${prefix}${field}`,
					`${prefix}${field} must be a date-time (got ${JSON.stringify(item[field])}).`,
				);
			return at;
		});
		if (start >= end)
			throw invalid(
				`${prefix}end_date_time`,
				`${prefix}end_date_time must be later than start_date_time.`,
			);
		return { capacity, start, end };
	});
	checkOverlap(scenarios.map((s, n) => ({ key: '', start: s.start, end: s.end, field: `[${n}]` })));
	group.dateTime = scenarios
		.sort((a, b) => a.start - b.start)
		.map((s) => ({
			id: random.uuid(),
			capacity: s.capacity,
			start_date_time: isoMs(s.start),
			end_date_time: isoMs(s.end),
		}));
	return group.dateTime;
}

export function registerSmartChargingSettingsRoutes(router: Router, state: SandboxState): void {
	const module = { module: 'smartCharging' as const };
	const group = '/api/:version/smartcharging/capacitygroups/:groupId';

	router.add(
		'GET',
		`${group}/algorithms/capacitymanagementdefault/state`,
		module,
		answeringBare((ctx) => sendBare(ctx, defaultStateView(groupOf(state, ctx.params.groupId)))),
	);
	router.add(
		'PUT',
		`${group}/algorithms/capacitymanagementdefault/state`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			const body = objectBody(ctx);
			const capacity = numberOf(body, 'default_group_capacity_amps', { min: 0 });
			const minimum = numberOf(body, 'min_allocation_amps', { min: 6 });
			const duration = body.session_started_duration;
			if (
				duration !== undefined &&
				duration !== null &&
				(typeof duration !== 'string' || !(TIME.test(duration) || duration === '24:00:00'))
			)
				throw invalid(
					'session_started_duration',
					`session_started_duration must be a duration HH:MM:SS up to 24:00:00 (got ${JSON.stringify(duration)}).`,
				);
			const settings = target.defaultState;
			if (capacity !== undefined) settings.default_group_capacity_amps = capacity;
			if (minimum !== undefined) settings.min_allocation_amps = minimum;
			if (typeof duration === 'string') settings.session_started_duration = duration;
			sendEmpty(ctx);
		}),
	);
	router.add(
		'GET',
		`${group}/algorithms/capacitymanagementdc/state`,
		module,
		answeringBare((ctx) => sendBare(ctx, dcStateView(groupOf(state, ctx.params.groupId)))),
	);
	router.add(
		'PUT',
		`${group}/algorithms/capacitymanagementdc/state`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			const watts = numberOf(objectBody(ctx), 'default_group_capacity_watts', { min: 0 });
			if (watts !== undefined) target.dcState.default_group_capacity_watts = watts;
			sendEmpty(ctx);
		}),
	);

	router.add(
		'GET',
		`${group}/smappee/smartmeter`,
		module,
		answeringBare((ctx) => sendBare(ctx, { ...groupOf(state, ctx.params.groupId).smappee })),
	);
	router.add(
		'PUT',
		`${group}/smappee/smartmeter`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			const body = objectBody(ctx);
			const cable = numberOf(body, 'charge_points_cable_max_amps', { min: 1, required: true })!;
			const supply = numberOf(body, 'power_supply_max_amps', { min: 1, required: true })!;
			target.smappee = { charge_points_cable_max_amps: cable, power_supply_max_amps: supply };
			sendEmpty(ctx);
		}),
	);

	router.add(
		'GET',
		`${group}/capacityscenarios/dayofweek`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			const day = enumOf(ctx.query.day_of_week, 'day_of_week', DAYS);
			sendBare(
				ctx,
				target.dayOfWeek.filter((s) => !day || s.day_of_week === day),
			);
		}),
	);
	router.add(
		'PUT',
		`${group}/capacityscenarios/dayofweek`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			sendBare(ctx, dayOfWeekScenarios(state, target, objectBody(ctx)));
		}),
	);
	router.add(
		'GET',
		`${group}/capacityscenarios/datetime`,
		module,
		answeringBare((ctx) => sendBare(ctx, groupOf(state, ctx.params.groupId).dateTime)),
	);
	router.add(
		'PUT',
		`${group}/capacityscenarios/datetime`,
		module,
		answeringBare((ctx) => {
			const target = groupOf(state, ctx.params.groupId);
			sendBare(ctx, dateTimeScenarios(state, target, arrayBody(ctx)));
		}),
	);
}
