import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FieldDefinition, ListBehaviour, Target, ValueFormat } from './operations';

interface FieldOptions {
	required?: boolean;
	description?: string;
	placeholder?: string;
	default?: INodeProperties['default'];
	displayOptions?: INodeProperties['displayOptions'];
}

/** A dotted path into the JSON body ('' merges a JSON object into the body). */
export const inBody = (name: string): Target => ({ in: 'body', name });

/** A query parameter. */
export const inQuery = (name: string): Target => ({ in: 'query', name });

/** Where a value goes: a Target, or a dotted body path. */
const targetOf = (to: Target | string): Target => (typeof to === 'string' ? inBody(to) : to);

/** A text parameter, required unless `extra` says otherwise, sent to `to` (a Target or a dotted body path). */
export const textField = (
	displayName: string,
	name: string,
	to: Target | string,
	extra: Partial<INodeProperties> = {},
): FieldDefinition => ({
	property: { displayName, name, type: 'string', required: true, default: '', ...extra },
	to: targetOf(to),
});

/** A path segment such as a location ID. */
export function pathField(
	name: string,
	displayName: string,
	segment: string,
	options: FieldOptions = {},
): FieldDefinition {
	const { placeholder, description, displayOptions } = options;
	return textField(
		displayName,
		name,
		{ in: 'path', name: segment },
		{ placeholder, description, displayOptions },
	);
}

/** A date query parameter (GreenFlux: `date_from` inclusive, `date_to` exclusive, on last_updated). */
export function dateField(
	name: string,
	displayName: string,
	queryName: string,
	options: FieldOptions = {},
): FieldDefinition {
	return {
		property: {
			displayName,
			name,
			type: 'dateTime',
			required: options.required ?? false,
			default: '',
			...(options.default === undefined ? {} : { default: options.default }),
			description: options.description,
			displayOptions: options.displayOptions,
		},
		to: { in: 'query', name: queryName },
		format: 'dateTime',
	};
}

export const dateFromField = (
	description = 'Only objects last updated at or after this time',
	options: { required?: boolean } = {},
) => dateField('dateFrom', 'Date From', 'date_from', { ...options, description });

export const dateToField = (description = 'Only objects last updated before this time') =>
	dateField('dateTo', 'Date To', 'date_to', { description });

/**
 * "Output": how the operation returns what GreenFlux sends, with "Put Output File in Field" for the
 * choices (`fileOutputs`) that return a binary file; hooks read `output` and `binaryPropertyName`.
 */
export function outputFields(output: {
	default: string;
	description: string;
	options: INodePropertyOptions[];
	fileOutputs: string[];
}): FieldDefinition[] {
	const { default: defaultOutput, description, options, fileOutputs } = output;
	return [
		{
			property: {
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: defaultOutput,
				options,
				description,
			},
		},
		{
			property: {
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				required: true,
				default: 'data',
				hint: 'The name of the output binary field to put the file in',
				displayOptions: { show: { output: fileOutputs } },
			},
		},
	];
}

/** GreenFlux serves charge station notifications and meter values only for ranges shorter than this. */
const WINDOW_HOURS = 72;

/**
 * Date From (required) and Date To of data GreenFlux serves only for ranges shorter than 72 hours, with
 * the `list.dateWindow` that makes the executor fetch any range in such windows.
 */
export function windowedDateRange(subject: string): {
	fields: FieldDefinition[];
	dateWindow: NonNullable<ListBehaviour['dateWindow']>;
} {
	return {
		fields: [
			dateFromField(
				`Only ${subject} from this time on (inclusive). Any range works: the node fetches it in windows shorter than ${WINDOW_HOURS} hours.`,
				{ required: true },
			),
			dateToField(`Only ${subject} before this time (exclusive). Leave empty for now.`),
		],
		dateWindow: { fromField: 'dateFrom', toField: 'dateTo', maxHours: WINDOW_HOURS },
	};
}

/** GreenFlux's bulk lists of CPO data (all charge station notifications, meter values): offset pages of 10,000 to 100,000. */
export const bulkOffsetPages = (): Omit<ListBehaviour, 'dateWindow'> => ({
	pagination: 'offset',
	pageSizeParam: 'limit',
	minPageSize: 10_000,
	maxPageSize: 100_000,
});

/** One option of a collection (Additional Fields, Update Fields, Filters, Options) and where its value goes. */
export interface CollectionOption {
	property: INodeProperties;
	to: Target;
	format?: ValueFormat;
}

/**
 * A collection whose options are sorted by display name (n8n convention), each mapped to its target.
 * An option without a format is sent by its n8n type (the executor's default: booleans, numbers,
 * dates and JSON keep their type, strings stay strings, option values are sent as they are).
 */
export function collectionField(
	displayName: string,
	name: string,
	placeholder: string,
	options: CollectionOption[],
): FieldDefinition {
	const sorted = [...options].sort((a, b) =>
		a.property.displayName.localeCompare(b.property.displayName),
	);
	return {
		property: {
			displayName,
			name,
			type: 'collection',
			placeholder,
			default: {},
			options: sorted.map((o) => o.property),
		},
		options: Object.fromEntries(
			sorted.map((o) => [
				o.property.name,
				o.format ? { to: o.to, format: o.format } : { to: o.to },
			]),
		),
	};
}

