/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test file: waits with setTimeout */
import { X509Certificate } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { certificateText } from '../../nodes/GreenFlux/hooks/certificate';
import { isInProgress } from '../../nodes/GreenFlux/hooks/chargeStationConfiguration';
import { csvToObjects, parseCsv, toCsv } from '../../nodes/shared/hooks/csv';
import type { Route } from '../sandbox/http';
import {
	configurationOf,
	configurationStore,
	initialConfiguration,
	OUTPUT_HEADER,
	SANDBOX_ROOT_CERTIFICATE,
	writeCsv,
} from '../sandbox/routes/configurations';
import { binaryContent, binaryFile, KEYS, runGreenFlux, useSandbox } from './helpers';

const sandbox = useSandbox();
const CONFIG = { resource: 'chargeStationConfiguration' };
const BASE = '/api/1.0/chargestationconfigurations';
const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const stationIds = () =>
	sandbox().state.seed.chargeStations.map((s) => String(s.charge_station_id));
const valuesOf = (id: string) => configurationOf(sandbox().state, id)!.values;
const reports = () => configurationStore(sandbox().state).reports;

/** A plain `;`/`,` CSV reader for the tests (no quoted delimiters in what the tests compare). */
function readCsv(text: string, delimiter = ';'): string[][] {
	return text
		.split(/\r?\n/)
		.filter((line) => line !== '')
		.map((line) => line.split(delimiter));
}

function fileOf(item: INodeExecutionData | undefined, field = 'data') {
	const binary = item?.binary?.[field];
	expect(binary).toBeDefined();
	return { binary: binary!, text: binaryContent(binary).toString('utf8') };
}

const pairedItems = (item: INodeExecutionData) => item.pairedItem;

describe('Charge Station Configuration › Get Station Values', () => {
	it('returns one item per configuration key, equal to the station configuration (quoted commas kept)', async () => {
		const id = stationIds()[0];
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getStationValues',
			chargeStationId: id,
		});
		expect(run.error).toBeUndefined();
		const expected = [...valuesOf(id).entries()].map(([Key, Value]) => ({
			ChargeStationId: id,
			Key,
			Value,
		}));
		expect(expected.length).toBeGreaterThan(15);
		expect(run.json).toEqual(expected);
		expect(run.json.find((row) => row.Key === 'MeterValuesSampledData')?.Value).toMatch(
			/^Energy\.Active\.Import\.Register,Power\.Active\.Import/,
		);
		expect(run.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', `${BASE}/${id}`, 200],
		]);
	});

	it('Output = CSV File puts the CSV GreenFlux sent in the chosen binary field', async () => {
		const id = stationIds()[1];
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getStationValues',
			chargeStationId: id,
			output: 'file',
			binaryPropertyName: 'configuration',
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const { binary, text } = fileOf(run.items[0], 'configuration');
		expect(binary.mimeType).toBe('text/csv');
		expect(binary.fileName).toBe(`charge-station-${id}-configuration.csv`);
		const rows = [...valuesOf(id).entries()].map(([key, value]) => [id, key, value]);
		expect(text).toBe(writeCsv(['ChargeStationId', 'Key', 'Value'], rows, ','));
		expect(run.json[0]).toEqual({
			fileName: `charge-station-${id}-configuration.csv`,
			rowCount: rows.length,
		});
	});

	it('an unknown charge station is a 404 NodeApiError', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getStationValues',
			chargeStationId: 'NO-SUCH-STATION',
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(/found nothing at GET .*NO-SUCH-STATION \(HTTP 404\)/);
		expect(run.requests.map((r) => r.status)).toEqual([404]);
	});
});

