import { DateTime } from 'luxon';
import cloneDeep from 'lodash/cloneDeep';
import set from 'lodash/set';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseDate } from './dates';
import { formatQueryDate } from './dateWindows';
import { asList, asSingle } from './envelope';
import { inputError, invalidInput } from './errors';
import {
	fieldsOf,
	type FieldDefinition,
	operationKey,
	type OperationContext,
	type OperationDefinition,
	type ParameterValues,
	type Target,
	type ValueFormat,
} from './operations';
import { exportToFile, fileFormatOf } from './fileExport';
import { fetchList, iterateList, type ListFetch } from './listFetch';
import { RepeatedPageError } from './pagination';
import { greenFluxRequest, type GreenFluxRequest } from './transport';

type Registry = Map<string, OperationDefinition>;

export function createRegistry(definitions: OperationDefinition[]): Registry {
	const registry: Registry = new Map();
	for (const definition of definitions) {
		const key = operationKey(definition.resource, definition.operation);
		if (registry.has(key)) throw new Error(`Operation ${key} is defined twice`);
		registry.set(key, definition);
	}
	return registry;
}

function isLocatorValue(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Whether n8n shows the property; `valueOf` reads the parameters its display options name. */
function isShown(property: INodeProperties, valueOf: (name: string) => unknown): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const [name, allowed] of Object.entries(show ?? {})) {
		if (name === 'resource' || name === 'operation' || name.startsWith('@')) continue;
		if (!(allowed ?? []).includes(valueOf(name) as never)) return false;
	}
	for (const [name, hidden] of Object.entries(hide ?? {})) {
		if ((hidden ?? []).includes(valueOf(name) as never)) return false;
	}
	return true;
}

function defaultFormat(property: INodeProperties): ValueFormat {
	switch (property.type) {
		case 'boolean':
		case 'number':
		case 'dateTime':
		case 'json':
			return property.type;
		case 'string':
			return 'string';
		default:
			return 'raw';
	}
}

class ParameterReader {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
	) {}

	private fail(displayName: string, problem: string): NodeOperationError {
		return inputError(
			this.context.getNode(),
			`${displayName}: ${problem}`,
			`Fix the "${displayName}" field of this GreenFlux node.`,
			this.itemIndex,
		);
	}

	convert(value: unknown, format: ValueFormat | undefined, displayName: string): unknown {
		switch (format) {
			case 'dateTime': {
				const date = parseDate(value, this.context.getTimezone());
				if (!date)
					throw this.fail(
						displayName,
						`"${String(value)}" is not a date GreenFlux can use (use ISO 8601, e.g. 2026-01-31T00:00:00Z)`,
					);
				return date;
			}
			case 'number': {
				const number = typeof value === 'number' ? value : Number(value);
				if (!Number.isFinite(number))
					throw this.fail(displayName, `"${String(value)}" is not a number`);
				return number;
			}
			case 'boolean':
				return value === true || value === 'true';
			case 'json': {
				if (typeof value !== 'string') return value;
				try {
					return JSON.parse(value);
				} catch {
					throw this.fail(displayName, 'is not valid JSON');
				}
			}
			case 'stringList': {
				const list = Array.isArray(value) ? value : String(value).split(',');
				return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
			}
			case 'raw':
				return value;
			default:
				return typeof value === 'string' ? value : String(value);
		}
	}

	read(fields: FieldDefinition[]): ParameterValues {
		const values: ParameterValues = {};
		for (const { property, format, options } of fields) {
			// A property may depend on one listed after it (Simplify is hidden for Output → CSV File).
			const valueOf = (name: string) => (name in values ? values[name] : this.peek(name));
			if (property.type === 'notice' || !isShown(property, valueOf)) continue;
			const raw = this.context.getNodeParameter(property.name, this.itemIndex, undefined, {
				extractValue: property.type === 'resourceLocator',
			});
			if (isEmpty(raw)) {
				if (property.required) throw this.fail(property.displayName, 'is required');
				continue;
			}
			if (options && typeof raw === 'object' && !Array.isArray(raw)) {
				const optionProperties = new Map(
					(property.options ?? [])
						.filter((o): o is INodeProperties => 'displayName' in o)
						.map((o) => [o.name, o]),
				);
				for (const [option, entry] of Object.entries(raw as IDataObject)) {
					// A resource locator inside a collection arrives as { __rl, mode, value }: send its value.
					const value = isLocatorValue(entry) ? entry.value : entry;
					if (isEmpty(value) || !options[option]) continue;
					const optionProperty = optionProperties.get(option);
					const label = `${property.displayName} → ${optionProperty?.displayName ?? option}`;
					const optionFormat =
						options[option].format ?? (optionProperty ? defaultFormat(optionProperty) : undefined);
					values[`${property.name}.${option}`] = this.convert(value, optionFormat, label);
				}
				continue;
			}
			values[property.name] = this.convert(
				raw,
				format ?? defaultFormat(property),
				property.displayName,
			);
		}
		return values;
	}

	/** A parameter not read yet; undefined when n8n hides it. */
	private peek(name: string): unknown {
		try {
			return this.context.getNodeParameter(name, this.itemIndex, undefined);
		} catch {
			return undefined;
		}
	}

	checkLimit(values: ParameterValues): void {
		if (values.returnAll === true || values.limit === undefined) return;
		const limit = values.limit as number;
		if (!Number.isInteger(limit) || limit < 1)
			throw this.fail('Limit', `must be a whole number of 1 or more (got ${String(limit)})`);
	}
}

