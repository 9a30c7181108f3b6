import get from 'lodash/get';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseDate } from '../../shared/dates';
import { formatQueryDate } from '../../shared/dateWindows';
import { isObject } from '../../shared/envelope';
import { invalidInput } from '../../shared/errors';
import type { OperationContext, OperationHook } from '../../shared/operations';
import { normaliseTime, numberProblem } from '../checks';
import { idsOf } from './output';

/**
 * Operations whose body is a list GreenFlux replaces as a whole (EVSEs of a group, scenarios): the list
 * is built and checked here, before any request, then sent by the executor.
 */

/** n8n sends no body for an empty list, so an empty list goes as the JSON text `[]`. */
function setListBody(context: OperationContext, list: IDataObject[]): void {
	if (list.length > 0) {
		context.request.body = list;
		return;
	}
	context.request.body = '[]';
	context.request.headers = { ...context.request.headers, 'Content-Type': 'application/json' };
}

/** Where one entry of a list came from, for messages: `Scenario 2` or `Scenarios (JSON) [1]`. */
interface EntrySource {
	label: (index: number) => string;
	/** How a field is called in this source, e.g. `Start Time` or `start_time`. */
	field: (fieldsName: string, jsonName: string) => string;
	fix: string;
}

const fieldsSource = (entry: string, fix: string): EntrySource => ({
	label: (index) => `${entry} ${index + 1}`,
	field: (fieldsName) => fieldsName,
	fix,
});

const jsonSource = (displayName: string, fix: string): EntrySource => ({
	label: (index) => `${displayName} [${index}]`,
	field: (_fieldsName, jsonName) => jsonName,
	fix,
});

function jsonList(
	this: IExecuteFunctions,
	context: OperationContext,
	value: unknown,
	displayName: string,
	fix: string,
): unknown[] {
	if (!Array.isArray(value))
		throw invalidInput.call(this, context, `${displayName}: must be a JSON array`, fix);
	return value;
}

// ---- Capacity Group EVSE › Replace Charge Points ----

const EVSES_FIX =
	'Give the UIDs of the EVSEs the capacity group should have (not their EVSE IDs), e.g. NL-GFX-E0001-1.';

/** The EVSE UIDs from the source the user chose: the field, the input items or JSON. */
function evseUids(this: IExecuteFunctions, context: OperationContext): string[] {
	const { values } = context;
	if (values.evseSource === 'items') {
		const field = String(values.evseUidField ?? 'uid');
		const items = this.getInputData();
		const indices = context.itemIndices ?? [context.itemIndex];
		return indices.map((index) => {
			const uid: unknown = get(items[index]?.json ?? {}, field);
			if (typeof uid !== 'string' || uid.trim() === '') {
				throw invalidInput.call(
					this,
					{ itemIndex: index },
					`Item ${index + 1}: the field "${field}" holds no EVSE UID`,
					`Every input item needs the EVSE UID in the field "${field}" (set "EVSE UID Field" to the field that holds it).`,
				);
			}
			return uid.trim();
		});
	}
	if (values.evseSource === 'json') {
		const list = jsonList.call(this, context, values.evsesJson, 'EVSEs (JSON)', EVSES_FIX);
		return list.map((entry, index) => {
			const uid = isObject(entry) ? entry.uid : entry;
			if (typeof uid !== 'string' || uid.trim() === '') {
				throw invalidInput.call(
					this,
					context,
					`EVSEs (JSON) [${index}]: needs a "uid" (or be the UID as a string)`,
					EVSES_FIX,
				);
			}
			return uid.trim();
		});
	}
	return (values.evseUids as string[] | undefined) ?? [];
}

/** Replace Charge Points: ONE request with every EVSE, whichever source they come from. */
export const replaceChargePointsHook: OperationHook = async function (context, run) {
	const uids = evseUids.call(this, context);
	if (uids.length === 0 && context.values.evseSource !== 'json') {
		throw invalidInput.call(
			this,
			context,
			'EVSE UIDs: give at least one EVSE',
			'To remove every EVSE from the group, use EVSEs (JSON) with [].',
		);
	}
	setListBody(
		context,
		uids.map((uid) => ({ uid })),
	);
	await run();
	return [
		{
			json: {
				success: true,
				...idsOf(context.values),
				evse_count: uids.length,
				evse_uids: uids,
			},
		},
	];
};

// ---- scenarios ----

const capacityOf = (
	context: OperationContext,
	self: IExecuteFunctions,
	source: EntrySource,
	index: number,
	value: unknown,
): number => {
	const problem = numberProblem(value, 0);
	if (problem) {
		throw invalidInput.call(
			self,
			context,
			`${source.label(index)} → ${source.field('Capacity', 'capacity')}: ${problem}`,
			source.fix,
		);
	}
	return value as number;
};

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const DAY_FIX =
	'Each scenario needs days of the week, a start and end time HH:MM:SS (end after start; 24:00:00 ends the day) and a capacity of 0 or more.';