describe('Charge Station Configuration › Get Many Station Values', () => {
	const stationsWhere = (match: (s: Record<string, unknown>) => boolean) =>
		sandbox()
			.state.seed.chargeStations.filter(match)
			.map((s) => String(s.charge_station_id))
			.sort();

	it('one key with a vendor filter: one row per matching station (JSON body as documented)', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: 'HeartbeatInterval',
			returnAll: true,
			filters: { chargePointVendor: 'Alfen' },
		});
		expect(run.error).toBeUndefined();
		const ids = stationsWhere((s) => s.charge_point_vendor === 'Alfen');
		expect(ids.length).toBeGreaterThan(3);
		expect(run.json).toEqual(
			ids.map((id) => ({ ChargeStationId: id, Value: valuesOf(id).get('HeartbeatInterval') })),
		);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({ method: 'POST', path: BASE, status: 200 });
		expect(run.requests[0].body).toEqual({
			charge_point_vendor: 'Alfen',
			key: 'HeartbeatInterval',
			limit: 1000,
			offset: 0,
		});
	});

	it('several keys and charge station IDs: ChargeStationId, Key, Value per station and key', async () => {
		const [a, b] = stationIds().slice(2, 4);
		const keys = ['MeterValueSampleInterval', 'MeterValuesSampledData', 'NoSuchKey'];
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: keys.join(', '),
			returnAll: true,
			filters: { chargeStationIds: `${b}, ${a}, UNKNOWN-1`, protocolVersion: 'Ocpp16' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(
			[a, b]
				.sort()
				.flatMap((id) =>
					keys.map((Key) => ({ ChargeStationId: id, Key, Value: valuesOf(id).get(Key) ?? '' })),
				),
		);
		expect(run.requests[0].body).toEqual({
			charge_station_ids: [b, a, 'UNKNOWN-1'],
			protocol_version: 'Ocpp16',
			keys,
			limit: 1000,
			offset: 0,
		});
	});

	it('Limit counts charge stations; CSV File output holds exactly those rows', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: 'HeartbeatInterval,ConnectionTimeOut',
			returnAll: false,
			limit: 3,
			output: 'file',
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].body).toMatchObject({ limit: 3, offset: 0 });
		const ids = [...stationIds()].sort().slice(0, 3);
		const { binary, text } = fileOf(run.items[0]);
		expect(binary.mimeType).toBe('text/csv');
		expect(binary.fileName).toBe('charge-station-configurations.csv');
		expect(readCsv(text, ',')).toEqual([
			['ChargeStationId', 'Key', 'Value'],
			...ids.flatMap((id) =>
				['HeartbeatInterval', 'ConnectionTimeOut'].map((key) => [id, key, valuesOf(id).get(key)!]),
			),
		]);
		expect(run.json[0]).toMatchObject({ stationCount: 3, rowCount: 6 });
	});

	it('read permission is enough (the POST is a query)', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{
				...CONFIG,
				operation: 'getManyStationValues',
				keys: 'HeartbeatInterval',
				returnAll: false,
				limit: 2,
			},
			{ key: KEYS.readOnly },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(2);
	});

	it('a key without the module is told to ask for READ permission, although the request is a POST', async () => {
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'getManyStationValues', keys: 'HeartbeatInterval', returnAll: true },
			{ key: KEYS.cdrOnly },
		);
		expect(run.error?.message).toBe(
			'The Charge Station Configurations module is not enabled on this GreenFlux subscription (HTTP 403)',
		);
		expect((run.error as { description?: string }).description).toMatch(/with read permission/);
	});

	it('no configuration key fails before any request', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: ' , ',
			returnAll: true,
		});
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(/Configuration Keys/);
		expect(run.requests).toHaveLength(0);
	});

	it('HTTP 200 with an OCPI error envelope instead of CSV is a NodeApiError, not a CSV row', async () => {
		sandbox().faults.add({
			kind: 'ocpi',
			code: 2001,
			message: "'key' or 'keys' must be specified",
			path: `${BASE}$`,
			times: 1,
		});
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: 'HeartbeatInterval',
			returnAll: true,
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toContain('status_code 2001');
		expect(run.error?.message).toContain("'key' or 'keys' must be specified");
		expect(run.items).toHaveLength(0);
	});
});