function sendable(value: unknown): unknown {
	return DateTime.isDateTime(value) ? formatQueryDate(value) : value;
}

function buildRequest(
	definition: OperationDefinition,
	values: ParameterValues,
	itemIndex: number,
	node: IExecuteFunctions,
): GreenFluxRequest {
	const qs: IDataObject = { ...definition.fixedQuery };
	const headers: IDataObject = {};
	let body: IDataObject | undefined = definition.fixedBody
		? cloneDeep(definition.fixedBody)
		: undefined;
	const template =
		typeof definition.path === 'function' ? definition.path(values) : definition.path;
	let path = template;
	const place = (target: Target, value: unknown, displayName: string) => {
		const v = sendable(value);
		if (target.in === 'path')
			path = path.replace(`{${target.name}}`, encodeURIComponent(String(v)));
		else if (target.in === 'query')
			qs[target.name] = Array.isArray(v) && !target.repeat ? v.join(',') : (v as string);
		else if (target.in === 'header')
			headers[target.name] = Array.isArray(v) ? v.join(',') : String(v);
		else {
			body = body ?? {};
			if (target.name === '') {
				if (typeof v !== 'object' || v === null || Array.isArray(v)) {
					throw new NodeOperationError(node.getNode(), `${displayName}: must be a JSON object`, {
						itemIndex,
					});
				}
				Object.assign(body, cloneDeep(v));
			} else set(body, target.name, v);
		}
	};
	const placements: Array<[Target, unknown, string]> = [];
	for (const field of fieldsOf(definition)) {
		const { property } = field;
		if (field.to && property.name in values) {
			for (const target of [field.to, ...(field.alsoTo ?? [])])
				placements.push([target, values[property.name], property.displayName]);
		}
		for (const [option, spec] of Object.entries(field.options ?? {})) {
			const key = `${property.name}.${option}`;
			if (key in values) placements.push([spec.to, values[key], property.displayName]);
		}
	}
	// JSON objects merged into the body go first and parts of an object after the whole object
	// (`opening_times.twentyfourseven` after `opening_times`), so that the more specific field wins.
	const depth = (target: Target) =>
		target.in !== 'body' ? 0 : target.name === '' ? -1 : target.name.split('.').length;
	placements.sort(([a], [b]) => depth(a) - depth(b));
	for (const [target, value, displayName] of placements) place(target, value, displayName);
	const missing = /\{([^}]+)\}/.exec(path);
	if (missing) {
		throw new NodeOperationError(
			node.getNode(),
			`Missing value for "${missing[1]}" in ${template}`,
			{ itemIndex },
		);
	}
	return {
		api: definition.api ?? 'platform',
		module: definition.module,
		method: definition.method,
		path,
		qs,
		headers,
		body,
		responseType: definition.responseType,
		acceptOcpiErrors: definition.acceptOcpiErrors,
		permission: definition.permission,
		itemIndex,
	};
}

/** The values-only list fetch of a list operation: paging, Limit and date windows from the definition. */
function listFetchOf(this: IExecuteFunctions, context: OperationContext): ListFetch {
	const { definition, values, request } = context;
	const list = definition.list!;
	const kind = typeof list.pagination === 'function' ? list.pagination(values) : list.pagination;
	const { pageSizeParam, maxPageSize, minPageSize, paramsIn, continuationTokenIn } = list;
	const paging = { kind, pageSizeParam, maxPageSize, minPageSize, paramsIn, continuationTokenIn };
	const max = values.returnAll === true ? undefined : (values.limit as number);
	const fetch: ListFetch = { request, paging, max, extract: list.extract };
	if (!list.dateWindow) return fetch;
	const { fromField, toField, maxHours } = list.dateWindow;
	const param = (name: string) => definition.fields.find((f) => f.property.name === name)!.to!.name;
	const to = (values[toField] as DateTime | undefined) ?? DateTime.utc().startOf('second');
	const from = checkWindowRange.call(this, context, values[fromField] as DateTime | undefined, to);
	fetch.window = { from, to, fromParam: param(fromField), toParam: param(toField), maxHours };
	return fetch;
}

/** A windowed range needs a start, and a start before its end (an empty end means now); returns the start. */
function checkWindowRange(
	this: IExecuteFunctions,
	context: OperationContext,
	from: DateTime | undefined,
	to: DateTime,
): DateTime {
	const { fromField, toField, maxHours } = context.definition.list!.dateWindow!;
	const label = (name: string) =>
		fieldsOf(context.definition).find((f) => f.property.name === name)?.property.displayName ??
		name;
	if (!from) {
		throw invalidInput.call(
			this,
			context,
			`${label(fromField)} is required`,
			`GreenFlux only serves this data for a date range (fetched in windows shorter than ${maxHours} hours). Set ${label(fromField)}.`,
		);
	}
	if (context.values[toField] === undefined && from >= to) {
		const shown = (date: DateTime) => shownDate(date, this.getTimezone());
		throw invalidInput.call(
			this,
			context,
			`${label(fromField)} must be in the past when ${label(toField)} is empty`,
			`An empty ${label(toField)} means now, ${shown(to)}, and ${label(fromField)} is ${shown(from)}.`,
		);
	}
	return from;
}

