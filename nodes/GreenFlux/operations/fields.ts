import type { INodeProperties } from 'n8n-workflow';

import type { FieldDefinition } from '../../shared/operations';

interface FieldOptions {
	required?: boolean;
	description?: string;
	placeholder?: string;
	default?: INodeProperties['default'];
	displayOptions?: INodeProperties['displayOptions'];
}

/** A path segment such as a location ID. */
export function pathField(name: string, displayName: string, segment: string, options: FieldOptions = {}): FieldDefinition {
	return {
		property: {
			displayName,
			name,
			type: 'string',
			required: true,
			default: '',
			placeholder: options.placeholder,
			description: options.description,
			displayOptions: options.displayOptions,
		},
		to: { in: 'path', name: segment },
	};
}

/** A date query parameter (GreenFlux: `date_from` inclusive, `date_to` exclusive, on last_updated). */
export function dateField(name: string, displayName: string, queryName: string, options: FieldOptions = {}): FieldDefinition {
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

export const dateFromField = (description = 'Only objects last updated at or after this time') =>
	dateField('dateFrom', 'Date From', 'date_from', { description });

export const dateToField = (description = 'Only objects last updated before this time') =>
	dateField('dateTo', 'Date To', 'date_to', { description });
