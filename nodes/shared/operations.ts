import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fileOutputFields } from './fileExport';
import type { ApiProfileName } from './profiles';
import type { PageSpec, PaginationKind } from './pagination';
import type { GreenFluxRequest, GreenFluxResponse } from './transport';

/** How a parameter value is turned into what GreenFlux expects. */
export type ValueFormat =
	| 'string'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'json'
	| 'stringList'
	| 'raw';

export type Target =
	| { in: 'path'; name: string }
	/** `repeat`: a list is sent as the parameter repeated (`a=1&a=2`) instead of comma-separated. */
	| { in: 'query'; name: string; repeat?: boolean }
	/** Dotted path into the JSON body; '' merges an object value into the body (fields set one by one win over it). */
	| { in: 'body'; name: string }
	| { in: 'header'; name: string };

export interface FieldDefinition {
	/** The n8n property; the resource/operation display conditions are added for you. */
	property: INodeProperties;
	/** Where the value is sent; omitted for fields read by hooks only. */
	to?: Target;
	/** Further places the same value is sent, e.g. an ID both in the path and in the body. */
	alsoTo?: Target[];
	format?: ValueFormat;
	/** For collection properties: where each option goes. */
	options?: Record<string, { to: Target; format?: ValueFormat }>;
}

/** Parameter values of one item, keyed by property name (`collection.option` inside collections). */
export type ParameterValues = Record<string, unknown>;

export interface ListBehaviour extends Omit<PageSpec, 'kind'> {
	pagination: PaginationKind | ((values: ParameterValues) => PaginationKind);
	/** Split [from, to) into windows shorter than this many hours (query params named by the fields' targets). */
	dateWindow?: { fromField: string; toField: string; maxHours: number };
	/** The items of one page (default: the envelope's data as a list); Return All / Limit count these. */
	extract?: (response: GreenFluxResponse) => IDataObject[];
	/** Adds Output → CSV File / JSON Lines File, named greenflux-<name>_<range>; see fileExport.ts. */
	fileOutput?: { name: string };
}

export interface OperationContext {
	definition: OperationDefinition;
	itemIndex: number;
	values: ParameterValues;
	request: GreenFluxRequest;
	/** The input items this run covers: `[itemIndex]`, or every item for `batch: 'allItems'`. */
	itemIndices?: number[];
	/** Sends a request with the operation's module, API and item for error messages. */
	send(
		request: Partial<GreenFluxRequest> & Pick<GreenFluxRequest, 'method' | 'path'>,
	): Promise<GreenFluxResponse>;
}

export type Validator = (this: IExecuteFunctions, context: OperationContext) => void;

/** Named special behaviour: it receives the prepared request and returns the output items. */
export type OperationHook = (
	this: IExecuteFunctions,
	context: OperationContext,
	run: () => Promise<IDataObject[]>,
) => Promise<INodeExecutionData[]>;

export interface OperationDefinition<R extends string = string, O extends string = string> {
	resource: R;
	operation: O;
	/** Title Case, e.g. "Get Many". */
	name: string;
	/** Sentence case, e.g. "Get many CDRs". */
	action: string;
	description: string;
	/** The API profile (credential, body and error conventions); default platform. */
	api?: ApiProfileName;
	/** The object the operation acts on, in messages (e.g. "charge station"); default the resource value. */
	objectName?: string;
	/** GreenFlux module for messages such as "ask GreenFlux to enable module X". */
	module: string;
	method: IHttpRequestMethods;
	/** `{name}` placeholders are filled from path fields; a function picks the path from the values (API versions). */
	path: string | ((values: ParameterValues) => string);
	fields: FieldDefinition[];
	list?: ListBehaviour;
	/** object (default for non-list): one item; none: `{ success: true }` when GreenFlux sends no body. */
	output?: 'object' | 'objects';
	responseType?: GreenFluxRequest['responseType'];
	/** The module permission needed, when the HTTP method does not say it (a POST that only reads). */
	permission?: GreenFluxRequest['permission'];
	acceptOcpiErrors?: GreenFluxRequest['acceptOcpiErrors'];
	validate?: Validator[];
	hook?: OperationHook;
	/**
	 * Maps one raw output object to a flat, smaller one. When set, the operation gets n8n's "Simplify"
	 * toggle (default off) and the executor applies this to every object the operation returns.
	 */
	simplify?: (item: IDataObject) => IDataObject;
	/**
	 * 'allItems': the operation runs ONCE for all input items (parameters are read from the first item,
	 * every output item is paired with all input items), e.g. one batch upload built from every item.
	 * A function decides per execution (read parameters of item 0 with `this.getNodeParameter`).
	 */
	batch?: 'allItems' | ((this: IExecuteFunctions) => boolean);
	/** Extra fixed query parameters or headers. */
	fixedQuery?: IDataObject;
	/** Body values sent unless a field sets them (defaults GreenFlux requires, e.g. `token.valid`). */
	fixedBody?: IDataObject;
}

export interface ResourceDefinition<R extends string = string> {
	value: R;
	name: string;
	description: string;
}