describe('Charge Station Configuration › Get Many Station Values over more than 1,000 stations', () => {
	const large = useSandbox({ scale: 13 });

	it('Return All pages with limit/offset in the body until a short page', async () => {
		const ids = large()
			.state.seed.chargeStations.map((s) => String(s.charge_station_id))
			.sort();
		expect(ids.length).toBeGreaterThan(1000);
		const run = await runGreenFlux(large(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: 'NumberOfConnectors',
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => r.body)).toEqual([
			{ key: 'NumberOfConnectors', limit: 1000, offset: 0 },
			{ key: 'NumberOfConnectors', limit: 1000, offset: 1000 },
		]);
		expect(run.json.map((row) => row.ChargeStationId)).toEqual(ids);
		const station = large().state.seed.chargeStations.find(
			(s) => s.charge_station_id === ids[1010],
		)!;
		expect(run.json[1010].Value).toBe(String((station.evses as unknown[]).length));
	});

	it('Limit 1010 asks for the remaining 10 stations on the second page', async () => {
		const run = await runGreenFlux(large(), {
			...CONFIG,
			operation: 'getManyStationValues',
			keys: 'NumberOfConnectors',
			returnAll: false,
			limit: 1010,
		});
		expect(run.requests.map((r) => (r.body as IDataObject).limit)).toEqual([1000, 10]);
		expect(run.json).toHaveLength(1010);
	});
});

describe('Charge Station Configuration › Batch Update round trip (CSV file in, CSV file out)', () => {
	const started = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const [first, second] = ['GFX-CS-0001', 'GFX-CS-0002'];
	const inputRows = [
		[first, 'HeartbeatInterval', '600', 'Immediate', '2', '30'],
		[second, 'MeterValuesSampledData', 'Energy.Active.Import.Register,SoC', '', '0', '0'],
		['GFX-CS-9999', 'HeartbeatInterval', '600', 'OnIdle', '1', '10'],
	];
	const csv = `ChargeStationId;Key;Value;ResetOnAccepted;Retries;Delay\n${inputRows.map((r) => r.join(';')).join('\n')}\n`;
	let reportId = '';

	it('Batch Update uploads the CSV as multipart part "file" and returns the report ID', async () => {
		const before = {
			hb: valuesOf(first).get('HeartbeatInterval'),
			data: valuesOf(second).get('MeterValuesSampledData'),
		};
		expect(before.hb).not.toBe('600');
		const run = await runGreenFlux(
			sandbox(),
			{
				...CONFIG,
				operation: 'batchUpdate',
				source: 'binary',
				binaryPropertyName: 'data',
				batchDescription: 'Engine test batch',
			},
			{ inputBinary: [{ data: binaryFile(csv, 'heartbeat.csv', 'text/csv') }] },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(1);
		reportId = String(run.json[0].report_id);
		expect(reportId).toMatch(/^[0-9a-f]{32}$/);
		expect(run.json[0]).toEqual({
			report_id: reportId,
			status: 'InProgress',
			validation_error: null,
			row_count: 3,
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: `${BASE}/batch/update`,
			query: { description: 'Engine test batch' },
			status: 200,
		});
		const report = reports().find((r) => r.report_id === reportId)!;
		expect(
			report.rows.map((r) => [
				r.ChargeStationId,
				r.Key,
				r.Value,
				r.ResetOnAccepted,
				r.Retries,
				r.Delay,
			]),
		).toEqual(inputRows);
		expect(valuesOf(first).get('HeartbeatInterval')).toBe(before.hb);
	});

	it('Get Batch Report waits while GreenFlux says "Inprogress" and returns the completed report', async () => {
		// Keep the batch in progress for 1.5 s more, so that the node has to poll.
		const report = reports().find((r) => r.report_id === reportId)!;
		const delay = sandbox().state.options.commandDelayMs;
		sandbox().state.options.commandDelayMs = Date.now() - report.createdAtMs + 1500;
		let run;
		try {
			run = await runGreenFlux(sandbox(), {
				...CONFIG,
				operation: 'getBatchReport',
				reportId,
				options: { waitForCompletion: true, timeout: 30 },
			});
		} finally {
			sandbox().state.options.commandDelayMs = delay;
		}
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				report_id: reportId,
				cpo_id: 'NLGFXDEMO',
				creation_date: expect.any(String),
				description: 'Engine test batch',
				status: 'Completed',
			},
		]);
		expect(run.requests.length).toBeGreaterThanOrEqual(2);
		expect(
			run.requests.every((r) => r.path === `${BASE}/batch/report/${reportId}` && r.status === 200),
		).toBe(true);
	});

	it('Get Batch Output as a CSV file: the input rows plus Status and Remarks, and the stations changed', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchOutput',
			reportId,
			output: 'file',
			binaryPropertyName: 'report',
		});
		expect(run.error).toBeUndefined();
		const { binary, text } = fileOf(run.items[0], 'report');
		expect(binary.mimeType).toBe('text/csv');
		expect(binary.fileName).toBe(`batch-${reportId}-output.csv`);
		const [header, ...rows] = readCsv(
			text.replace('"Energy.Active.Import.Register,SoC"', 'Energy.Active.Import.Register,SoC'),
		);
		expect(header).toEqual(OUTPUT_HEADER);
		expect(rows.map((r) => r.slice(0, 6))).toEqual(inputRows);
		expect(rows.map((r) => r[6])).toEqual(['Accepted', 'Accepted', 'Rejected']);
		expect(rows[0][7]).toBe('Reset Immediate requested');
		expect(rows[2][7]).toMatch(/GFX-CS-9999 not found/);
		expect(valuesOf(first).get('HeartbeatInterval')).toBe('600');
		expect(valuesOf(second).get('MeterValuesSampledData')).toBe(
			'Energy.Active.Import.Register,SoC',
		);
	});

	it('Get Batch Output as JSON items: one item per row', async () => {
		const run = await runGreenFlux(sandbox(), { ...CONFIG, operation: 'getBatchOutput', reportId });
		expect(run.json).toEqual(
			inputRows.map(([ChargeStationId, Key, Value, ResetOnAccepted, Retries, Delay], i) => ({
				ChargeStationId,
				Key,
				Value,
				ResetOnAccepted,
				Retries,
				Delay,
				Status: i < 2 ? 'Accepted' : 'Rejected',
				Remarks: expect.any(String),
			})),
		);
	});

	it('Get Batch Input returns the rows as sent (ChargeStationId, Key, Value, ResetOnAccepted, Retries)', async () => {
		const run = await runGreenFlux(sandbox(), { ...CONFIG, operation: 'getBatchInput', reportId });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(
			inputRows.map(([ChargeStationId, Key, Value, ResetOnAccepted, Retries]) => ({
				ChargeStationId,
				Key,
				Value,
				ResetOnAccepted,
				Retries,
			})),
		);
		expect(run.requests.map((r) => r.path)).toEqual([`${BASE}/batch/report/${reportId}/input`]);

		const file = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchInput',
			reportId,
			output: 'file',
		});
		expect(fileOf(file.items[0]).binary.fileName).toBe(`batch-${reportId}-input.csv`);
	});

	it('Get Station Values shows the new value', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getStationValues',
			chargeStationId: first,
		});
		expect(run.json.find((row) => row.Key === 'HeartbeatInterval')).toEqual({
			ChargeStationId: first,
			Key: 'HeartbeatInterval',
			Value: '600',
		});
	});

	it('Get Batch History lists the batches created in the window, newest first', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchHistory',
			returnAll: true,
			dateFrom: started,
		});
		expect(run.error).toBeUndefined();
		const expected = [...reports()]
			.filter((r) => r.creation_date >= started)
			.sort((a, b) => b.createdAtMs - a.createdAtMs)
			.map(({ report_id, cpo_id, creation_date, description, status }) => ({
				report_id,
				cpo_id,
				creation_date,
				description,
				status,
			}));
		expect(expected.length).toBeGreaterThanOrEqual(1);
		expect(run.json).toEqual(expected);
		expect(run.json.find((r) => r.report_id === reportId)).toMatchObject({
			description: 'Engine test batch',
			status: 'Completed',
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query).toEqual({ date_from: started, limit: '1000' });
	});
});