function dayOfWeekEntry(
	this: IExecuteFunctions,
	context: OperationContext,
	source: EntrySource,
	index: number,
	raw: { days: unknown; start: unknown; end: unknown; capacity: unknown },
): IDataObject[] {
	const label = source.label(index);
	const days = (Array.isArray(raw.days) ? raw.days : [raw.days]).map((day) =>
		String(day ?? '').toUpperCase(),
	);
	const unknown = days.filter((day) => !DAYS.includes(day));
	if (days.length === 0 || unknown.length > 0) {
		const daysName = source.field('Days', 'day_of_week');
		throw invalidInput.call(
			this,
			context,
			days.length === 0
				? `${label} → ${daysName}: choose at least one day`
				: `${label} → ${daysName}: "${unknown.join(', ')}" is not a day of the week`,
			DAY_FIX,
		);
	}
	const time = (value: unknown, fieldsName: string, jsonName: string, endOfDay: boolean) => {
		const normalised = normaliseTime(value, endOfDay);
		if (!normalised) {
			throw invalidInput.call(
				this,
				context,
				`${label} → ${source.field(fieldsName, jsonName)}: "${String(value ?? '')}" is not a time HH:MM:SS`,
				DAY_FIX,
			);
		}
		return normalised;
	};
	const start = time(raw.start, 'Start Time', 'start_time', false);
	const end = time(raw.end, 'End Time', 'end_time', true);
	if (start >= end) {
		throw invalidInput.call(
			this,
			context,
			`${label} → ${source.field('End Time', 'end_time')}: must be later than the start time (${start})`,
			DAY_FIX,
		);
	}
	const capacity = capacityOf(context, this, source, index, raw.capacity);
	return days.map((day) => ({ capacity, day_of_week: day, start_time: start, end_time: end }));
}

/** Day-of-Week Scenario › Replace: the scenarios from the fields (one per chosen day) or JSON. */
export const dayOfWeekScenariosHook: OperationHook = async function (context, run) {
	const { values } = context;
	let scenarios: IDataObject[];
	if (values.scenarioInput === 'json') {
		const source = jsonSource('Scenarios (JSON)', DAY_FIX);
		const list = jsonList.call(this, context, values.scenariosJson, 'Scenarios (JSON)', DAY_FIX);
		scenarios = list.flatMap((entry, index) => {
			const item = isObject(entry) ? entry : {};
			return dayOfWeekEntry.call(this, context, source, index, {
				days: item.day_of_week,
				start: item.start_time,
				end: item.end_time,
				capacity: item.capacity,
			});
		});
	} else {
		const source = fieldsSource('Scenario', DAY_FIX);
		const entries = ((values.dayOfWeekScenarios as IDataObject | undefined)?.scenario ??
			[]) as IDataObject[];
		scenarios = entries.flatMap((entry, index) =>
			dayOfWeekEntry.call(this, context, source, index, {
				days: entry.days ?? [],
				start: entry.startTime,
				end: entry.endTime,
				capacity: entry.capacity,
			}),
		);
	}
	context.request.body = {
		...((context.request.body as IDataObject | undefined) ?? {}),
		scenarios,
	};
	return (await run()).map((json) => ({ json }));
};

const DATE_FIX =
	'Each scenario needs a start and an end date-time (end after start) and a capacity of 0 or more.';

/** Date-Time Scenario › Replace: the scenarios from the fields or JSON, dates in UTC. */
export const dateTimeScenariosHook: OperationHook = async function (context, run) {
	const { values } = context;
	const fromJson = values.scenarioInput === 'json';
	const source = fromJson
		? jsonSource('Scenarios (JSON)', DATE_FIX)
		: fieldsSource('Scenario', DATE_FIX);
	const entries = fromJson
		? jsonList.call(this, context, values.scenariosJson, 'Scenarios (JSON)', DATE_FIX)
		: (((values.dateTimeScenarios as IDataObject | undefined)?.scenario ?? []) as IDataObject[]);
	const scenarios = entries.map((entry, index) => {
		const item = isObject(entry) ? entry : {};
		const date = (value: unknown, fieldsName: string, jsonName: string) => {
			const parsed = parseDate(value, this.getTimezone());
			if (!parsed) {
				throw invalidInput.call(
					this,
					context,
					`${source.label(index)} → ${source.field(fieldsName, jsonName)}: "${String(value ?? '')}" is not a date-time (use ISO 8601, e.g. 2026-11-03T08:00:00Z)`,
					DATE_FIX,
				);
			}
			return parsed;
		};
		const start = date(fromJson ? item.start_date_time : item.start, 'Start', 'start_date_time');
		const end = date(fromJson ? item.end_date_time : item.end, 'End', 'end_date_time');
		if (start >= end) {
			throw invalidInput.call(
				this,
				context,
				`${source.label(index)} → ${source.field('End', 'end_date_time')}: must be later than the start (${formatQueryDate(start)})`,
				DATE_FIX,
			);
		}
		return {
			capacity: capacityOf(context, this, source, index, item.capacity),
			start_date_time: formatQueryDate(start),
			end_date_time: formatQueryDate(end),
		};
	});
	setListBody(context, scenarios);
	return (await run()).map((json) => ({ json }));
};