/** Dates are compared in UTC; shown also in the time zone the user typed them in, when it differs. */
function shownDate(date: DateTime, timezone: string): string {
	const local = date.setZone(timezone);
	return !local.isValid || local.offset === date.offset
		? (date.toISO() ?? '')
		: `${local.toFormat('yyyy-MM-dd HH:mm:ss')} ${local.zoneName} (${date.toISO()})`;
}

function checkDateOrder(this: IExecuteFunctions, context: OperationContext): void {
	const dates = fieldsOf(context.definition).filter(
		(f) => f.property.type === 'dateTime' || f.format === 'dateTime',
	);
	const from = dates.find((f) => /from/i.test(f.property.name));
	const to = dates.find((f) => /to$|until/i.test(f.property.name));
	if (!from || !to) return;
	const start = context.values[from.property.name] as DateTime | undefined;
	const end = context.values[to.property.name] as DateTime | undefined;
	if (start && end && start >= end) {
		const shown = (date: DateTime) => shownDate(date, this.getTimezone());
		throw invalidInput.call(
			this,
			context,
			`${from.property.displayName} must be before ${to.property.displayName}`,
			`${from.property.displayName} is ${shown(start)} and ${to.property.displayName} is ${shown(end)}. GreenFlux includes ${from.property.displayName} and excludes ${to.property.displayName}.`,
		);
	}
}

function toItems(data: IDataObject[]): INodeExecutionData[] {
	return data.map((json) => ({ json }));
}

async function runOperation(
	this: IExecuteFunctions,
	definition: OperationDefinition,
	itemIndex: number,
	itemIndices: number[] = [itemIndex],
): Promise<INodeExecutionData[]> {
	const reader = new ParameterReader(this, itemIndex);
	const values = reader.read(fieldsOf(definition));
	if (definition.list) reader.checkLimit(values);
	const request = buildRequest(definition, values, itemIndex, this);
	const context: OperationContext = {
		definition,
		itemIndex,
		itemIndices,
		values,
		request,
		send: async (partial) => await greenFluxRequest.call(this, { ...request, ...partial }),
	};
	checkDateOrder.call(this, context);
	for (const validate of definition.validate ?? []) validate.call(this, context);

	const run = async (): Promise<IDataObject[]> => {
		const raw = await fetchRaw();
		return definition.simplify && values.simplify === true
			? raw.map((item) => definition.simplify!(item))
			: raw;
	};
	const fetchRaw = async (): Promise<IDataObject[]> => {
		if (definition.list) return await fetchList.call(this, listFetchOf.call(this, context));
		const response = await context.send(request);
		if (definition.output === 'objects') return asList(response.data);
		const single = asSingle(response.data);
		if (single) return [single];
		if (response.data === undefined || response.data === null || response.data === '')
			return [{ success: true }];
		return [{ result: response.data as IDataObject }];
	};
	if (definition.list && fileFormatOf(context)) {
		const pages = iterateList.call(this, listFetchOf.call(this, context));
		return [await exportToFile.call(this, context, pages)];
	}
	if (definition.hook) return await definition.hook.call(this, context, run);
	return toItems(await run());
}

function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof RepeatedPageError) {
		return new NodeApiError(
			this.getNode(),
			{ message: error.message },
			{ message: error.message, itemIndex },
		);
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

function runsOnceForAllItems(this: IExecuteFunctions, definition: OperationDefinition): boolean {
	if (definition.batch === 'allItems') return true;
	return typeof definition.batch === 'function' && definition.batch.call(this);
}

/**
 * Runs the selected operation once per input item (or once for all items when the operation is a
 * `batch: 'allItems'` operation), with pairedItem and Continue On Fail.
 */
export async function executeOperations(
	this: IExecuteFunctions,
	registry: Registry,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let pairedItem: IPairedItemData | IPairedItemData[] = { item: itemIndex };
		let allItems = false;
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const definition = registry.get(operationKey(resource, operation));
			if (!definition) {
				throw new NodeOperationError(
					this.getNode(),
					`Unknown operation "${operation}" for resource "${resource}"`,
					{ itemIndex },
				);
			}
			allItems = itemIndex === 0 && runsOnceForAllItems.call(this, definition);
			const itemIndices = allItems ? items.map((_, i) => i) : [itemIndex];
			if (allItems) pairedItem = itemIndices.map((item) => ({ item }));
			const results = await runOperation.call(this, definition, itemIndex, itemIndices);
			for (const result of results) output.push({ ...result, pairedItem });
		} catch (error) {
			const nodeError = asNodeError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? null },
				pairedItem,
			});
		}
		if (allItems) break;
	}
	return output;
}