describe('Charge Station Configuration › Batch Update from input items', () => {
	it('all input items form ONE batch: one request, one output item paired with every input item', async () => {
		const ids = stationIds().slice(4, 7);
		const items = [
			{
				chargeStationId: ids[0],
				key: 'ConnectionTimeOut',
				value: '45',
				resetOnAccepted: '',
				retries: 1,
				delay: 5,
			},
			{
				chargeStationId: ids[1],
				key: 'ConnectionTimeOut',
				value: '46',
				resetOnAccepted: 'onidle',
				retries: 0,
				delay: 0,
				other: 'ignored',
			},
			{
				ChargeStationId: ids[2],
				Key: 'WebSocketPingInterval',
				Value: 120,
				ResetOnAccepted: 'Immediate',
				Retries: '5',
				Delay: '60',
			},
		];
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'batchUpdate', source: 'items' },
			{ inputItems: items },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].query).toEqual({});
		expect(run.items).toHaveLength(1);
		expect(pairedItems(run.items[0])).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const report = reports().find((r) => r.report_id === run.json[0].report_id)!;
		expect(
			report.rows.map((r) => [
				r.ChargeStationId,
				r.Key,
				r.Value,
				r.ResetOnAccepted,
				r.Retries,
				r.Delay,
			]),
		).toEqual([
			[ids[0], 'ConnectionTimeOut', '45', '', '1', '5'],
			[ids[1], 'ConnectionTimeOut', '46', 'OnIdle', '0', '0'],
			[ids[2], 'WebSocketPingInterval', '120', 'Immediate', '5', '60'],
		]);
		await pause(sandbox().state.options.commandDelayMs + 50);
		const output = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchOutput',
			reportId: String(run.json[0].report_id),
		});
		expect(output.json.map((row) => row.Status)).toEqual(['Accepted', 'Accepted', 'Accepted']);
		expect(valuesOf(ids[1]).get('ConnectionTimeOut')).toBe('46');
		expect(valuesOf(ids[2]).get('WebSocketPingInterval')).toBe('120');
	});

	it('Binary File source still runs once per item (one batch per file), each paired with its item', async () => {
		const file = (value: string) => ({
			data: binaryFile(
				`ChargeStationId;Key;Value\nGFX-CS-0010;HeartbeatInterval;${value}\n`,
				'b.csv',
				'text/csv',
			),
		});
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'batchUpdate', source: 'binary' },
			{ inputItems: [{}, {}], inputBinary: [file('301'), file('302')] },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
		expect(run.items.map(pairedItems)).toEqual([{ item: 0 }, { item: 1 }]);
		const sent = run.json.map((j) => reports().find((r) => r.report_id === j.report_id)!.rows[0]);
		expect(sent.map((r) => [r.Value, r.ResetOnAccepted, r.Retries, r.Delay])).toEqual([
			['301', '', '0', '0'],
			['302', '', '0', '0'],
		]);
	});
});