export const stringOption = (
	displayName: string,
	name: string,
	to: Target | string,
	description: string,
	placeholder?: string,
): CollectionOption => ({
	property: { displayName, name, type: 'string', default: '', description, placeholder },
	to: targetOf(to),
});

export const booleanOption = (
	displayName: string,
	name: string,
	to: Target | string,
	description: string,
): CollectionOption => ({
	property: { displayName, name, type: 'boolean', default: false, description },
	to: targetOf(to),
});

/** A JSON value (object or array) sent as parsed JSON. */
export const jsonOption = (
	displayName: string,
	name: string,
	to: Target | string,
	description: string,
	example = '[]',
): CollectionOption => ({
	property: { displayName, name, type: 'json', default: example, description },
	to: targetOf(to),
	format: 'json',
});

/** A resource locator sent as the path segment named like it, for PUT/PATCH also to a body path. */
export const pathLocatorField = (
	property: INodeProperties,
	alsoToBody?: string,
): FieldDefinition => ({
	property,
	to: { in: 'path', name: property.name },
	...(alsoToBody === undefined ? {} : { alsoTo: [inBody(alsoToBody)] }),
});

/** GreenFlux's etag (optimistic concurrency), sent in the body. */
export const etagOption = (description: string, example: string): CollectionOption =>
	stringOption('Etag', 'etag', 'etag', description, example);

/** "<Object> (JSON)": any further fields as one JSON object merged into the body (fields set one by one win). */
export const mergeJsonOption = (
	displayName: string,
	name: string,
	objectName: string,
): CollectionOption =>
	jsonOption(
		displayName,
		name,
		'',
		`Any further ${objectName} fields as a JSON object in GreenFlux's format; fields set one by one take precedence`,
		'{}',
	);

export interface LocatorOptions {
	displayName?: string;
	required?: boolean;
	description?: string;
}

/**
 * An n8n resource locator: "From List" (the node's list-search method, searchable) or "By ID". A plain
 * ID saved by an older version of a workflow is read as the "By ID" value.
 */
export function resourceLocator(
	name: string,
	searchListMethod: string,
	defaults: { displayName: string; placeholder: string },
	options: LocatorOptions = {},
): INodeProperties {
	return {
		displayName: options.displayName ?? defaults.displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: defaults.placeholder },
		],
	};
}

/** A parameter with a fixed list of choices (`options` type). */
export function optionsProperty(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	extra: Partial<INodeProperties> & Pick<INodeProperties, 'default'>,
): INodeProperties {
	const { default: defaultValue, ...rest } = extra;
	return { displayName, name, type: 'options', default: defaultValue, options, ...rest };
}

/** A number option of a collection, sent as a number. */
export const numberOption = (
	displayName: string,
	name: string,
	to: Target | string,
	description: string,
	extra: Partial<INodeProperties> = {},
): CollectionOption => ({
	property: { displayName, name, type: 'number', default: 0, description, ...extra },
	to: targetOf(to),
	format: 'number',
});

/** An option of a collection with a fixed list of choices, sent as the chosen value. */
export const optionsOption = (
	displayName: string,
	name: string,
	to: Target | string,
	options: INodePropertyOptions[],
	extra: Partial<INodeProperties> & Pick<INodeProperties, 'default'>,
): CollectionOption => ({
	property: optionsProperty(displayName, name, options, extra),
	to: targetOf(to),
	format: 'raw',
});

/** A number parameter, required unless `extra` says otherwise, sent to `to` (a Target or a dotted body path). */
export const numberField = (
	displayName: string,
	name: string,
	to: Target | string,
	extra: Partial<INodeProperties> = {},
): FieldDefinition => ({
	property: { displayName, name, type: 'number', required: true, default: 0, ...extra },
	to: targetOf(to),
	format: 'number',
});

/** A date-time option of a collection, sent as GreenFlux's UTC date (`yyyy-MM-ddTHH:mm:ssZ`). */
export const dateTimeOption = (
	displayName: string,
	name: string,
	to: Target | string,
	description: string,
): CollectionOption => ({
	property: { displayName, name, type: 'dateTime', default: '', description },
	to: targetOf(to),
	format: 'dateTime',
});

/** An option of a collection where several of a fixed list of choices may be picked, sent as a list. */
export const multiOptionsOption = (
	displayName: string,
	name: string,
	to: Target | string,
	options: INodePropertyOptions[],
	description: string,
): CollectionOption => ({
	property: { displayName, name, type: 'multiOptions', default: [], options, description },
	to: targetOf(to),
	format: 'raw',
});

/** The resource locators of one entity: "From List" with the node's list-search method, or "By ID". */
export const entityLocator =
	<M extends string>(searchListMethod: M, defaults: { displayName: string; placeholder: string }) =>
	(name: string, options: LocatorOptions = {}): INodeProperties =>
		resourceLocator(name, searchListMethod, defaults, options);
