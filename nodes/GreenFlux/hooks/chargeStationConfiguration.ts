import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { asSingle } from '../../shared/envelope';
import { inputError, invalidInput } from '../../shared/errors';
import type { OperationContext, OperationHook, ParameterValues } from '../../shared/operations';
import type { GreenFluxResponse } from '../../shared/transport';
import { csvToObjects, parseCsv, toCsv } from '../../shared/hooks/csv';
import { outputFileItem } from '../../shared/hooks/outputFile';

/** The columns of GreenFlux's batch configuration CSV, in the order GreenFlux expects them. */
export const BATCH_COLUMNS = [
	'ChargeStationId',
	'Key',
	'Value',
	'ResetOnAccepted',
	'Retries',
	'Delay',
] as const;
type BatchColumn = (typeof BATCH_COLUMNS)[number];
export type BatchRow = Record<BatchColumn, string>;

const REQUIRED_COLUMNS: BatchColumn[] = ['ChargeStationId', 'Key', 'Value'];
const RESET_VALUES = ['OnIdle', 'Immediate'];
const LIMITS = {
	Retries: { min: 0, max: 5, unit: '' },
	Delay: { min: 0, max: 60, unit: ' seconds' },
} as const;

/** `chargeStationId`, `ChargeStationId`, `charge_station_id` and `Charge Station ID` all name the same column. */
const comparable = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const COLUMN_BY_NAME = new Map<string, BatchColumn>(
	BATCH_COLUMNS.map((column) => [comparable(column), column]),
);

const itemFieldName = (column: BatchColumn) => column.charAt(0).toLowerCase() + column.slice(1);

interface RowSource {
	/** e.g. `Row 2 (line 3)` or `Item 4`. */
	label: string;
	/** How a column is called in this source: `column "Retries"` or `field "retries"`. */
	column: (column: BatchColumn) => string;
	fix: string;
	itemIndex: number;
}

function invalid(
	this: IExecuteFunctions,
	source: RowSource,
	column: BatchColumn,
	problem: string,
): NodeOperationError {
	return inputError(
		this.getNode(),
		`${source.label}, ${source.column(column)}: ${problem}`,
		source.fix,
		source.itemIndex,
	);
}

/** Checks one row like GreenFlux does and returns it with canonical spellings. */
function checkRow(
	this: IExecuteFunctions,
	raw: Partial<Record<BatchColumn, unknown>>,
	source: RowSource,
): BatchRow {
	const text = (column: BatchColumn) => {
		const value = raw[column];
		return value === undefined || value === null ? '' : String(value);
	};
	const row = {} as BatchRow;
	for (const column of ['ChargeStationId', 'Key'] as const) {
		row[column] = text(column).trim();
		if (row[column] === '') throw invalid.call(this, source, column, 'is required');
	}
	if (row.Key.length > 50)
		throw invalid.call(
			this,
			source,
			'Key',
			`"${row.Key}" is longer than the 50 characters OCPP allows for a key`,
		);
	row.Value = text('Value');
	if (row.Value.length > 500)
		throw invalid.call(
			this,
			source,
			'Value',
			'is longer than the 500 characters OCPP allows for a value',
		);

	const reset = text('ResetOnAccepted').trim();
	const canonical = RESET_VALUES.find((value) => value.toLowerCase() === reset.toLowerCase());
	if (reset !== '' && !canonical) {
		throw invalid.call(
			this,
			source,
			'ResetOnAccepted',
			`"${reset}" is not allowed (use OnIdle, Immediate or leave it empty)`,
		);
	}
	row.ResetOnAccepted = canonical ?? '';

	for (const column of ['Retries', 'Delay'] as const) {
		const value = text(column).trim();
		const { min, max, unit } = LIMITS[column];
		const number = Number(value);
		if (value !== '' && (!/^\d+$/.test(value) || number < min || number > max)) {
			throw invalid.call(
				this,
				source,
				column,
				`"${value}" is not a whole number from ${min} to ${max}${unit}`,
			);
		}
		row[column] = value === '' ? '' : String(number);
	}
	return row;
}