describe('Charge Station Configuration › bad rows fail before any request', () => {
	const header = 'ChargeStationId;Key;Value;ResetOnAccepted;Retries;Delay';
	it.each([
		[
			`${header}\nGFX-CS-0001;HeartbeatInterval;600;;1;0\nGFX-CS-0002;HeartbeatInterval;600;;7;0`,
			/^Row 2 \(line 3\), column "Retries": "7" is not a whole number from 0 to 5$/,
		],
		[
			`${header}\nGFX-CS-0001;HeartbeatInterval;600;;1;61`,
			/^Row 1 \(line 2\), column "Delay": "61" is not a whole number from 0 to 60 seconds$/,
		],
		[
			`${header}\nGFX-CS-0001;HeartbeatInterval;600;;1.5;0`,
			/column "Retries": "1.5" is not a whole number/,
		],
		[
			`${header}\nGFX-CS-0001;HeartbeatInterval;600;Later;1;0`,
			/^Row 1 \(line 2\), column "ResetOnAccepted": "Later" is not allowed \(use OnIdle, Immediate or leave it empty\)$/,
		],
		[
			`${header}\n;HeartbeatInterval;600;;1;0`,
			/^Row 1 \(line 2\), column "ChargeStationId": is required$/,
		],
		[`${header}\nGFX-CS-0001; ;600;;1;0`, /column "Key": is required/],
		[
			`ChargeStationId;Key;Value;Reboot\nGFX-CS-0001;HeartbeatInterval;600;yes`,
			/^CSV header, column "Reboot": not a GreenFlux batch column/,
		],
		[`ChargeStationId;Value\nGFX-CS-0001;600`, /the column "Key" is missing/],
		[
			`${header}\nGFX-CS-0001;HeartbeatInterval;600;;1;0;extra;fields`,
			/^Row 1 \(line 2\): has 8 fields but the header has 6 columns/,
		],
		[`${header}\n`, /has a header but no rows/],
	])('CSV %#', async (csv, message) => {
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'batchUpdate', source: 'binary' },
			{ inputBinary: [{ data: binaryFile(csv, 'bad.csv', 'text/csv') }] },
		);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(message);
		expect((run.error as { description?: string }).description).toMatch(
			/No request was sent to GreenFlux/,
		);
		expect(run.requests).toHaveLength(0);
	});

	it('an input item with a bad field names the item and the field', async () => {
		const items = [
			{ chargeStationId: 'GFX-CS-0001', key: 'HeartbeatInterval', value: '600' },
			{ chargeStationId: 'GFX-CS-0002', key: 'HeartbeatInterval', value: '600', delay: -1 },
		];
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'batchUpdate', source: 'items' },
			{ inputItems: items },
		);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(
			'Item 2, field "delay": "-1" is not a whole number from 0 to 60 seconds',
		);
		expect(run.requests).toHaveLength(0);
	});

	it('with Continue On Fail the one error item is paired with every input item', async () => {
		const items = [
			{ chargeStationId: 'GFX-CS-0001', value: '600' },
			{ chargeStationId: 'GFX-CS-0002', key: 'K', value: '1' },
		];
		const run = await runGreenFlux(
			sandbox(),
			{ ...CONFIG, operation: 'batchUpdate', source: 'items' },
			{ inputItems: items, continueOnFail: true },
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(0);
		expect(run.items).toHaveLength(1);
		expect(run.json[0].error).toBe('Item 1, field "key": is required');
		expect(pairedItems(run.items[0])).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a missing binary field says so', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'batchUpdate',
			source: 'binary',
			binaryPropertyName: 'csv',
		});
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(/csv/);
		expect(run.requests).toHaveLength(0);
	});
});