/**
 * The definitions a node may hold, from its resource → operations map (as n8n's own nodes type their
 * resource/operation pairs): a definition whose resource or operation is not in the map does not compile.
 */
export type DefinitionOf<NodeMap> = {
	[R in keyof NodeMap & string]: OperationDefinition<R, NodeMap[R] & string>;
}[keyof NodeMap & string];

/** A definition mistake found while the node's description is built (fails the tests, not the user). */
export class DefinitionError extends Error {}

export const operationKey = (resource: string, operation: string) => `${resource}:${operation}`;

function showFor(definition: OperationDefinition, property: INodeProperties): INodeProperties {
	const show = {
		...(property.displayOptions?.show ?? {}),
		resource: [definition.resource],
		operation: [definition.operation],
	};
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/**
 * Return All / Limit. List operations get them from `fieldsOf`; an operation may put them among its
 * fields itself, e.g. with a hint saying what Limit counts when it is not obvious.
 */
export function returnAllFields(options: { limitHint?: string } = {}): FieldDefinition[] {
	return [
		{
			property: {
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
		},
		{
			property: {
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				...(options.limitHint ? { hint: options.limitHint } : {}),
				displayOptions: { show: { returnAll: [false] } },
			},
		},
	];
}

/** n8n's "Simplify" toggle, added to operations that define `simplify` (a CSV file is always simplified). */
export function simplifyField(hiddenForCsv = false): FieldDefinition {
	return {
		property: {
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			...(hiddenForCsv ? { displayOptions: { hide: { output: ['csv'] } } } : {}),
		},
	};
}

/**
 * All fields an operation shows, including Return All / Limit for list operations (and Simplify after them),
 * unless the operation places Return All / Limit among its fields itself; Output (items or a file) last.
 */
export function fieldsOf(definition: OperationDefinition): FieldDefinition[] {
	const toFile = definition.list?.fileOutput ? fileOutputFields() : [];
	const simplify = definition.simplify ? [simplifyField(toFile.length > 0)] : [];
	const placesReturnAll = definition.fields.some((f) => f.property.name === 'returnAll');
	if (!definition.list || placesReturnAll) return [...definition.fields, ...simplify, ...toFile];
	const [required, optional] = [
		definition.fields.filter((f) => f.property.required),
		definition.fields.filter((f) => !f.property.required),
	];
	return [...required, ...returnAllFields(), ...simplify, ...optional, ...toFile];
}

/** Every top-level parameter name must mean one type, whatever operation shows it. */
function checkParameterTypes(definitions: OperationDefinition[]): void {
	const seen = new Map<string, { type: string; key: string }>();
	for (const definition of definitions) {
		const key = operationKey(definition.resource, definition.operation);
		for (const { property } of fieldsOf(definition)) {
			const earlier = seen.get(property.name);
			if (earlier && earlier.type !== property.type) {
				throw new DefinitionError(
					`Parameter "${property.name}" is a ${property.type} in ${key} but a ${earlier.type} in ${earlier.key}: give one of them another name`,
				);
			}
			if (!earlier) seen.set(property.name, { type: property.type, key });
		}
	}
}

/** Fails on definitions that would silently vanish or clash in the node's description. */
export function checkDefinitions(
	resources: ResourceDefinition[],
	definitions: OperationDefinition[],
): void {
	const declared = new Set(resources.map((r) => r.value));
	const keys = new Set<string>();
	for (const definition of definitions) {
		const key = operationKey(definition.resource, definition.operation);
		if (!declared.has(definition.resource)) {
			throw new DefinitionError(
				`Operation ${key}: resource "${definition.resource}" is not declared in the node's resources`,
			);
		}
		if (keys.has(key)) throw new DefinitionError(`Operation ${key} is defined twice`);
		keys.add(key);
		const names = fieldsOf(definition).map((f) => f.property.name);
		const twice = names.find((name, i) => names.indexOf(name) !== i);
		if (twice) throw new DefinitionError(`Operation ${key} shows parameter "${twice}" twice`);
	}
	checkParameterTypes(definitions);
}

/** The node's resource, operation and field properties, derived from the (checked) definitions. */
export function buildProperties(
	resources: ResourceDefinition[],
	definitions: OperationDefinition[],
): INodeProperties[] {
	checkDefinitions(resources, definitions);
	const used = resources.filter((r) => definitions.some((d) => d.resource === r.value));
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: used.map(({ name, value, description }) => ({ name, value, description })),
			default: '',
		},
	];
	properties[0].default = used[0]?.value ?? '';
	for (const resource of used) {
		const operations = definitions.filter((d) => d.resource === resource.value);
		const options: INodePropertyOptions[] = operations.map((d) => ({
			name: d.name,
			value: d.operation,
			description: d.description,
			action: d.action,
		}));
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: '',
		});
		properties[properties.length - 1].default = operations[0].operation;
	}
	for (const definition of definitions) {
		for (const field of fieldsOf(definition)) properties.push(showFor(definition, field.property));
	}
	return properties;
}
