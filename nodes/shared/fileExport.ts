import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputFields } from './fields';
import { type CsvDelimiter, csvLine } from './hooks/csv';
import type { FieldDefinition, OperationContext } from './operations';

/** What a list operation with `list.fileOutput` returns: its objects as items, or one file. */
export type ListOutput = 'items' | 'csv' | 'jsonl';

const FORMATS = {
	csv: { extension: 'csv', mimeType: 'text/csv' },
	jsonl: { extension: 'jsonl', mimeType: 'application/x-ndjson' },
} as const;

/** "Output" (Items / CSV File / JSON Lines File), the binary field, and the CSV delimiter. */
export function fileOutputFields(): FieldDefinition[] {
	return [
		...outputFields({
			default: 'items',
			options: [
				{ name: 'Items', value: 'items', description: 'One n8n item per object' },
				{
					name: 'CSV File',
					value: 'csv',
					description:
						'One item with a CSV file: a row per object, built page by page (for thousands of objects, e.g. invoicing or audits)',
				},
				{
					name: 'JSON Lines File',
					value: 'jsonl',
					description:
						'One item with a JSON Lines file: each object as GreenFlux sent it on its own line, built page by page',
				},
			],
			description:
				'Large ranges are best as a file: the execution then stores one file instead of an item per object, which keeps n8n fast and its memory low',
			fileOutputs: ['csv', 'jsonl'],
		}),
		{
			property: {
				displayName: 'CSV Delimiter',
				name: 'csvDelimiter',
				type: 'options',
				default: ',',
				options: [
					{ name: 'Comma (,)', value: ',' },
					{
						name: 'Semicolon (;)',
						value: ';',
						description: 'What Excel expects in many European locales',
					},
				],
				displayOptions: { show: { output: ['csv'] } },
			},
		},
	];
}

/** The file format the user chose, or undefined for items. */
export function fileFormatOf(context: OperationContext): keyof typeof FORMATS | undefined {
	const output = context.values.output;
	return output === 'csv' || output === 'jsonl' ? output : undefined;
}

function cell(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * CSV rows with a stable column order: the columns of the first object, then any new ones in the order
 * they appear. Keeps only the encoded lines; rows written before a column was added get empty cells for it.
 */
class CsvRows {
	private readonly columns: string[] = [];
	private readonly known = new Set<string>();
	private readonly lines: Array<{ text: string; columns: number }> = [];

	constructor(private readonly delimiter: CsvDelimiter) {}

	add(row: IDataObject): void {
		for (const key of Object.keys(row)) {
			if (this.known.has(key)) continue;
			this.known.add(key);
			this.columns.push(key);
		}
		const fields = this.columns.map((column) => cell(row[column]));
		this.lines.push({ text: csvLine(fields, this.delimiter), columns: this.columns.length });
	}

	text(): string {
		const width = this.columns.length;
		const pad = (line: { text: string; columns: number }) =>
			line.text + this.delimiter.repeat(width - line.columns);
		return [csvLine(this.columns, this.delimiter), ...this.lines.map(pad)].join('\r\n') + '\r\n';
	}

	get header(): string[] {
		return [...this.columns];
	}
}

function fileDate(date: DateTime): string {
	const utc = date.toUTC();
	return utc.equals(utc.startOf('day'))
		? utc.toFormat('yyyy-MM-dd')
		: utc.toFormat("yyyy-MM-dd'T'HH-mm-ss'Z'");
}

/** e.g. greenflux-cdrs_2026-11-01_2026-12-01.csv (the range asked for, else the time of the export). */
function fileNameOf(context: OperationContext, name: string, extension: string): string {
	const from = context.values.dateFrom as DateTime | undefined;
	const to = context.values.dateTo as DateTime | undefined;
	const now = DateTime.utc().startOf('second');
	const range = from ? `${fileDate(from)}_${fileDate(to ?? now)}` : fileDate(now);
	return `greenflux-${name}_${range}.${extension}`;
}

/**
 * Writes the list to one file page by page, keeping only the encoded text of earlier pages. CSV rows
 * are the operation's Simplify fields when it has Simplify (invoicing-ready), else the top-level fields
 * (objects and lists as JSON); JSON Lines holds the objects as GreenFlux sent them unless Simplify is on.
 */
export async function exportToFile(
	this: IExecuteFunctions,
	context: OperationContext,
	pages: AsyncIterable<IDataObject[]>,
): Promise<INodeExecutionData> {
	const format = fileFormatOf(context)!;
	const { definition, values } = context;
	const simplify =
		definition.simplify && (format === 'csv' || values.simplify === true)
			? definition.simplify
			: undefined;
	const csv = format === 'csv' ? new CsvRows(values.csvDelimiter === ';' ? ';' : ',') : undefined;
	const jsonLines: string[] = [];
	let rows = 0;
	let pageCount = 0;
	for await (const page of pages) {
		pageCount++;
		for (const object of page) {
			const row = simplify ? simplify(object) : object;
			if (csv) csv.add(row);
			else jsonLines.push(JSON.stringify(row));
			rows++;
		}
	}
	const { extension, mimeType } = FORMATS[format];
	const fileName = fileNameOf(context, definition.list!.fileOutput!.name, extension);
	const content = csv ? csv.text() : jsonLines.join('\n') + (rows > 0 ? '\n' : '');
	const field = String(values.binaryPropertyName ?? 'data');
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(content, 'utf8'),
		fileName,
		mimeType,
	);
	const json: IDataObject = { fileName, format, rows, pages: pageCount };
	if (values.returnAll !== true) {
		json.limit = values.limit as number;
		json.limitReached = rows >= (values.limit as number);
	}
	if (values.dateFrom) json.dateFrom = (values.dateFrom as DateTime).toUTC().toISO();
	if (values.dateTo) json.dateTo = (values.dateTo as DateTime).toUTC().toISO();
	if (csv) json.columns = csv.header;
	return { json, binary: { [field]: binary } };
}