describe('Charge Station Configuration › GreenFlux rejects a batch', () => {
	const batchRoute = () =>
		sandbox().router.routes.find(
			(r) => r.method === 'POST' && r.pattern.endsWith('/batch/update'),
		) as Route;

	it('a batch GreenFlux marks Failed is a NodeApiError with its validation_error', async () => {
		// GreenFlux finds a problem the node cannot see: here the file it receives has a wrong header.
		const route = batchRoute();
		const original = route.handler;
		route.handler = (ctx) => {
			ctx.rawBody = Buffer.from(
				ctx.rawBody.toString('latin1').replace('ChargeStationId;Key;', 'StationId;Key;'),
				'latin1',
			);
			return original(ctx);
		};
		try {
			const run = await runGreenFlux(
				sandbox(),
				{ ...CONFIG, operation: 'batchUpdate', source: 'items' },
				{
					inputItems: [{ chargeStationId: 'GFX-CS-0001', key: 'HeartbeatInterval', value: '900' }],
				},
			);
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toMatch(
				/^GreenFlux rejected the batch: Invalid columns "StationId;Key;Value;ResetOnAccepted;Retries;Delay"/,
			);
			expect(run.requests).toHaveLength(1);
			const failed = reports()[reports().length - 1];
			expect(failed.status).toBe('Failed');
			expect((run.error as { description?: string }).description).toContain(failed.report_id);
		} finally {
			route.handler = original;
		}
	});

	it('the sandbox itself rejects wrong columns and non-multipart bodies like GreenFlux', async () => {
		const boundary = 'xyz';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nId;Key;Value\r\nA;B;C\r\n--${boundary}--\r\n`;
		const headers = { Authorization: `Token ${KEYS.full}` };
		const multipart = await fetch(`${sandbox().url}${BASE}/batch/update`, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			body,
		});
		const answer = (await multipart.json()) as IDataObject;
		expect(answer).toMatchObject({
			status: 1000,
			data: {
				status: 'Failed',
				validation_error: expect.stringMatching(/^Invalid columns "Id;Key;Value"/),
			},
		});
		const json = await fetch(`${sandbox().url}${BASE}/batch/update`, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(json.status).toBe(415);
	});
});

describe('Charge Station Configuration › Get Batch Report', () => {
	it('returns the bare report object GreenFlux documents, as it is without waiting', async () => {
		const report = reports()[0];
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchReport',
			reportId: report.report_id,
		});
		expect(run.error).toBeUndefined();
		const { report_id, cpo_id, creation_date, description, status } = report;
		expect(run.json).toEqual([{ report_id, cpo_id, creation_date, description, status }]);
		expect(run.requests).toHaveLength(1);
	});

	it('an unknown report ID is a 404 NodeApiError', async () => {
		const run = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchReport',
			reportId: '0000',
		});
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toMatch(/HTTP 404/);
		const output = await runGreenFlux(sandbox(), {
			...CONFIG,
			operation: 'getBatchOutput',
			reportId: '0000',
		});
		expect(output.error?.message).toMatch(/HTTP 404/);
	});

	it('"Inprogress" (schema) and "InProgress" (help centre) are both in progress', () => {
		expect(['Inprogress', 'InProgress', 'inprogress', 'In Progress'].every(isInProgress)).toBe(
			true,
		);
		expect(['Completed', 'Failed', '', undefined].some(isInProgress)).toBe(false);
	});
});

describe('Certificate › Get Root Certificate', () => {
	const ROOT = { resource: 'certificate', operation: 'getRoot' };

	it('returns the PEM text as { certificate }', async () => {
		const run = await runGreenFlux(sandbox(), ROOT);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ certificate: SANDBOX_ROOT_CERTIFICATE.trim() }]);
		expect(new X509Certificate(String(run.json[0].certificate)).subject).toContain(
			'CN=GreenFlux Sandbox Root CA',
		);
		expect(run.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/api/1.0/chargestationcertificates/root', 200],
		]);
	});

	it.each([
		['pem', 'application/x-pem-file'],
		['crt', 'application/x-x509-ca-cert'],
	])('Output = %s file', async (output, mimeType) => {
		const run = await runGreenFlux(sandbox(), {
			...ROOT,
			output,
			binaryPropertyName: 'certificate',
		});
		expect(run.error).toBeUndefined();
		const { binary, text } = fileOf(run.items[0], 'certificate');
		expect(binary.mimeType).toBe(mimeType);
		expect(binary.fileName).toBe(`greenflux-root-certificate.${output}`);
		expect(text).toBe(SANDBOX_ROOT_CERTIFICATE);
	});

	it('without the Charge Station Certificates module: a 403 naming the module', async () => {
		const run = await runGreenFlux(sandbox(), ROOT, { key: KEYS.cdrOnly });
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toContain('The Charge Station Certificates module is not enabled');
	});
});

describe('sandbox configuration data', () => {
	it('is deterministic per charge station', () => {
		const station = sandbox().state.seed.chargeStations[5];
		expect([...initialConfiguration(station)]).toEqual([...initialConfiguration({ ...station })]);
		expect(initialConfiguration(station).get('HeartbeatInterval')).toBe(
			String(station.heartbeat_interval),
		);
	});
});

describe('CSV and certificate parsing helpers', () => {
	it('reads quoted fields, doubled quotes, line breaks inside quotes, a BOM and either delimiter', () => {
		const semicolon =
			'\uFEFFChargeStationId;Key;Value\r\n"A;1";K;"say ""hi""\nthere"\r\n\r\nB;K2;\r\n';
		expect(csvToObjects(semicolon)).toEqual([
			{ ChargeStationId: 'A;1', Key: 'K', Value: 'say "hi"\nthere' },
			{ ChargeStationId: 'B', Key: 'K2', Value: '' },
		]);
		expect(csvToObjects('ChargeStationId,Value\nA,"1,2"\nB')).toEqual([
			{ ChargeStationId: 'A', Value: '1,2' },
			{ ChargeStationId: 'B', Value: '' },
		]);
		expect(parseCsv('a;b\n1;2\n"x\ny";3\n4;5').records.map((r) => r.line)).toEqual([2, 3, 5]);
		expect(
			csvToObjects(
				toCsv(
					['K', 'V'],
					[
						['a;b', 'say "x"'],
						[' padded ', ''],
					],
					';',
				),
			),
		).toEqual([
			{ K: 'a;b', V: 'say "x"' },
			{ K: ' padded ', V: '' },
		]);
	});

	it('takes the certificate from plain text, a JSON string or an envelope', () => {
		const pem = SANDBOX_ROOT_CERTIFICATE.trim();
		expect(certificateText(SANDBOX_ROOT_CERTIFICATE)).toBe(pem);
		expect(certificateText(JSON.stringify(SANDBOX_ROOT_CERTIFICATE))).toBe(pem);
		expect(certificateText(JSON.stringify({ data: pem, status_code: 1000, timestamp: 'x' }))).toBe(
			pem,
		);
	});
});