/** Rows of a CSV file in GreenFlux's batch format (`;` or `,` delimited, header row required). */
export function rowsFromCsv(
	this: IExecuteFunctions,
	text: string,
	itemIndex: number,
	field: string,
): BatchRow[] {
	const fix = `Fix the CSV file in the input binary field "${field}": it needs the header row ${BATCH_COLUMNS.join(';')} and one row per configuration change.`;
	const fail = (message: string) => inputError(this.getNode(), message, fix, itemIndex);
	const { header, records } = parseCsv(text);
	if (header.length === 0) throw fail(`The CSV file in "${field}" is empty`);
	const columns = header.map((name) => {
		const column = COLUMN_BY_NAME.get(comparable(name));
		if (!column)
			throw fail(
				`CSV header, column "${name}": not a GreenFlux batch column (expected ${BATCH_COLUMNS.join(';')})`,
			);
		return column;
	});
	for (const column of REQUIRED_COLUMNS) {
		if (!columns.includes(column))
			throw fail(
				`CSV header: the column "${column}" is missing (expected ${BATCH_COLUMNS.join(';')})`,
			);
	}
	const duplicate = columns.find((column, i) => columns.indexOf(column) !== i);
	if (duplicate) throw fail(`CSV header: the column "${duplicate}" appears twice`);
	if (records.length === 0) throw fail(`The CSV file in "${field}" has a header but no rows`);

	return records.map(({ line, fields }, index) => {
		const label = `Row ${index + 1} (line ${line})`;
		if (fields.length > columns.length) {
			throw fail(
				`${label}: has ${fields.length} fields but the header has ${columns.length} columns (is a value with a ";" missing its quotes?)`,
			);
		}
		const raw: Partial<Record<BatchColumn, string>> = {};
		columns.forEach((column, i) => {
			raw[column] = fields[i];
		});
		return checkRow.call(this, raw, {
			label,
			column: (column) => `column "${column}"`,
			fix,
			itemIndex,
		});
	});
}

/** One row per input item, from fields chargeStationId, key, value, resetOnAccepted, retries, delay. */
export function rowsFromItems(this: IExecuteFunctions, itemIndices: number[]): BatchRow[] {
	const items = this.getInputData();
	const rows = itemIndices.map((itemIndex) => {
		const raw: Partial<Record<BatchColumn, unknown>> = {};
		for (const [name, value] of Object.entries(items[itemIndex]?.json ?? {})) {
			const column = COLUMN_BY_NAME.get(comparable(name));
			if (column && raw[column] === undefined)
				raw[column] = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
		}
		return checkRow.call(this, raw, {
			label: `Item ${itemIndex + 1}`,
			column: (column) => `field "${itemFieldName(column)}"`,
			fix: `Give every input item the fields ${BATCH_COLUMNS.map(itemFieldName).join(', ')} (for example with an Edit Fields node).`,
			itemIndex,
		});
	});
	if (rows.length === 0) {
		throw inputError(
			this.getNode(),
			'There are no input items to build the batch from',
			'Each input item becomes one row of the batch.',
		);
	}
	return rows;
}

