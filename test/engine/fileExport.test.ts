import { describe, expect, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { simplifyCdr } from '../../nodes/GreenFlux/simplify/cdr';
import { parseCsv } from '../../nodes/shared/hooks/csv';
import type { Json } from '../sandbox/seed';
import { addFault, binaryContent, runGreenFlux, useSandbox } from './helpers';

// Scale 4: more than 10,000 visible CDRs in the sandbox.
const sandbox = useSandbox({ scale: 4 });

const RANGE = { dateFrom: '2025-01-01T00:00:00Z', dateTo: '2026-11-01T00:00:00Z' };
const cdrsInRange = () =>
	sandbox()
		.state.visibleCdrs()
		.filter((cdr) => {
			const at = Date.parse(String(cdr.last_updated));
			return at >= Date.parse(RANGE.dateFrom) && at < Date.parse(RANGE.dateTo);
		});

const cell = (value: unknown) =>
	value === null || value === undefined
		? ''
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);

async function exportCdrs(parameters: IDataObject) {
	const run = await runGreenFlux(sandbox(), {
		resource: 'cdr',
		operation: 'getAll',
		apiVersion: '2.0',
		returnAll: true,
		...RANGE,
		...parameters,
	});
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	const [item] = run.items;
	return { run, json: item.json, text: binaryContent(item.binary?.data).toString('utf8') };
}

describe('List operations › Output as a file', () => {
	it('CSV File: 10,000+ CDRs, one row per sandbox CDR in order, the Simplify columns, one item', async () => {
		const cdrs = cdrsInRange();
		expect(cdrs.length).toBeGreaterThan(10_000);
		const { run, json, text } = await exportCdrs({ output: 'csv' });

		const { header, records } = parseCsv(text, ',');
		const expectedRows = cdrs.map((cdr) => simplifyCdr(cdr as IDataObject));
		expect(header).toEqual(Object.keys(expectedRows[0]));
		expect(records.map((r) => r.fields)).toEqual(
			expectedRows.map((row) => header.map((column) => cell(row[column]))),
		);
		expect(json).toMatchObject({
			format: 'csv',
			rows: cdrs.length,
			pages: run.requests.length,
			fileName: 'greenflux-cdrs_2025-01-01_2026-11-01.csv',
			dateFrom: '2025-01-01T00:00:00.000Z',
			dateTo: '2026-11-01T00:00:00.000Z',
			columns: header,
		});
		expect(run.requests.length).toBe(Math.ceil(cdrs.length / 1000));
		expect(run.items[0].binary?.data).toMatchObject({
			fileName: 'greenflux-cdrs_2025-01-01_2026-11-01.csv',
			mimeType: 'text/csv',
		});
	});

	it('JSON Lines File: each line is the CDR as GreenFlux sent it, in order; Simplify applies when on', async () => {
		const cdrs = cdrsInRange();
		const raw = await exportCdrs({ output: 'jsonl', apiVersion: '1.0' });
		const lines = raw.text.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines.map((line) => JSON.parse(line) as Json)).toEqual(cdrs);
		expect(raw.json).toMatchObject({ format: 'jsonl', rows: cdrs.length });

		const simplified = await exportCdrs({
			output: 'jsonl',
			simplify: true,
			returnAll: false,
			limit: 3,
		});
		expect(
			simplified.text
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line) as Json),
		).toEqual(cdrs.slice(0, 3).map((cdr) => simplifyCdr(cdr as IDataObject)));
	});

	it('Limit applies to files: the first N rows, no more pages than needed, and the file says so', async () => {
		const cdrs = cdrsInRange();
		const { run, json, text } = await exportCdrs({ output: 'csv', returnAll: false, limit: 2500 });
		const { records } = parseCsv(text, ',');
		expect(records.map((r) => r.fields[0])).toEqual(cdrs.slice(0, 2500).map((cdr) => cdr.id));
		expect(run.requests).toHaveLength(3);
		expect(json).toMatchObject({ rows: 2500, pages: 3, limit: 2500, limitReached: true });
	});

	it('semicolon CSV and an operation without Simplify: the top-level fields, objects as JSON', async () => {
		const run = await runGreenFlux(sandbox(), {
			resource: 'locationV1',
			operation: 'getAll',
			returnAll: true,
			output: 'csv',
			csvDelimiter: ';',
			binaryPropertyName: 'locations',
		});
		expect(run.error).toBeUndefined();
		const locations = sandbox().state.locationsV1();
		const { header, records } = parseCsv(
			binaryContent(run.items[0].binary?.locations).toString('utf8'),
			';',
		);
		expect(header).toEqual(Object.keys(locations[0]));
		expect(records.map((r) => r.fields)).toEqual(
			locations.map((location) => header.map((column) => cell(location[column]))),
		);
		expect(run.items[0].json.fileName).toMatch(/^greenflux-locations_\d{4}-\d{2}-\d{2}T/);
	});

	it('a failing page fails the node: no file with part of the data', async () => {
		await addFault(sandbox(), { kind: 'status', status: 500, path: '/api/2.0/cdrs', times: 50 });
		const run = await runGreenFlux(sandbox(), {
			resource: 'cdr',
			operation: 'getAll',
			apiVersion: '2.0',
			returnAll: true,
			output: 'csv',
			...RANGE,
		});
		sandbox().faults.clear();
		expect(run.items).toHaveLength(0);
		expect(run.error?.message).toMatch(/GreenFlux/);
	});
});