/** A multipart/form-data body with one file part, built without a form-data dependency. */
export function multipartFile(
	field: string,
	fileName: string,
	contentType: string,
	content: Buffer,
): { body: Buffer; contentType: string } {
	const boundary = `----GreenFluxN8nBoundary${randomBytes(12).toString('hex')}`;
	const safeName = fileName.replace(/["\r\n]/g, '_');
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
	return {
		body: Buffer.concat([
			Buffer.from(head, 'utf8'),
			content,
			Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
		]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/** Batch Update: validate every row, upload them as one `;` CSV, fail on a batch GreenFlux marks Failed. */
export const batchUpdateHook: OperationHook = async function (this: IExecuteFunctions, context) {
	const { values, itemIndex, request } = context;
	let rows: BatchRow[];
	let fileName = 'batch-update.csv';
	if (values.source === 'items') {
		rows = rowsFromItems.call(this, context.itemIndices ?? [itemIndex]);
	} else {
		const field = String(values.binaryPropertyName);
		const binary = this.helpers.assertBinaryData(itemIndex, field);
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, field);
		rows = rowsFromCsv.call(this, buffer.toString('utf8'), itemIndex, field);
		fileName = binary.fileName ?? fileName;
	}
	const csv = toCsv(
		[...BATCH_COLUMNS],
		rows.map((row) => BATCH_COLUMNS.map((column) => row[column])),
		';',
	);
	const multipart = multipartFile('file', fileName, 'text/csv', Buffer.from(csv, 'utf8'));
	const response = await context.send({
		method: 'POST',
		path: request.path,
		qs: request.qs,
		headers: { ...request.headers, 'Content-Type': multipart.contentType },
		body: multipart.body,
	});
	const data = asSingle(response.data) ?? {};
	if (String(data.status ?? '').toLowerCase() === 'failed') {
		const reason = String(data.validation_error ?? 'no reason given');
		throw new NodeApiError(
			this.getNode(),
			{
				message: `GreenFlux rejected the batch: ${reason}`,
				report_id: String(data.report_id ?? ''),
			},
			{
				message: `GreenFlux rejected the batch: ${reason}`,
				description: `Fix the rows as GreenFlux says and send the batch again. Report ID: ${String(data.report_id ?? 'none')}.`,
				itemIndex,
			},
		);
	}
	return [{ json: { ...data, row_count: rows.length } }];
};

/** GreenFlux spells the running state `Inprogress` (schema) and `InProgress` (help centre). */
export function isInProgress(status: unknown): boolean {
	return typeof status === 'string' && /^(in\s*progress|pending)$/i.test(status.trim());
}

/** Get Batch Report, optionally polling until the batch is no longer in progress. */
export const batchReportHook: OperationHook = async function (
	this: IExecuteFunctions,
	context,
	run,
) {
	const options = (context.values.options ?? {}) as IDataObject;
	const wait = options.waitForCompletion === true;
	const timeoutMs = Number(options.timeout ?? 300) * 1000;
	const started = Date.now();
	let [report] = await run();
	for (let attempt = 0; wait && report && isInProgress(report.status); attempt++) {
		const pause = Math.min(1000 * 2 ** attempt, 10_000);
		if (Date.now() - started + pause > timeoutMs) break;
		await sleep(pause);
		[report] = await run();
	}
	return report ? [{ json: report }] : [];
};

/** The text of a CSV response (GreenFlux sends it as `text/csv`). */
export function responseText(data: unknown): string {
	if (typeof data === 'string') return data;
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (data === undefined || data === null) return '';
	return JSON.stringify(data);
}

/** JSON items (one per CSV row) or one item with the CSV as a binary file, as the Output field says. */
export async function csvResult(
	this: IExecuteFunctions,
	context: OperationContext,
	text: string,
	fileName: string,
	json: IDataObject = {},
): Promise<INodeExecutionData[]> {
	if (context.values.output !== 'file') return csvToObjects(text).map((row) => ({ json: row }));
	const file = { content: text, fileName, mimeType: 'text/csv' };
	return [
		await outputFileItem.call(this, context, file, {
			...json,
			fileName,
			rowCount: parseCsv(text).records.length,
		}),
	];
}

/** A CSV endpoint whose answer becomes JSON items or a CSV file named by `fileName`. */
export function csvOutputHook(fileName: (values: ParameterValues) => string): OperationHook {
	return async function (this: IExecuteFunctions, context) {
		const response = await context.send(context.request);
		return await csvResult.call(
			this,
			context,
			responseText(response.data),
			fileName(context.values),
		);
	};
}

/** Largest page GreenFlux serves for configuration values of many charge stations. */
export const MAX_STATIONS_PER_PAGE = 1000;

/** One item per charge station of a page of configuration values (CSV rows grouped by station), for paging by station. */
export function stationsOfCsvPage(response: GreenFluxResponse): IDataObject[] {
	const page = parseCsv(responseText(response.data));
	const stationColumn = Math.max(
		0,
		page.header.findIndex((name) => comparable(name) === 'chargestationid'),
	);
	const stations = new Map<string, string[][]>();
	for (const record of page.records) {
		const id = record.fields[stationColumn];
		stations.set(id, [...(stations.get(id) ?? []), record.fields]);
	}
	return [...stations.entries()].map(([chargeStationId, rows]) => ({
		chargeStationId,
		rows,
		header: page.header,
		delimiter: page.delimiter,
	}));
}

/**
 * Get Many Station Values: one key goes as `key`, several as `keys`; the executor pages over charge
 * stations (limit/offset in the body) and the stations' rows become one CSV answer.
 */
export const manyStationValuesHook: OperationHook = async function (
	this: IExecuteFunctions,
	context,
	run,
) {
	const keys = (context.values.keys as string[] | undefined) ?? [];
	if (keys.length === 0) {
		throw invalidInput.call(
			this,
			context,
			'Configuration Keys: give at least one OCPP configuration key',
			'For example HeartbeatInterval, or several keys separated by commas.',
		);
	}
	const body: IDataObject = { ...((context.request.body as IDataObject | undefined) ?? {}) };
	if (keys.length === 1) body.key = keys[0];
	else body.keys = keys;
	context.request.body = body;

	const stations = await run();
	const first = stations[0];
	const text = first
		? toCsv(
				first.header as string[],
				stations.flatMap((s) => s.rows as string[][]),
				first.delimiter as ';' | ',',
			)
		: '';
	return await csvResult.call(this, context, text, 'charge-station-configurations.csv', {
		stationCount: stations.length,
	});
};
